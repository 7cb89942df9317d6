import Foundation
import Hummingbird
import SampleKit

/// `api-gateway`: the one door clients use.
///
/// - every `/api/…` route needs `Authorization: Bearer <token>` (401 otherwise) and is rate-limited per client
///   (429 with `Retry-After`)
/// - `GET /api/users/{id}` → user-service; `GET /api/orders/{id}` → order-service
/// - `POST /api/checkouts` (with `Idempotency-Key`) and `GET /api/checkouts/{id}` → order-saga: a checkout and where
///   it stands
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
    /// order-saga's.
    public var checkoutServiceURL: String
    /// Bearer token → client name.
    public var tokens: [String: String]
    public var rateLimit: Int
    public var rateWindow: Duration
    public var failureThreshold: Int
    public var cooldown: Duration

    public init(
      userServiceURL: String, orderServiceURL: String, checkoutServiceURL: String,
      tokens: [String: String] = ["web-token": "web-client"],
      rateLimit: Int = 600, rateWindow: Duration = .seconds(60), failureThreshold: Int = 3,
      cooldown: Duration = .seconds(5)
    ) {
      self.userServiceURL = userServiceURL
      self.orderServiceURL = orderServiceURL
      self.checkoutServiceURL = checkoutServiceURL
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
  public let checkouts: CheckoutServiceClient
  public let userBreaker: CircuitBreaker
  public let orderBreaker: CircuitBreaker
  public let checkoutBreaker: CircuitBreaker
  public let limiter: RateLimiter

  public init(_ configuration: Configuration) {
    self.configuration = configuration
    users = UserServiceClient(baseURL: configuration.userServiceURL)
    orders = OrderServiceClient(baseURL: configuration.orderServiceURL)
    checkouts = CheckoutServiceClient(baseURL: configuration.checkoutServiceURL)
    userBreaker = CircuitBreaker(
      name: "user-service", failureThreshold: configuration.failureThreshold, cooldown: configuration.cooldown)
    orderBreaker = CircuitBreaker(
      name: "order-service", failureThreshold: configuration.failureThreshold, cooldown: configuration.cooldown)
    checkoutBreaker = CircuitBreaker(
      name: "order-saga", failureThreshold: configuration.failureThreshold, cooldown: configuration.cooldown)
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
    api.post("checkouts") { request, context in
      let key = try IdempotencyKeys.key(of: request)
      let checkout = try await JSONResponse.decode(GatewayCheckoutRequest.self, from: request, context: context)
      let started = try await gateway.call(gateway.checkoutBreaker) {
        try await gateway.checkouts.start(checkout, key: key)
      }
      guard case .checkout(let status, let answer) = started else {
        if case .refused(let status, let message) = started { throw ServiceError(.init(code: status), message) }
        throw ServiceError(.badGateway, "order-saga answered the checkout in a way the gateway does not know")
      }
      var response = try JSONResponse.make(answer, status: .init(code: status))
      if status == 202 {
        response.headers[.location] = "/api/checkouts/" + Downstream.pathSegment(key)
      }
      return response
    }
    api.get("checkouts/:id") { _, context in
      let id = context.parameters.get("id") ?? ""
      guard
        let checkout = try await gateway.call(gateway.checkoutBreaker, { try await gateway.checkouts.checkout(id: id) })
      else {
        throw ServiceError(.notFound, "there is no checkout \(id)")
      }
      return try JSONResponse.make(checkout)
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
    let user: [String: StateParameter] = ["id": .int(userId), "name": .string(state.string("name") ?? "Alice")]
    switch state.state {
    case "a user has orders":
      try await users.downstream.arrange("a user exists", user, action: state.action)
      try await orders.downstream.arrange(
        "a user has orders", ["userId": .int(userId), "orderId": .int(state.int("orderId") ?? 7)],
        action: state.action)
    case "a user exists":
      try await users.downstream.arrange("a user exists", user, action: state.action)
    default:
      throw ServiceRoutes.unknown(state, service: Self.name)
    }
  }
}
