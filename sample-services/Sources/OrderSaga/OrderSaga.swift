import Foundation
import GRDB
import Hummingbird
import SampleKit

/// `order-saga`: places an order across three services, and undoes what it did when a step fails.
///
/// `POST /checkouts` `{"orderId", "items", "amount", "cardToken", "address"}` (an `Idempotency-Key` header makes the
/// saga's id; a retried checkout returns the first one's outcome):
/// 1. inventory-service reserves the items (out of stock: the saga ends, nothing to undo)
/// 2. payment-service charges the card (declined: the reservation is released)
/// 3. shipping-service schedules the shipment (unavailable: the payment is refunded, then the reservation released)
///
/// Every step and every compensation carries its own idempotency key (`<saga>:reserve`, `<saga>:refund`, …), so a
/// step retried after a lost answer is applied once. The answer is 201 `{"sagaId", "status": "completed",
/// "reservationId", "paymentId", "shipmentId"}` or 409 `{"sagaId", "status": "compensated", "failedStep", "reason",
/// "compensations"}`.
public struct OrderSaga: Sendable {
  public static let name = "order-saga"
  public let inventory: InventoryClient
  public let payments: PaymentClient
  public let shipping: ShippingClient
  public let database: ServiceDatabase

  public init(inventory: InventoryClient, payments: PaymentClient, shipping: ShippingClient, path: String? = nil)
    throws
  {
    self.inventory = inventory
    self.payments = payments
    self.shipping = shipping
    database = try ServiceDatabase(path: path) { migrator in
      migrator.registerMigration("1 sagas") { db in
        try db.execute(sql: "CREATE TABLE sagas (id TEXT PRIMARY KEY, outcome BLOB NOT NULL)")
      }
    }
  }

  public struct Checkout: Codable, Sendable {
    public var orderId: Int
    public var items: [InventoryClient.Item]
    public var amount: Double
    public var cardToken: String
    public var address: String

    public init(orderId: Int, items: [InventoryClient.Item], amount: Double, cardToken: String, address: String) {
      self.orderId = orderId
      self.items = items
      self.amount = amount
      self.cardToken = cardToken
      self.address = address
    }
  }

  public struct Outcome: Codable, Sendable, Equatable {
    public var sagaId: String
    /// "completed" or "compensated".
    public var status: String
    public var reservationId: String?
    public var paymentId: String?
    public var shipmentId: String?
    public var failedStep: String?
    public var reason: String?
    /// The compensations run, in the order they ran.
    public var compensations: [String]
  }

  public func router() -> Router<BasicRequestContext> {
    let router = Router()
    let saga = self
    router.post("checkouts") { request, context in
      let checkout = try await JSONResponse.decode(Checkout.self, from: request, context: context)
      guard !checkout.items.isEmpty, checkout.amount > 0, !checkout.address.isEmpty else {
        throw ServiceError(.badRequest, "a checkout needs items, an amount above 0 and an address")
      }
      let id = request.headers[IdempotencyKeys.header] ?? UUID().uuidString.lowercased()
      let outcome: Outcome
      do {
        outcome = try await saga.run(checkout, id: id)
      } catch let failure as SagaFailure {
        throw ServiceError(.badGateway, "the checkout stopped half-way and needs a person: \(failure.message)")
      }
      return try JSONResponse.make(outcome, status: outcome.status == "completed" ? .created : .conflict)
    }
    ServiceRoutes.add(to: router, service: Self.name) { state in
      throw ServiceRoutes.unknown(state, service: Self.name)
    }
    return router
  }

  /// Runs the saga `id` (or returns its outcome if it ran before).
  public func run(_ checkout: Checkout, id: String) async throws -> Outcome {
    if let earlier = try await outcome(id: id) { return earlier }
    var outcome = Outcome(sagaId: id, status: "completed", compensations: [])
    func fail(_ step: String, _ reason: String, undo: [(String, () async throws -> Void)]) async throws -> Outcome {
      outcome.status = "compensated"
      outcome.failedStep = step
      outcome.reason = reason
      for (name, compensation) in undo {
        try await compensation()
        outcome.compensations.append(name)
      }
      return outcome
    }
    switch try await inventory.reserve(orderId: checkout.orderId, items: checkout.items, key: "\(id):reserve") {
    case .outOfStock(let sku):
      outcome = try await fail("inventory", "\(sku) is out of stock", undo: [])
    case .reserved(let reservationId):
      outcome.reservationId = reservationId
      let release = (
        "inventory.release", { try await inventory.release(reservationId: reservationId, key: "\(id):release") }
      )
      switch try await payments.charge(
        orderId: checkout.orderId, amount: checkout.amount, cardToken: checkout.cardToken, key: "\(id):charge")
      {
      case .declined(let reason):
        outcome = try await fail("payment", reason, undo: [release])
      case .charged(let paymentId):
        outcome.paymentId = paymentId
        let refund = ("payment.refund", { try await payments.refund(paymentId: paymentId, key: "\(id):refund") })
        switch try await shipping.schedule(orderId: checkout.orderId, address: checkout.address, key: "\(id):ship") {
        case .unavailable(let reason):
          outcome = try await fail("shipping", reason, undo: [refund, release])
        case .scheduled(let shipmentId):
          outcome.shipmentId = shipmentId
        }
      }
    }
    try await save(outcome)
    return outcome
  }

  func outcome(id: String) async throws -> Outcome? {
    let data = try await database.read { db in
      try Data.fetchOne(db, sql: "SELECT outcome FROM sagas WHERE id = ?", arguments: [id])
    }
    return try data.map { try JSONDecoder().decode(Outcome.self, from: $0) }
  }

  func save(_ outcome: Outcome) async throws {
    let data = try JSONResponse.encoder.encode(outcome)
    try await database.write { db in
      try db.execute(
        sql: "INSERT OR IGNORE INTO sagas (id, outcome) VALUES (?, ?)", arguments: [outcome.sagaId, data])
    }
  }
}
