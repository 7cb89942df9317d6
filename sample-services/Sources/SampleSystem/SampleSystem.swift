import ApiGateway
import Foundation
import InventoryService
import NotificationService
import OrderSaga
import OrderService
import PaymentService
import SampleKit
import ShippingService
import UserService

/// Every sample service running in this process on free ports of 127.0.0.1, wired to each other: the gateway to
/// user-service, order-service and order-saga, the saga to inventory, payment and shipping, and order-service's outbox relay
/// to notification-service and inventory-service.
///
/// ```swift
/// let system = try await SampleSystem.start(directory: nil)   // nil: every store in memory
/// print(system.url(of: "api-gateway")!)
/// await system.stop()
/// ```
public final class SampleSystem: Sendable {
  /// The running services, in the order they started (providers first).
  public let services: [RunningService]
  public let users: UserService
  public let orders: OrderService
  public let inventory: InventoryService
  public let payments: PaymentService
  public let shipping: ShippingService
  public let notifications: NotificationService
  public let relay: OutboxRelay

  init(
    services: [RunningService], users: UserService, orders: OrderService, inventory: InventoryService,
    payments: PaymentService, shipping: ShippingService, notifications: NotificationService, relay: OutboxRelay
  ) {
    self.services = services
    self.users = users
    self.orders = orders
    self.inventory = inventory
    self.payments = payments
    self.shipping = shipping
    self.notifications = notifications
    self.relay = relay
  }

  /// The base URL of a running service, by name (e.g. "user-service").
  /// Every pacticipant of the sample contracts: the services, and the `web-client` library (a consumer only).
  public static let pacticipants: Set<String> = [
    UserService.name, OrderService.name, InventoryService.name, PaymentService.name, ShippingService.name,
    NotificationService.name, OrderSaga.name, ApiGateway.name, "web-client",
  ]

  public func url(of name: String) -> String? { services.first { $0.name == name }?.baseURL }

  /// Starts every service; each keeps its data in `<directory>/<service>.sqlite`, or in memory when `directory` is
  /// `nil`. `relayInterval` is how often order-service's outbox is relayed.
  public static func start(directory: URL?, relayInterval: Duration = .milliseconds(100)) async throws
    -> SampleSystem
  {
    func path(_ name: String) -> String? { directory?.appendingPathComponent("\(name).sqlite").path }
    var running: [RunningService] = []
    do {
      let users = UserService(store: try UserStore(path: path(UserService.name)))
      running.append(try await RunningService.start(name: UserService.name, router: users.router()))
      let inventory = try InventoryService(path: path(InventoryService.name))
      running.append(try await RunningService.start(name: InventoryService.name, router: inventory.router()))
      let payments = try PaymentService(path: path(PaymentService.name))
      running.append(try await RunningService.start(name: PaymentService.name, router: payments.router()))
      let shipping = try ShippingService(path: path(ShippingService.name))
      running.append(try await RunningService.start(name: ShippingService.name, router: shipping.router()))
      let notifications = try NotificationService(path: path(NotificationService.name))
      running.append(try await RunningService.start(name: NotificationService.name, router: notifications.router()))
      let orders = OrderService(store: try OrderStore(path: path(OrderService.name)))
      let relay = OutboxRelay(
        store: orders.store, subscribers: [running[4].baseURL, running[1].baseURL], interval: relayInterval)
      running.append(
        try await RunningService.start(name: OrderService.name, router: orders.router(), services: [relay]))
      let saga = try OrderSaga(
        inventory: InventoryClient(baseURL: running[1].baseURL), payments: PaymentClient(baseURL: running[2].baseURL),
        shipping: ShippingClient(baseURL: running[3].baseURL), path: path(OrderSaga.name))
      running.append(
        try await RunningService.start(
          name: OrderSaga.name, router: saga.router(), services: [SagaRecovery(saga: saga)]))
      let gateway = ApiGateway(
        .init(
          userServiceURL: running[0].baseURL, orderServiceURL: running[5].baseURL,
          checkoutServiceURL: running[6].baseURL))
      running.append(try await RunningService.start(name: ApiGateway.name, router: gateway.router()))
      return SampleSystem(
        services: running, users: users, orders: orders, inventory: inventory, payments: payments,
        shipping: shipping, notifications: notifications, relay: relay)
    } catch {
      for service in running.reversed() { await service.stop() }
      throw error
    }
  }

  /// Stops every service, consumers first.
  public func stop() async {
    for service in services.reversed() { await service.stop() }
  }
}
