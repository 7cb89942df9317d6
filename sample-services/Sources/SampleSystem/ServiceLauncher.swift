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
    ApiGateway.name: [UserService.name, OrderService.name],
  ]

  public struct LaunchError: Error, CustomStringConvertible {
    public var description: String
  }

  public static func start(
    _ name: String, host: String = "127.0.0.1", port: Int, database: String?, peers: [String: String]
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
    func peer(_ name: String) -> String { peers[name]! }
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
        store: orders.store, subscribers: [peer(NotificationService.name), peer(InventoryService.name)])
      return try await RunningService.start(
        name: name, router: orders.router(), host: host, port: port, services: [relay])
    case OrderSaga.name:
      let saga = try OrderSaga(
        inventory: InventoryClient(baseURL: peer(InventoryService.name)),
        payments: PaymentClient(baseURL: peer(PaymentService.name)),
        shipping: ShippingClient(baseURL: peer(ShippingService.name)), path: database)
      return try await RunningService.start(name: name, router: saga.router(), host: host, port: port)
    default:
      let gateway = ApiGateway(.init(userServiceURL: peer(UserService.name), orderServiceURL: peer(OrderService.name)))
      return try await RunningService.start(name: name, router: gateway.router(), host: host, port: port)
    }
  }
}
