import Foundation
import GRDB
import SampleKit

/// Orders and the transactional outbox, in the service's own SQLite database: an order and the event about it are
/// written in one transaction, so an event is published if and only if its change happened.
public struct OrderStore: Sendable {
  let database: ServiceDatabase

  public init(path: String? = nil) throws {
    database = try ServiceDatabase(path: path) { migrator in
      migrator.registerMigration("1 orders and outbox") { db in
        try db.execute(
          sql: """
            CREATE TABLE orders (
              id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, items TEXT NOT NULL, total REAL NOT NULL,
              status TEXT NOT NULL);
            CREATE INDEX orders_by_user ON orders (user_id, id);
            CREATE TABLE outbox (
              position INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL,
              payload TEXT NOT NULL);
            CREATE TABLE outbox_deliveries (
              event_id TEXT NOT NULL REFERENCES outbox (event_id), subscriber TEXT NOT NULL,
              PRIMARY KEY (event_id, subscriber));
            """)
      }
    }
  }

  public func order(id: Int) async throws -> Order? {
    try await database.read { db in try Self.order(db, id: id) }
  }

  public func orders(userId: Int) async throws -> [Order] {
    try await database.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM orders WHERE user_id = ? ORDER BY id", arguments: [userId]).map(
        Self.order)
    }
  }

  /// Places an order under a new id and queues its OrderPlaced event, in one transaction. It never touches another
  /// order.
  public func place(_ new: NewOrder) async throws -> (Order, OrderEvent) {
    try await database.write { db in
      try db.execute(
        sql: "INSERT INTO orders (user_id, items, total, status) VALUES (?, ?, ?, ?)",
        arguments: [new.userId, try Self.json(new.items), new.total, "placed"])
      let order = Order(id: Int(db.lastInsertedRowID), userId: new.userId, items: new.items, total: new.total)
      let event = OrderEvent.placed(order)
      try Self.enqueue(event, db)
      return (order, event)
    }
  }

  /// For provider states only (the service's provider-state route; no route of the service calls it): makes the
  /// order with `id` exist as `new` describes, replacing the one with that id if there is one, and queues no event.
  /// Replacing is what the state asks for, said by its name, not a side effect of placing an order.
  public func arrangeForProviderState(_ new: NewOrder, id: Int) async throws -> Order {
    try await database.write { db in
      let order = Order(id: id, userId: new.userId, items: new.items, total: new.total)
      try db.execute(
        sql: "INSERT OR REPLACE INTO orders (id, user_id, items, total, status) VALUES (?, ?, ?, ?, ?)",
        arguments: [order.id, order.userId, try Self.json(order.items), order.total, order.status])
      return order
    }
  }

  /// Cancels an order and queues its OrderCancelled event, in one transaction; `nil` if there is no such order.
  /// Cancelling a cancelled order changes nothing and queues nothing.
  public func cancel(id: Int, reason: String) async throws -> (Order, OrderEvent?)? {
    try await database.write { db in
      guard var order = try Self.order(db, id: id) else { return nil }
      guard order.status != "cancelled" else { return (order, nil) }
      order.status = "cancelled"
      try db.execute(sql: "UPDATE orders SET status = 'cancelled' WHERE id = ?", arguments: [id])
      let event = OrderEvent.cancelled(order, reason: reason)
      try Self.enqueue(event, db)
      return (order, event)
    }
  }

  public func deleteOrders(userId: Int) async throws {
    try await database.write { db in
      try db.execute(sql: "DELETE FROM orders WHERE user_id = ?", arguments: [userId])
    }
  }

  /// Events not yet delivered to `subscriber`, oldest first.
  public func undelivered(to subscriber: String, limit: Int = 100) async throws -> [OrderEvent] {
    try await database.read { db in
      try String.fetchAll(
        db,
        sql: """
          SELECT payload FROM outbox o
          WHERE NOT EXISTS (SELECT 1 FROM outbox_deliveries d WHERE d.event_id = o.event_id AND d.subscriber = ?)
          ORDER BY position LIMIT ?
          """, arguments: [subscriber, limit]
      ).map { try JSONDecoder().decode(OrderEvent.self, from: Data($0.utf8)) }
    }
  }

  public func markDelivered(_ eventID: String, to subscriber: String) async throws {
    try await database.write { db in
      try db.execute(
        sql: "INSERT OR IGNORE INTO outbox_deliveries (event_id, subscriber) VALUES (?, ?)",
        arguments: [eventID, subscriber])
    }
  }

  /// Every event in the outbox, oldest first.
  public func outbox() async throws -> [OrderEvent] {
    try await database.read { db in
      try String.fetchAll(db, sql: "SELECT payload FROM outbox ORDER BY position").map {
        try JSONDecoder().decode(OrderEvent.self, from: Data($0.utf8))
      }
    }
  }

  static func enqueue(_ event: OrderEvent, _ db: Database) throws {
    let payload = String(decoding: try JSONResponse.encoder.encode(event), as: UTF8.self)
    try db.execute(
      sql: "INSERT INTO outbox (event_id, type, payload) VALUES (?, ?, ?)",
      arguments: [event.eventId, event.type, payload])
  }

  static func order(_ db: Database, id: Int) throws -> Order? {
    try Row.fetchOne(db, sql: "SELECT * FROM orders WHERE id = ?", arguments: [id]).map(order)
  }

  static func order(_ row: Row) throws -> Order {
    let items = try JSONDecoder().decode([OrderItem].self, from: Data((row["items"] as String).utf8))
    return Order(id: row["id"], userId: row["user_id"], items: items, total: row["total"], status: row["status"])
  }

  static func json(_ items: [OrderItem]) throws -> String {
    String(decoding: try JSONEncoder().encode(items), as: UTF8.self)
  }
}
