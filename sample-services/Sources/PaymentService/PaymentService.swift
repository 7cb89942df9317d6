import Foundation
import GRDB
import Hummingbird
import SampleKit

/// `payment-service`: charges and refunds.
///
/// - `POST /payments` `{"orderId", "amount", "cardToken"}` with `Idempotency-Key` → 201
///   `{"paymentId", "orderId", "amount", "status": "charged"}`, or 402 `{"error"}` when the card is declined
/// - `POST /payments/{id}/refund` with `Idempotency-Key` → `{"paymentId", "status": "refunded"}`
/// - `GET /health`, `POST /_accord/provider-states`
public struct PaymentService: Sendable {
  public static let name = "payment-service"
  public let database: ServiceDatabase

  public init(path: String? = nil) throws {
    database = try ServiceDatabase(path: path) { migrator in
      migrator.registerMigration("1 payments") { db in
        try db.execute(
          sql: """
            CREATE TABLE payments (
              id TEXT PRIMARY KEY, order_id INTEGER NOT NULL, amount REAL NOT NULL, status TEXT NOT NULL);
            CREATE TABLE declined_cards (token TEXT PRIMARY KEY);
            """)
        try IdempotencyKeys.createTable(db)
      }
    }
  }

  public struct Charge: Codable, Sendable {
    public var orderId: Int
    public var amount: Double
    public var cardToken: String
  }

  public struct Payment: Codable, Sendable {
    public var paymentId: String
    public var orderId: Int
    public var amount: Double
    public var status: String
  }

  struct Declined: Codable { var error: String }

  public func router() -> Router<BasicRequestContext> {
    let router = Router()
    let service = self
    router.post("payments") { request, context in
      let key = try IdempotencyKeys.key(of: request)
      let charge = try await JSONResponse.decode(Charge.self, from: request, context: context)
      guard charge.amount > 0, charge.amount.isFinite else {
        throw ServiceError(.badRequest, "the amount must be above 0")
      }
      return try await service.charge(charge, key: key).response
    }
    router.post("payments/:id/refund") { request, context in
      let key = try IdempotencyKeys.key(of: request)
      let id = context.parameters.get("id") ?? ""
      guard let answer = try await service.refund(id: id, key: key) else {
        throw ServiceError(.notFound, "there is no payment \(id)")
      }
      return answer.response
    }
    ServiceRoutes.add(to: router, service: Self.name) { state in try await service.setUp(state) }
    return router
  }

  /// Charges the card once per key: a declined card (or an amount over 10,000) answers 402.
  public func charge(_ charge: Charge, key: String) async throws -> IdempotencyKeys.Answer {
    let call = try IdempotencyKeys.Call(key: key, operation: "charge", input: charge)
    return try await database.write { db in
      if let earlier = try call.earlier(db) { return earlier }
      let declined =
        try Bool.fetchOne(
          db, sql: "SELECT EXISTS (SELECT 1 FROM declined_cards WHERE token = ?)", arguments: [charge.cardToken])
        ?? false
      if declined || charge.amount > 10_000 {
        return try call.remember(status: 402, json: Declined(error: "the card was declined"), db)
      }
      let payment = Payment(
        paymentId: "pay-" + UUID().uuidString.prefix(8).lowercased(), orderId: charge.orderId, amount: charge.amount,
        status: "charged")
      try db.execute(
        sql: "INSERT INTO payments (id, order_id, amount, status) VALUES (?, ?, ?, 'charged')",
        arguments: [payment.paymentId, payment.orderId, payment.amount])
      return try call.remember(status: 201, json: payment, db)
    }
  }

  /// Refunds a payment once per key; `nil` when there is no such payment.
  public func refund(id: String, key: String) async throws -> IdempotencyKeys.Answer? {
    let call = try IdempotencyKeys.Call(key: key, operation: "refund", input: id)
    return try await database.write { db in
      if let earlier = try call.earlier(db) { return earlier }
      guard let row = try Row.fetchOne(db, sql: "SELECT * FROM payments WHERE id = ?", arguments: [id]) else {
        return nil
      }
      try db.execute(sql: "UPDATE payments SET status = 'refunded' WHERE id = ?", arguments: [id])
      let payment = Payment(paymentId: id, orderId: row["order_id"], amount: row["amount"], status: "refunded")
      return try call.remember(status: 200, json: payment, db)
    }
  }

  func setUp(_ state: ProviderStateRequest) async throws {
    guard state.isSetup else { return }
    switch state.state {
    case "a card is valid":
      let token = state.string("cardToken") ?? "tok-visa"
      try await database.write { db in
        try db.execute(sql: "DELETE FROM declined_cards WHERE token = ?", arguments: [token])
      }
    case "a card is declined":
      let token = state.string("cardToken") ?? "tok-declined"
      try await database.write { db in
        try db.execute(sql: "INSERT OR IGNORE INTO declined_cards (token) VALUES (?)", arguments: [token])
      }
    case "a payment exists":
      let id = state.string("id") ?? "pay-1"
      try await database.write { db in
        try db.execute(
          sql: "INSERT OR REPLACE INTO payments (id, order_id, amount, status) VALUES (?, ?, ?, 'charged')",
          arguments: [id, state.int("orderId") ?? 7, 25.5])
      }
    default:
      throw ServiceRoutes.unknown(state, service: Self.name)
    }
  }
}
