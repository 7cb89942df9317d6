import Foundation
import GRDB
import Hummingbird
import SampleKit
import Synchronization

/// `shipping-service`: shipments.
///
/// - `POST /shipments` `{"orderId", "address"}` with `Idempotency-Key` → 201 `{"shipmentId", "orderId",
///   "status": "scheduled"}`, or 503 `{"error"}` with `Retry-After` when no carrier is available
/// - `POST /shipments/{id}/cancel` with `Idempotency-Key` → `{"shipmentId", "orderId", "status": "cancelled"}`
/// - `GET /health`, `POST /_accord/provider-states`
public struct ShippingService: Sendable {
  public static let name = "shipping-service"
  public let database: ServiceDatabase
  let carriers = Flag()

  final class Flag: Sendable {
    let value = Mutex(true)
  }

  public init(path: String? = nil) throws {
    database = try ServiceDatabase(path: path) { migrator in
      migrator.registerMigration("1 shipments") { db in
        try db.execute(
          sql: """
            CREATE TABLE shipments (
              id TEXT PRIMARY KEY, order_id INTEGER NOT NULL, address TEXT NOT NULL, status TEXT NOT NULL)
            """)
        try IdempotencyKeys.createTable(db)
      }
    }
  }

  public struct ShipmentRequest: Codable, Sendable {
    public var orderId: Int
    public var address: String
  }

  public struct Shipment: Codable, Sendable {
    public var shipmentId: String
    public var orderId: Int
    public var status: String
  }

  /// Whether a carrier takes new shipments (false: every schedule answers 503).
  public var carriersAvailable: Bool {
    get { carriers.value.withLock { $0 } }
    nonmutating set { carriers.value.withLock { $0 = newValue } }
  }

  public func router() -> Router<BasicRequestContext> {
    let router = Router()
    let service = self
    router.post("shipments") { request, context in
      let key = try IdempotencyKeys.key(of: request)
      let ask = try await JSONResponse.decode(ShipmentRequest.self, from: request, context: context)
      guard !ask.address.isEmpty else { throw ServiceError(.badRequest, "give the address to ship to") }
      guard service.carriersAvailable else {
        throw ServiceError(
          .serviceUnavailable, "no carrier is available; try again later", headers: [.retryAfter: "60"])
      }
      return try await service.schedule(ask, key: key).response
    }
    router.post("shipments/:id/cancel") { request, context in
      let key = try IdempotencyKeys.key(of: request)
      let id = context.parameters.get("id") ?? ""
      guard let answer = try await service.cancel(id: id, key: key) else {
        throw ServiceError(.notFound, "there is no shipment \(id)")
      }
      return answer.response
    }
    ServiceRoutes.add(to: router, service: Self.name) { state in try await service.setUp(state) }
    return router
  }

  public func schedule(_ ask: ShipmentRequest, key: String) async throws -> IdempotencyKeys.Answer {
    let call = try IdempotencyKeys.Call(key: key, operation: "schedule", input: ask)
    return try await database.write { db in
      if let earlier = try call.earlier(db) { return earlier }
      let shipment = Shipment(
        shipmentId: "ship-" + UUID().uuidString.prefix(8).lowercased(), orderId: ask.orderId, status: "scheduled")
      try db.execute(
        sql: "INSERT INTO shipments (id, order_id, address, status) VALUES (?, ?, ?, 'scheduled')",
        arguments: [shipment.shipmentId, ask.orderId, ask.address])
      return try call.remember(status: 201, json: shipment, db)
    }
  }

  public func cancel(id: String, key: String) async throws -> IdempotencyKeys.Answer? {
    let call = try IdempotencyKeys.Call(key: key, operation: "cancel", input: id)
    return try await database.write { db in
      if let earlier = try call.earlier(db) { return earlier }
      guard let row = try Row.fetchOne(db, sql: "SELECT * FROM shipments WHERE id = ?", arguments: [id]) else {
        return nil
      }
      try db.execute(sql: "UPDATE shipments SET status = 'cancelled' WHERE id = ?", arguments: [id])
      let shipment = Shipment(shipmentId: id, orderId: row["order_id"], status: "cancelled")
      return try call.remember(status: 200, json: shipment, db)
    }
  }

  func setUp(_ state: ProviderStateRequest) async throws {
    switch state.state {
    case "shipping is available":
      carriersAvailable = true
    case "shipping is unavailable":
      // Only for the interaction that needs it: teardown makes carriers available again.
      carriersAvailable = !state.isSetup
    case "a shipment exists":
      guard state.isSetup else { return }
      let id = state.string("id") ?? "ship-1"
      try await database.write { db in
        try db.execute(
          sql: "INSERT OR REPLACE INTO shipments (id, order_id, address, status) VALUES (?, ?, ?, 'scheduled')",
          arguments: [id, state.int("orderId") ?? 7, "1 Main Street"])
      }
    default:
      guard state.isSetup else { return }
      throw ServiceRoutes.unknown(state, service: Self.name)
    }
  }
}
