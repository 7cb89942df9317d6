import ApiGateway
import Foundation
import InventoryService
import OrderSaga
import OrderService
import SampleKit
import SampleSystem
import Testing
import WebClient

/// The patterns themselves, through the running services: the saga's compensations and idempotency, the gateway's
/// authentication, rate limit, circuit breaker and fallback, and the outbox relayed at least once to idempotent
/// subscribers.
@Suite("sample patterns")
struct PatternTests {
  static func checkout(_ orderId: Int, sku: String = "SKU-1", card: String = "tok-visa") -> OrderSaga.Checkout {
    .init(
      orderId: orderId, items: [.init(sku: sku, quantity: 2)], amount: 25.5, cardToken: card,
      address: "1 Main Street")
  }

  static func saga(_ system: SampleSystem) throws -> OrderSaga {
    try OrderSaga(
      inventory: InventoryClient(baseURL: system.url(of: "inventory-service")!),
      payments: PaymentClient(baseURL: system.url(of: "payment-service")!),
      shipping: ShippingClient(baseURL: system.url(of: "shipping-service")!))
  }

  @Test("saga: success, then each failure compensated in reverse order")
  func sagaPaths() async throws {
    let system = try await SampleSystem.start(directory: nil)
    let saga = try Self.saga(system)
    try await system.inventory.setStock(sku: "SKU-1", available: 10)

    let done = try await saga.run(Self.checkout(1), id: "s1")
    #expect(done.status == "completed" && done.shipmentId != nil)
    #expect(try await system.inventory.available(sku: "SKU-1") == 8)

    let outOfStock = try await saga.run(Self.checkout(2, sku: "SKU-9"), id: "s2")
    #expect(outOfStock.failedStep == "inventory" && outOfStock.compensations.isEmpty)

    system.shipping.carriersAvailable = false
    let noShipping = try await saga.run(Self.checkout(4), id: "s4")
    #expect(noShipping.failedStep == "shipping")
    #expect(noShipping.compensations == ["payment.refund", "inventory.release"])
    #expect(try await system.inventory.available(sku: "SKU-1") == 8)  // reserved, then released
    system.shipping.carriersAvailable = true
    await system.stop()
  }

  @Test("saga: a declined card releases the reservation; a retried saga is not applied twice")
  func sagaIdempotent() async throws {
    let system = try await SampleSystem.start(directory: nil)
    let saga = try Self.saga(system)
    try await system.inventory.setStock(sku: "SKU-1", available: 10)
    var big = Self.checkout(5)
    big.amount = 20_000  // over the limit: declined
    let declined = try await saga.run(big, id: "s5")
    #expect(declined.failedStep == "payment" && declined.compensations == ["inventory.release"])
    #expect(try await system.inventory.available(sku: "SKU-1") == 10)

    let first = try await saga.run(Self.checkout(6), id: "s6")
    let again = try await saga.run(Self.checkout(6), id: "s6")
    #expect(first == again)
    // The step itself retried with its key (as after a lost answer) reserves nothing more.
    let retried = try await InventoryClient(baseURL: system.url(of: "inventory-service")!).reserve(
      orderId: 6, items: [.init(sku: "SKU-1", quantity: 2)], key: "s6:reserve")
    #expect(retried == .reserved(id: first.reservationId!))
    #expect(try await system.inventory.available(sku: "SKU-1") == 8)
    await system.stop()
  }

  @Test("gateway: a token is needed, and each client is rate-limited")
  func gatewayGuard() async throws {
    let system = try await SampleSystem.start(directory: nil)
    let limited = try await RunningService.start(
      name: "limited-gateway",
      router: ApiGateway(
        .init(
          userServiceURL: system.url(of: "user-service")!, orderServiceURL: system.url(of: "order-service")!,
          checkoutServiceURL: system.url(of: "order-saga")!, rateLimit: 2, rateWindow: .seconds(60))
      ).router())
    let gateway = Downstream(name: "gateway", baseURL: limited.baseURL)
    #expect(try await gateway.send("GET", "/api/users/1").status == 401)
    #expect(try await gateway.send("GET", "/api/users/1", headers: [("Authorization", "Bearer nope")]).status == 401)
    let auth = [("Authorization", "Bearer web-token")]
    #expect(try await gateway.send("GET", "/api/users/1", headers: auth).status == 404)
    #expect(try await gateway.send("GET", "/api/users/1", headers: auth).status == 404)
    let third = try await gateway.send("GET", "/api/users/1", headers: auth)
    #expect(third.status == 429)
    let retryAfter = third.headers.first { $0.0.lowercased() == "retry-after" }?.1
    #expect(Int(retryAfter ?? "") ?? 0 >= 1)
    #expect(try await gateway.send("GET", "/health").status == 200)
    await limited.stop()
    await system.stop()
  }

  @Test("gateway: the dashboard degrades when order-service is down, and the breaker opens")
  func gatewayBreaker() async throws {
    let system = try await SampleSystem.start(directory: nil)
    try await system.users.store.save(.init(id: 42, name: "Alice", email: "alice@example.com"))
    let gateway = ApiGateway(
      .init(
        userServiceURL: system.url(of: "user-service")!, orderServiceURL: "http://127.0.0.1:9",
        checkoutServiceURL: system.url(of: "order-saga")!, failureThreshold: 2, cooldown: .seconds(60)))
    for _ in 0..<3 {
      let dashboard = try await gateway.dashboard(userId: 42)
      #expect(dashboard.user.name == "Alice" && dashboard.orders.isEmpty && dashboard.degraded == ["orders"])
    }
    guard case .open = gateway.orderBreaker.current else {
      Issue.record("the order-service breaker should be open after failures, is \(gateway.orderBreaker.current)")
      await system.stop()
      return
    }
    await system.stop()
  }

  @Test("breaker: half-open after the cooldown, closed again by a success")
  func breakerStates() async throws {
    struct Boom: Error {}
    let breaker = CircuitBreaker(name: "x", failureThreshold: 1, cooldown: .milliseconds(50))
    await #expect(throws: Boom.self) { try await breaker.run { () async throws -> Int in throw Boom() } }
    await #expect(throws: CircuitBreaker.Open.self) { try await breaker.run { 1 } }
    try await Task.sleep(for: .milliseconds(80))
    #expect(try await breaker.run { 2 } == 2)
    #expect(breaker.current == .closed(failures: 0))
  }

  @Test("messaging: the outbox reaches both subscribers, at least once, and a redelivery changes nothing")
  func outbox() async throws {
    let system = try await SampleSystem.start(directory: nil, relayInterval: .seconds(3600))
    try await system.inventory.setStock(sku: "SKU-1", available: 10)
    _ = try await system.inventory.reserve(.init(orderId: 1, items: [.init(sku: "SKU-1", quantity: 2)]), key: "r1")
    let (order, _) = try await system.orders.store.place(
      NewOrder(userId: 42, items: [OrderItem(sku: "SKU-1", quantity: 2)], total: 25.5))
    _ = try await system.orders.store.cancel(id: order.id, reason: "changed my mind")
    #expect(try await system.relay.relayOnce() == 4)  // two events, two subscribers
    #expect(try await system.relay.relayOnce() == 0)
    #expect(try await system.notifications.notifications(userId: 42).count == 2)
    #expect(try await system.inventory.available(sku: "SKU-1") == 10)  // reserved, committed, released

    // A subscriber that got an event but whose acknowledgement was lost gets it again: nothing changes.
    let subscriber = Downstream(name: "notification-service", baseURL: system.url(of: "notification-service")!)
    for event in try await system.orders.store.outbox() {
      #expect(try await subscriber.send("POST", "/events", json: event).status == 200)
    }
    #expect(try await system.notifications.notifications(userId: 42).count == 2)
    await system.stop()
  }

  @Test("placing an order never replaces another; a provider state replaces one only by asking to")
  func placingKeepsOtherOrders() async throws {
    let orders = try OrderStore()
    let new = NewOrder(userId: 1, items: [OrderItem(sku: "A", quantity: 1)], total: 1)
    _ = try await orders.arrangeForProviderState(new, id: 7)
    let (first, _) = try await orders.place(new)
    let (second, _) = try await orders.place(NewOrder(userId: 1, items: [], total: 2))
    #expect(Set([first.id, second.id, 7]).count == 3)
    #expect(try await orders.orders(userId: 1).map(\.id).sorted() == [7, first.id, second.id].sorted())
    // Only the two orders placed queued events.
    #expect(try await orders.outbox().count == 2)
    let replaced = try await orders.arrangeForProviderState(NewOrder(userId: 2, items: [], total: 3), id: 7)
    #expect(try await orders.order(id: 7) == replaced)
    #expect(try await orders.order(id: first.id) != nil)
  }

  @Test("messaging: an unreachable subscriber keeps its events for the next pass")
  func outboxRetries() async throws {
    let orders = try OrderStore()
    let relay = OutboxRelay(store: orders, subscribers: ["http://127.0.0.1:9"])
    _ = try await orders.place(NewOrder(userId: 1, items: [OrderItem(sku: "A", quantity: 1)], total: 1))
    #expect(try await relay.relayOnce() == 0)
    #expect(try await orders.undelivered(to: "http://127.0.0.1:9").count == 1)
  }
}
