import Foundation

/// An event order-service publishes (through its outbox) on the `orders` topic: `OrderPlaced` or `OrderCancelled`.
/// Subscribers get it as the JSON body of `POST /events`; `eventId` lets them ignore a redelivery.
public struct OrderEvent: Codable, Sendable, Hashable {
  public var eventId: String
  /// "OrderPlaced" or "OrderCancelled".
  public var type: String
  public var orderId: Int
  public var userId: Int
  public var items: [OrderItem]
  public var total: Double
  /// Why an order was cancelled; absent for OrderPlaced.
  public var reason: String?
  public var occurredAt: String

  public static let topic = "orders"

  /// The event for an order just placed.
  public static func placed(_ order: Order, id: String = UUID().uuidString.lowercased(), at date: Date = Date())
    -> OrderEvent
  {
    OrderEvent(
      eventId: id, type: "OrderPlaced", orderId: order.id, userId: order.userId, items: order.items,
      total: order.total, reason: nil, occurredAt: timestamp(date))
  }

  /// The event for an order just cancelled.
  public static func cancelled(
    _ order: Order, reason: String, id: String = UUID().uuidString.lowercased(), at date: Date = Date()
  )
    -> OrderEvent
  {
    OrderEvent(
      eventId: id, type: "OrderCancelled", orderId: order.id, userId: order.userId, items: order.items,
      total: order.total, reason: reason, occurredAt: timestamp(date))
  }

  /// The metadata that travels with the event (as headers of the delivery).
  public var metadata: [String: String] { ["topic": Self.topic, "type": type] }

  static func timestamp(_ date: Date) -> String {
    date.formatted(.iso8601)
  }
}
