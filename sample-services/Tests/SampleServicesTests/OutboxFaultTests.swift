import Foundation
import GRDB
import InventoryService
import NotificationService
import OrderService
import SampleKit
import Testing

/// The outbox under real faults: order-service, notification-service and inventory-service as processes of their
/// own. order-service is killed after committing orders and before relaying them (and again while relaying), one
/// subscriber is down for a while and the other hangs mid-delivery: every event reaches both subscribers, in order
/// per order, and none is handled twice.
@Suite("the outbox survives faults", .enabled(if: FaultTests.enabled, FaultTests.reason))
struct OutboxFaultTests {
  static let stock = 100
  static let placed = 8
  static let cancelledIndexes = [1, 4, 6]

  @Test("order-service killed between commit and relay, a subscriber down, another hung: every event once")
  func faults() async throws {
    try await ServiceProcess.inScratchDirectory("outbox-faults") { directory in
      let notifications = ServiceProcess("notification-service", in: directory)
      let inventory = ServiceProcess("inventory-service", in: directory)
      try await notifications.start()
      try await inventory.start()
      // The relay passes once at start, then not for an hour: what is committed now is not relayed before the kill.
      let orders = ServiceProcess(
        "order-service", in: directory,
        peers: ["notification-service": notifications.baseURL, "inventory-service": inventory.baseURL],
        arguments: ["--interval", "3600"])
      try await orders.start()
      try await ServiceProcess.stopping([orders, notifications, inventory]) {
        try await run(orders: orders, notifications: notifications, inventory: inventory)
      }
      try await checkDatabases(directory)
    }
  }

  func run(orders: ServiceProcess, notifications: ServiceProcess, inventory: ServiceProcess) async throws {
    try await inventory.arrange("a SKU is in stock", ["sku": .string("SKU-1"), "available": .int(Self.stock)])
    var ids: [Int] = []
    for _ in 0..<Self.placed {
      struct Placed: Decodable { var id: Int }
      let answer = try await orders.client.send(
        "POST", "/orders", json: NewOrder(userId: 42, items: [OrderItem(sku: "SKU-1", quantity: 1)], total: 10))
      #expect(answer.status == 201)
      let id = try answer.decode(Placed.self).id
      ids.append(id)
      let reserved = try await inventory.client.send(
        "POST", "/reservations",
        json: InventoryService.ReservationRequest(orderId: id, items: [.init(sku: "SKU-1", quantity: 1)]),
        headers: [("Idempotency-Key", "reserve-\(id)")])
      #expect(reserved.status == 201)
    }
    for index in Self.cancelledIndexes {
      let answer = try await orders.client.send(
        "POST", "/orders/\(ids[index])/cancel", json: ["reason": "changed my mind"])
      #expect(answer.status == 200)
    }
    // Killed with every event committed and none relayed; a subscriber down; the other hung.
    await orders.kill()
    await notifications.kill()
    inventory.stall()
    try await orders.start(arguments: ["--interval", "0.2", "--timeout", "1"])
    // The relay cannot reach notification-service and gets no answer from inventory-service: deliveries it sent
    // wait in inventory-service's socket.
    try await Task.sleep(for: .milliseconds(2500))
    inventory.resume()
    let expectedStock = Self.stock - Self.placed + Self.cancelledIndexes.count
    try await eventually("inventory-service has every event") {
      struct Stock: Decodable { var available: Int }
      return try await inventory.client.send("GET", "/stock/SKU-1").decode(Stock.self).available == expectedStock
    }
    // notification-service comes back; order-service is killed again while relaying to it, and restarted.
    try await notifications.start()
    try await eventually("notification-service gets a first event") { try await notified(notifications).count > 0 }
    await orders.kill()
    try await orders.start()
    let events = Self.placed + Self.cancelledIndexes.count
    try await eventually("notification-service has every event") { try await notified(notifications).count >= events }
    try await Task.sleep(for: .milliseconds(600))  // three more relay passes: nothing more arrives
    let texts = try await notified(notifications)
    #expect(texts.count == events, "each event notified once: \(texts)")
    for (index, id) in ids.enumerated() {
      let mine = texts.filter { $0.orderId == id }.map(\.text)
      let cancelled = Self.cancelledIndexes.contains(index)
      #expect(mine.count == (cancelled ? 2 : 1), "order \(id): \(mine)")
      #expect(mine.first?.contains("is placed") == true, "order \(id): placed first, \(mine)")
      if cancelled { #expect(mine.last?.contains("is cancelled") == true, "order \(id): then cancelled, \(mine)") }
    }
  }

  func notified(_ service: ServiceProcess) async throws -> [NotificationService.Notification] {
    struct List: Decodable { var notifications: [NotificationService.Notification] }
    return try await service.client.send("GET", "/notifications?userId=42").decode(List.self).notifications
  }

  func eventually(_ what: String, within limit: Duration = .seconds(20), _ check: () async throws -> Bool)
    async throws
  {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
      if (try? await check()) == true { return }
      try await Task.sleep(for: .milliseconds(50))
    }
    throw ServiceProcess.Failure(message: "not within \(limit): \(what)")
  }

  /// The subscribers' inboxes hold each event once; inventory-service's reservations were committed or released
  /// once; order-service marked every event delivered to both.
  func checkDatabases(_ directory: URL) async throws {
    func path(_ name: String) -> String { directory.appendingPathComponent("\(name).sqlite").path }
    let events = Self.placed + Self.cancelledIndexes.count
    let inventory = try InventoryService(path: path("inventory-service")).database
    let (handled, statuses) = try await inventory.read { db in
      (
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM processed_events") ?? 0,
        try String.fetchAll(db, sql: "SELECT status FROM reservations ORDER BY status")
      )
    }
    #expect(handled == events)
    #expect(statuses.filter { $0 == "committed" }.count == Self.placed - Self.cancelledIndexes.count)
    #expect(statuses.filter { $0 == "released" }.count == Self.cancelledIndexes.count)
    let notifications = try NotificationService(path: path("notification-service")).database
    #expect(
      try await notifications.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM processed_events") } == events)
    let orders = try ServiceDatabase(path: path("order-service")) { _ in }
    #expect(try await orders.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM outbox_deliveries") } == events * 2)
  }
}
