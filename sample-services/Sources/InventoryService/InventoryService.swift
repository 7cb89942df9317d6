import Foundation
import GRDB
import Hummingbird
import SampleKit

/// `inventory-service`: stock and reservations; a subscriber of order-service's events.
///
/// - `POST /reservations` `{"orderId", "items": [{"sku", "quantity"}]}` with `Idempotency-Key` → 201
///   `{"reservationId", "orderId", "status": "reserved"}`, or 409 `{"error", "sku"}` when a SKU is short
/// - `POST /reservations/{id}/release` with `Idempotency-Key` → `{"reservationId", "status": "released"}` (stock back)
/// - `POST /events`: `OrderPlaced` commits the order's reservation, `OrderCancelled` releases it; a redelivered
///   event (same `eventId`) changes nothing
/// - `GET /stock/{sku}` → `{"sku", "available"}`; `GET /health`, `POST /_accord/provider-states`
public struct InventoryService: Sendable {
  public static let name = "inventory-service"
  public let database: ServiceDatabase

  public init(path: String? = nil) throws {
    database = try ServiceDatabase(path: path) { migrator in
      migrator.registerMigration("1 stock and reservations") { db in
        try db.execute(
          sql: """
            CREATE TABLE stock (sku TEXT PRIMARY KEY, available INTEGER NOT NULL CHECK (available >= 0));
            CREATE TABLE reservations (
              id TEXT PRIMARY KEY, order_id INTEGER NOT NULL, items TEXT NOT NULL, status TEXT NOT NULL);
            CREATE INDEX reservations_by_order ON reservations (order_id);
            """)
        try IdempotencyKeys.createTable(db)
        try EventInbox.createTable(db)
      }
    }
  }

  public struct Item: Codable, Sendable, Hashable {
    public var sku: String
    public var quantity: Int

    public init(sku: String, quantity: Int) {
      self.sku = sku
      self.quantity = quantity
    }
  }

  public struct ReservationRequest: Codable, Sendable {
    public var orderId: Int
    public var items: [Item]

    public init(orderId: Int, items: [Item]) {
      self.orderId = orderId
      self.items = items
    }
  }

  public struct Reservation: Codable, Sendable {
    public var reservationId: String
    public var orderId: Int
    public var status: String
  }

  struct Shortage: Codable { var error: String, sku: String }

  /// What inventory-service reads from an order event: only what it needs.
  public struct OrderEventMessage: Codable, Sendable {
    public var eventId: String
    public var type: String
    public var orderId: Int
    public var items: [Item]
  }

  public func router() -> Router<BasicRequestContext> {
    let router = Router()
    let service = self
    router.post("reservations") { request, context in
      let key = try IdempotencyKeys.key(of: request)
      let ask = try await JSONResponse.decode(ReservationRequest.self, from: request, context: context)
      guard !ask.items.isEmpty, ask.items.allSatisfy({ $0.quantity > 0 }) else {
        throw ServiceError(.badRequest, "a reservation needs items with quantities above 0")
      }
      return try await service.reserve(ask, key: key).response
    }
    router.post("reservations/:id/release") { request, context in
      let key = try IdempotencyKeys.key(of: request)
      let id = context.parameters.get("id") ?? ""
      guard let answer = try await service.release(id: id, key: key) else {
        throw ServiceError(.notFound, "there is no reservation \(id)")
      }
      return answer.response
    }
    router.post("events") { request, context in
      let event = try await JSONResponse.decode(OrderEventMessage.self, from: request, context: context)
      let applied = try await service.handle(event)
      return try JSONResponse.make(["applied": applied])
    }
    router.get("stock/:sku") { _, context in
      let sku = context.parameters.get("sku") ?? ""
      struct Stock: Encodable { var sku: String, available: Int }
      return try JSONResponse.make(Stock(sku: sku, available: try await service.available(sku: sku)))
    }
    ServiceRoutes.add(to: router, service: Self.name) { state in try await service.setUp(state) }
    return router
  }

  /// Reserves every item or none; the answer is remembered under `key`.
  public func reserve(_ ask: ReservationRequest, key: String) async throws -> IdempotencyKeys.Answer {
    let call = try IdempotencyKeys.Call(key: key, operation: "reserve", input: ask)
    return try await database.write { db in
      if let earlier = try call.earlier(db) { return earlier }
      for item in ask.items {
        let available = try Int.fetchOne(db, sql: "SELECT available FROM stock WHERE sku = ?", arguments: [item.sku])
        if (available ?? 0) < item.quantity {
          return try call.remember(status: 409, json: Shortage(error: "\(item.sku) is out of stock", sku: item.sku), db)
        }
      }
      for item in ask.items {
        try db.execute(
          sql: "UPDATE stock SET available = available - ? WHERE sku = ?", arguments: [item.quantity, item.sku])
      }
      let id = "res-" + UUID().uuidString.prefix(8).lowercased()
      let reservation = Reservation(reservationId: id, orderId: ask.orderId, status: "reserved")
      try db.execute(
        sql: "INSERT INTO reservations (id, order_id, items, status) VALUES (?, ?, ?, ?)",
        arguments: [
          reservation.reservationId, ask.orderId, String(decoding: try JSONEncoder().encode(ask.items), as: UTF8.self),
          "reserved",
        ])
      return try call.remember(status: 201, json: reservation, db)
    }
  }

  /// Releases a reservation (its stock comes back once); `nil` when there is no such reservation.
  public func release(id: String, key: String) async throws -> IdempotencyKeys.Answer? {
    let call = try IdempotencyKeys.Call(key: key, operation: "release", input: id)
    return try await database.write { db in
      if let earlier = try call.earlier(db) { return earlier }
      guard let row = try Row.fetchOne(db, sql: "SELECT * FROM reservations WHERE id = ?", arguments: [id]) else {
        return nil
      }
      try Self.release(row, db)
      let released = Reservation(reservationId: id, orderId: row["order_id"], status: "released")
      return try call.remember(status: 200, json: released, db)
    }
  }

  /// Applies an order event once; false for a redelivery or an event that needs nothing here.
  public func handle(_ event: OrderEventMessage) async throws -> Bool {
    try await database.write { db in
      guard try EventInbox.firstDelivery(of: event.eventId, db) else { return false }
      let rows = try Row.fetchAll(
        db, sql: "SELECT * FROM reservations WHERE order_id = ? AND status = 'reserved'", arguments: [event.orderId])
      switch event.type {
      case "OrderPlaced":
        try db.execute(
          sql: "UPDATE reservations SET status = 'committed' WHERE order_id = ? AND status = 'reserved'",
          arguments: [event.orderId])
      case "OrderCancelled":
        for row in try Row.fetchAll(
          db, sql: "SELECT * FROM reservations WHERE order_id = ? AND status IN ('reserved', 'committed')",
          arguments: [event.orderId])
        {
          try Self.release(row, db)
        }
      default:
        return false
      }
      return !rows.isEmpty || event.type == "OrderCancelled"
    }
  }

  public func available(sku: String) async throws -> Int {
    try await database.read { db in
      try Int.fetchOne(db, sql: "SELECT available FROM stock WHERE sku = ?", arguments: [sku]) ?? 0
    }
  }

  public func setStock(sku: String, available: Int) async throws {
    try await database.write { db in
      try db.execute(
        sql: "INSERT OR REPLACE INTO stock (sku, available) VALUES (?, ?)", arguments: [sku, available])
    }
  }

  static func release(_ row: Row, _ db: Database) throws {
    guard ["reserved", "committed"].contains(row["status"] as String) else { return }
    let items = try JSONDecoder().decode([Item].self, from: Data((row["items"] as String).utf8))
    for item in items {
      try db.execute(
        sql: "UPDATE stock SET available = available + ? WHERE sku = ?", arguments: [item.quantity, item.sku])
    }
    try db.execute(sql: "UPDATE reservations SET status = 'released' WHERE id = ?", arguments: [row["id"] as String])
  }

  func setUp(_ state: ProviderStateRequest) async throws {
    guard state.isSetup else { return }
    switch state.state {
    case "a SKU is in stock":
      try await setStock(sku: state.string("sku") ?? "SKU-1", available: state.int("available") ?? 10)
    case "a SKU is out of stock":
      try await setStock(sku: state.string("sku") ?? "SKU-9", available: 0)
    case "a reservation exists":
      let sku = state.string("sku") ?? "SKU-1"
      try await setStock(sku: sku, available: 10)
      let id = state.string("id") ?? "res-1"
      try await database.write { db in
        try db.execute(sql: "DELETE FROM reservations WHERE id = ?", arguments: [id])
        try db.execute(
          sql: "INSERT INTO reservations (id, order_id, items, status) VALUES (?, ?, ?, 'reserved')",
          arguments: [id, state.int("orderId") ?? 7, #"[{"sku":"\#(sku)","quantity":2}]"#])
      }
    default:
      throw ServiceRoutes.unknown(state, service: Self.name)
    }
  }
}
