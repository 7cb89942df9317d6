import Foundation
import GRDB
import Hummingbird
import SampleKit

/// `notification-service`: tells users about their orders; a subscriber of order-service's events.
///
/// - `POST /events`: an `OrderPlaced` or `OrderCancelled` event → one notification; a redelivered event (same
///   `eventId`) changes nothing
/// - `GET /notifications?userId=42` → `{"notifications": [{"userId", "orderId", "text"}]}`
/// - `GET /health`, `POST /_accord/provider-states`
public struct NotificationService: Sendable {
  public static let name = "notification-service"
  public let database: ServiceDatabase

  public init(path: String? = nil) throws {
    database = try ServiceDatabase(path: path) { migrator in
      migrator.registerMigration("1 notifications") { db in
        try db.execute(
          sql: """
            CREATE TABLE notifications (
              id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER NOT NULL, order_id INTEGER NOT NULL,
              text TEXT NOT NULL)
            """)
        try EventInbox.createTable(db)
      }
    }
  }

  /// What notification-service reads from an order event: only what it needs.
  public struct OrderEventMessage: Codable, Sendable {
    public var eventId: String
    public var type: String
    public var orderId: Int
    public var userId: Int
    public var total: Double
    public var reason: String?
  }

  public struct Notification: Codable, Sendable, Hashable {
    public var userId: Int
    public var orderId: Int
    public var text: String
  }

  public func router() -> Router<BasicRequestContext> {
    let router = Router()
    let service = self
    router.post("events") { request, context in
      let event = try await JSONResponse.decode(OrderEventMessage.self, from: request, context: context)
      return try JSONResponse.make(["applied": try await service.handle(event)])
    }
    router.get("notifications") { request, _ in
      guard let text = request.uri.queryParameters.get("userId"), let userId = Int(text) else {
        throw ServiceError(.badRequest, "give the user whose notifications to list: /notifications?userId=42")
      }
      struct List: Encodable { var notifications: [Notification] }
      return try JSONResponse.make(List(notifications: try await service.notifications(userId: userId)))
    }
    ServiceRoutes.add(to: router, service: Self.name) { state in
      throw ServiceRoutes.unknown(state, service: Self.name)
    }
    return router
  }

  /// Notifies the user once per event; false for a redelivery or an event type it does not know.
  public func handle(_ event: OrderEventMessage) async throws -> Bool {
    let text: String
    switch event.type {
    case "OrderPlaced":
      text = "Your order \(event.orderId) is placed: \(String(format: "%.2f", event.total)) in total."
    case "OrderCancelled":
      text = "Your order \(event.orderId) is cancelled" + (event.reason.map { " (\($0))." } ?? ".")
    default:
      return false
    }
    return try await database.write { db in
      guard try EventInbox.firstDelivery(of: event.eventId, db) else { return false }
      try db.execute(
        sql: "INSERT INTO notifications (user_id, order_id, text) VALUES (?, ?, ?)",
        arguments: [event.userId, event.orderId, text])
      return true
    }
  }

  public func notifications(userId: Int) async throws -> [Notification] {
    try await database.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM notifications WHERE user_id = ? ORDER BY id", arguments: [userId]).map {
        Notification(userId: $0["user_id"], orderId: $0["order_id"], text: $0["text"])
      }
    }
  }
}
