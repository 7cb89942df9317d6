import Foundation
import Hummingbird
import SampleKit

/// `api-gateway`: the one door clients use.
///
/// - every `/api/…` route needs `Authorization: Bearer <token>` (401 otherwise) and is rate-limited per client
///   (429 with `Retry-After`)
/// - `GET /api/users/{id}` → user-service; `GET /api/orders/{id}` → order-service
/// - `GET /api/dashboard/{userId}` → the user and their orders, fetched at once and merged; when order-service is
///   failing (or its circuit breaker is open) the dashboard still answers, with `"orders": []` and
///   `"degraded": ["orders"]`
/// - each downstream is behind a ``CircuitBreaker``
/// - `GET /health`, `POST /_accord/provider-states` (which sets up the downstream services' states)
public struct ApiGateway: Sendable {
  public static let name = "api-gateway"

  public struct Configuration: Sendable {
    public var userServiceURL: String
    public var orderServiceURL: String
    /// Bearer token → client name.
    public var tokens: [String: String]
    public var rateLimit: Int
    public var rateWindow: Duration
    public var failureThreshold: Int
    public var cooldown: Duration

    public init(
      userServiceURL: String, orderServiceURL: String, tokens: [String: String] = ["web-token": "web-client"],
      rateLimit: Int = 600, rateWindow: Duration = .seconds(60), failureThreshold: Int = 3,
      cooldown: Duration = .seconds(5)
    ) {
      self.userServiceURL = userServiceURL
      self.orderServiceURL = orderServiceURL
      self.tokens = tokens
      self.rateLimit = rateLimit
      self.rateWindow = rateWindow
      self.failureThreshold = failureThreshold
      self.cooldown = cooldown
    }
  }

  public let configuration: Configuration
  public let users: UserServiceClient
  public let orders: OrderServiceClient
  public let userBreaker: CircuitBreaker
  public let orderBreaker: CircuitBreaker
  public let limiter: RateLimiter

  public init(_ configuration: Configuration) {
    self.configuration = configuration
    users = UserServiceClient(baseURL: configuration.userServiceURL)
    orders = OrderServiceClient(baseURL: configuration.orderServiceURL)
    userBreaker = CircuitBreaker(
      name: "user-service", failureThreshold: configuration.failureThreshold, cooldown: configuration.cooldown)
    orderBreaker = CircuitBreaker(
      name: "order-service", failureThreshold: configuration.failureThreshold, cooldown: configuration.cooldown)
    limiter = RateLimiter(limit: configuration.rateLimit, window: configuration.rateWindow)
  }

  public struct Dashboard: Codable, Sendable, Equatable {
    public var user: GatewayUser
    public var orders: [GatewayOrder]
    /// The parts answered from a fallback because their service failed.
    public var degraded: [String]
  }

  public func router() -> Router<BasicRequestContext> {
    let router = Router()
    let gateway = self
    let api = router.group("api").add(middleware: GatewayGuard(tokens: configuration.tokens, limiter: limiter))
    api.get("users/:id") { _, context in
      let id = try Self.id(context, "id")
      guard let user = try await gateway.call(gateway.userBreaker, { try await gateway.users.user(id: id) }) else {
        throw ServiceError(.notFound, "there is no user \(id)")
      }
      return try JSONResponse.make(user)
    }
    api.get("orders/:id") { _, context in
      let id = try Self.id(context, "id")
      guard let order = try await gateway.call(gateway.orderBreaker, { try await gateway.orders.order(id: id) }) else {
        throw ServiceError(.notFound, "there is no order \(id)")
      }
      return try JSONResponse.make(order)
    }
    api.get("dashboard/:userId") { _, context in
      let userId = try Self.id(context, "userId")
      return try JSONResponse.make(try await gateway.dashboard(userId: userId))
    }
    ServiceRoutes.add(to: router, service: Self.name) { state in try await gateway.setUp(state) }
    return router
  }

  /// The user and their orders, fetched concurrently; orders fall back to none when order-service fails.
  public func dashboard(userId: Int) async throws -> Dashboard {
    async let user = call(userBreaker) { try await users.user(id: userId) }
    async let list = Self.attempt { try await orderBreaker.run { try await orders.orders(userId: userId) } }
    guard let user = try await user else { throw ServiceError(.notFound, "there is no user \(userId)") }
    switch await list {
    case .success(let orders): return Dashboard(user: user, orders: orders, degraded: [])
    case .failure: return Dashboard(user: user, orders: [], degraded: ["orders"])
    }
  }

  /// Calls a downstream through its breaker; a failure becomes 503 saying which service.
  func call<T: Sendable>(_ breaker: CircuitBreaker, _ body: () async throws -> T) async throws -> T {
    do {
      return try await breaker.run(body)
    } catch {
      throw ServiceError(
        .serviceUnavailable, "\(breaker.name) is not answering; try again shortly", headers: [.retryAfter: "5"])
    }
  }

  static func attempt<T: Sendable>(_ body: () async throws -> T) async -> Result<T, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
  }

  static func id(_ context: BasicRequestContext, _ name: String) throws -> Int {
    guard let id = context.parameters.get(name, as: Int.self) else {
      throw ServiceError(.badRequest, "\(name) must be a whole number")
    }
    return id
  }

  /// The gateway's provider states are its downstream services' states.
  func setUp(_ state: ProviderStateRequest) async throws {
    let userId = state.int("userId") ?? 42
    var calls: [(Downstream, String, [String: StateValue])] = []
    let userService = users.downstream
    let orderService = orders.downstream
    switch state.state {
    case "a user has orders":
      calls = [
        (userService, "a user exists", ["id": .int(userId), "name": .text(state.string("name") ?? "Alice")]),
        (orderService, "a user has orders", ["userId": .int(userId), "orderId": .int(state.int("orderId") ?? 7)]),
      ]
    case "a user exists":
      calls = [(userService, "a user exists", ["id": .int(userId), "name": .text(state.string("name") ?? "Alice")])]
    default:
      throw ServiceRoutes.unknown(state, service: Self.name)
    }
    for (downstream, name, params) in calls {
      struct Change: Encodable, Sendable { var state: String, params: [String: StateValue], action: String }
      let answer = try await downstream.send(
        "POST", "/_accord/provider-states", json: Change(state: name, params: params, action: state.action))
      guard (200..<300).contains(answer.status) else {
        throw ServiceError(.badGateway, "\(downstream.name) refused provider state \"\(name)\" (\(answer.status))")
      }
    }
  }

  enum StateValue: Encodable, Sendable {
    case int(Int)
    case text(String)

    func encode(to encoder: any Encoder) throws {
      var container = encoder.singleValueContainer()
      switch self {
      case .int(let value): try container.encode(value)
      case .text(let value): try container.encode(value)
      }
    }
  }
}
