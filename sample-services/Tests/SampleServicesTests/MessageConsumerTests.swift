import Accord
import Foundation
import InventoryService
import NotificationService
import Testing

/// The message contracts on order-service's events: each subscriber's real handler takes the example event, and
/// handles a redelivery of it as a no-op.
@Suite("subscribers of order events as consumers")
struct MessageConsumerTests {
  static let placed: BodyTemplate = [
    "eventId": .uuid("6f1c2a4e-8a51-4c39-9f0e-3b0f2a1d7c11"), "type": "OrderPlaced", "orderId": .integer(7),
    "userId": .integer(42), "items": .eachLike(["sku": .like("SKU-1"), "quantity": .integer(2)], min: 1),
    "total": .decimal(25.5),
  ]
  static let cancelled: BodyTemplate = [
    "eventId": .uuid("0b5e9d7a-2c43-4f6e-a1d8-5e7c3b9f4a20"), "type": "OrderCancelled", "orderId": .integer(7),
    "userId": .integer(42), "items": .eachLike(["sku": .like("SKU-1"), "quantity": .integer(2)], min: 1),
    "total": .decimal(25.5), "reason": .like("the customer changed their mind"),
  ]

  @Test("notification-service: OrderPlaced notifies the user once")
  func notificationPlaced() async throws {
    let pact = Pact(consumer: "notification-service", provider: "order-service")
    let service = try NotificationService(path: nil)
    try await pact.message("an OrderPlaced event")
      .withContent(Self.placed)
      .withMetadata(["topic": "orders", "type": "OrderPlaced"])
      .verify { message in
        let event = try message.decode(NotificationService.OrderEventMessage.self)
        #expect(try await service.handle(event))
        #expect(try await service.handle(event) == false)
      }
    #expect(try await service.notifications(userId: 42).map(\.text) == ["Your order 7 is placed: 25.50 in total."])
  }

  @Test("notification-service: OrderCancelled notifies the user once")
  func notificationCancelled() async throws {
    let pact = Pact(consumer: "notification-service", provider: "order-service")
    let service = try NotificationService(path: nil)
    try await pact.message("an OrderCancelled event")
      .withContent(Self.cancelled)
      .withMetadata(["topic": "orders", "type": "OrderCancelled"])
      .verify { message in
        let event = try message.decode(NotificationService.OrderEventMessage.self)
        #expect(try await service.handle(event))
        #expect(try await service.handle(event) == false)
      }
    #expect(try await service.notifications(userId: 42).count == 1)
  }

  @Test("inventory-service: OrderPlaced commits the order's reservation")
  func inventoryPlaced() async throws {
    let pact = Pact(consumer: "inventory-service", provider: "order-service")
    let service = try InventoryService(path: nil)
    try await service.setStock(sku: "SKU-1", available: 10)
    _ = try await service.reserve(.init(orderId: 7, items: [.init(sku: "SKU-1", quantity: 2)]), key: "k1")
    try await pact.message("an OrderPlaced event")
      .withContent([
        "eventId": .uuid("6f1c2a4e-8a51-4c39-9f0e-3b0f2a1d7c11"), "type": "OrderPlaced", "orderId": .integer(7),
        "items": .eachLike(["sku": .like("SKU-1"), "quantity": .integer(2)], min: 1),
      ])
      .withMetadata(["topic": "orders", "type": "OrderPlaced"])
      .verify { message in
        let event = try message.decode(InventoryService.OrderEventMessage.self)
        #expect(try await service.handle(event))
        #expect(try await service.handle(event) == false)
      }
    #expect(try await service.available(sku: "SKU-1") == 8)
  }

  @Test("inventory-service: OrderCancelled puts the stock back, once")
  func inventoryCancelled() async throws {
    let pact = Pact(consumer: "inventory-service", provider: "order-service")
    let service = try InventoryService(path: nil)
    try await service.setStock(sku: "SKU-1", available: 10)
    _ = try await service.reserve(.init(orderId: 7, items: [.init(sku: "SKU-1", quantity: 2)]), key: "k1")
    try await pact.message("an OrderCancelled event")
      .withContent([
        "eventId": .uuid("0b5e9d7a-2c43-4f6e-a1d8-5e7c3b9f4a20"), "type": "OrderCancelled", "orderId": .integer(7),
        "items": .eachLike(["sku": .like("SKU-1"), "quantity": .integer(2)], min: 1),
      ])
      .withMetadata(["topic": "orders", "type": "OrderCancelled"])
      .verify { message in
        let event = try message.decode(InventoryService.OrderEventMessage.self)
        #expect(try await service.handle(event))
        #expect(try await service.handle(event) == false)
      }
    #expect(try await service.available(sku: "SKU-1") == 10)
  }
}
