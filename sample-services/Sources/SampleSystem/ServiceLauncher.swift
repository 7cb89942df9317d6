import ApiGateway
import Foundation
import InventoryService
import NIOCore
import NotificationService
import OrderSaga
import OrderService
import PaymentService
import SampleKit
import ShippingService
import UserService

/// Starts one sample service on its own, as a deployment would: its port, its SQLite file, and the URLs of the
/// services it calls (its peers).
///
/// ```swift
/// let gateway = try await ServiceLauncher.start(
///   "api-gateway", port: 8080, database: nil,
///   peers: ["user-service": "http://127.0.0.1:8081", "order-service": "http://127.0.0.1:8082"])
/// ```
public enum ServiceLauncher {
  /// The peers each service needs, by service name.
  public static let peersNeeded: [String: [String]] = [
    UserService.name: [], InventoryService.name: [], PaymentService.name: [], ShippingService.name: [],
    NotificationService.name: [],
    OrderService.name: [NotificationService.name, InventoryService.name],
    OrderSaga.name: [InventoryService.name, PaymentService.name, ShippingService.name],
    ApiGateway.name: [UserService.name, OrderService.name, OrderSaga.name],
  ]

  /// What a deployment may tune, for the services with background work: how long one call to a peer may take
  /// (order-saga's steps, order-service's deliveries to subscribers) and how often the background work runs
  /// (order-saga's recovery, order-service's outbox relay). `nil`: the service's default.
  public struct Tuning: Sendable {
    public var timeout: Duration?
    public var interval: Duration?

    public init(timeout: Duration? = nil, interval: Duration? = nil) {
      self.timeout = timeout
      self.interval = interval
    }

    /// The services that take a tuning.
    public static let services: Set<String> = [OrderService.name, OrderSaga.name]

    var timeAmount: TimeAmount? {
      timeout.map { .nanoseconds($0.components.seconds * 1_000_000_000 + $0.components.attoseconds / 1_000_000_000) }
    }
  }

  public struct LaunchError: Error, CustomStringConvertible {
    public var description: String
  }

  public static func start(
    _ name: String, host: String = "127.0.0.1", port: Int, database: String?, peers: [String: String],
    tuning: Tuning = Tuning()
  ) async throws -> RunningService {
    guard let needed = peersNeeded[name] else {
      throw LaunchError(
        description: "there is no sample service \"\(name)\"; choose one of "
          + peersNeeded.keys.sorted().joined(separator: ", "))
    }
    let missing = needed.filter { peers[$0] == nil }
    guard missing.isEmpty else {
      throw LaunchError(
        description: "\(name) calls " + needed.joined(separator: " and ") + "; give "
          + missing.map { "--peer \($0)=http://HOST:PORT" }.joined(separator: " "))
    }
    let unknown = peers.keys.filter { !needed.contains($0) }.sorted()
    guard unknown.isEmpty else {
      throw LaunchError(
        description: "\(name) does not call " + unknown.joined(separator: ", ") + "; it calls "
          + (needed.isEmpty ? "no other service" : needed.joined(separator: " and ")))
    }
    guard tuning.timeout == nil && tuning.interval == nil || Tuning.services.contains(name) else {
      throw LaunchError(
        description: "\(name) has no --timeout or --interval to tune; only "
          + Tuning.services.sorted().joined(separator: " and ") + " do")
    }
    func peer(_ name: String) -> String { peers[name]! }
    let timeout = tuning.timeAmount ?? .seconds(5)
    switch name {
    case UserService.name:
      let users = UserService(store: try UserStore(path: database))
      return try await RunningService.start(name: name, router: users.router(), host: host, port: port)
    case InventoryService.name:
      return try await RunningService.start(
        name: name, router: try InventoryService(path: database).router(), host: host, port: port)
    case PaymentService.name:
      return try await RunningService.start(
        name: name, router: try PaymentService(path: database).router(), host: host, port: port)
    case ShippingService.name:
      return try await RunningService.start(
        name: name, router: try ShippingService(path: database).router(), host: host, port: port)
    case NotificationService.name:
      return try await RunningService.start(
        name: name, router: try NotificationService(path: database).router(), host: host, port: port)
    case OrderService.name:
      let orders = OrderService(store: try OrderStore(path: database))
      let relay = OutboxRelay(
        store: orders.store, subscribers: [peer(NotificationService.name), peer(InventoryService.name)],
        interval: tuning.interval ?? .milliseconds(100), timeout: timeout)
      return try await RunningService.start(
        name: name, router: orders.router(), host: host, port: port, services: [relay])
    case OrderSaga.name:
      let saga = try OrderSaga(
        inventory: InventoryClient(baseURL: peer(InventoryService.name), timeout: timeout),
        payments: PaymentClient(baseURL: peer(PaymentService.name), timeout: timeout),
        shipping: ShippingClient(baseURL: peer(ShippingService.name), timeout: timeout), path: database,
        policy: OrderSaga.Policy(recoveryInterval: tuning.interval ?? .seconds(5)))
      return try await RunningService.start(
        name: name, router: saga.router(), host: host, port: port, services: [SagaRecovery(saga: saga)])
    default:
      let gateway = ApiGateway(
        .init(
          userServiceURL: peer(UserService.name), orderServiceURL: peer(OrderService.name),
          checkoutServiceURL: peer(OrderSaga.name)))
      return try await RunningService.start(name: name, router: gateway.router(), host: host, port: port)
    }
  }
}
