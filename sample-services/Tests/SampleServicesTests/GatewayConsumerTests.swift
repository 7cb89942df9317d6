import Accord
import ApiGateway
import Foundation
import Testing
import WebClient

/// The gateway's contracts with user-service and order-service, written by running its real clients against
/// Accord's mock servers.
@Suite("api-gateway as a consumer")
struct GatewayConsumerTests {
  let users = Pact(consumer: "api-gateway", provider: "user-service")
  let orders = Pact(consumer: "api-gateway", provider: "order-service")

  @Test("user-service: a user by id")
  func user() async throws {
    let user = try await users.interaction("a request for user 42")
      .given("a user exists", ["id": 42, "name": "Alice"])
      .withRequest(.get, "/users/42", headers: ["Accept": "application/json"])
      .willRespond(
        200, headers: ["Content-Type": "application/json"],
        body: ["id": .integer(42), "name": .like("Alice"), "email": .like("alice@example.com")]
      )
      .run { url in try await UserServiceClient(baseURL: url.absoluteString).user(id: 42) }
    #expect(user == GatewayUser(id: 42, name: "Alice", email: "alice@example.com"))
  }

  @Test("user-service: an unknown user is 404")
  func unknownUser() async throws {
    let user = try await users.interaction("a request for a user that does not exist")
      .given("no user exists", ["id": 404])
      .withRequest(.get, "/users/404", headers: ["Accept": "application/json"])
      .willRespond(404)
      .run { url in try await UserServiceClient(baseURL: url.absoluteString).user(id: 404) }
    #expect(user == nil)
  }

  @Test("order-service: a user's orders")
  func ordersOfUser() async throws {
    let list = try await orders.interaction("a request for the orders of user 42")
      .given("a user has orders", ["userId": 42, "orderId": 7])
      .withRequest(.get, "/orders", query: ["userId": "42"], headers: ["Accept": "application/json"])
      .willRespond(
        200, headers: ["Content-Type": "application/json"],
        body: [
          "orders": .eachLike(["id": .integer(7), "total": .decimal(25.5), "status": .like("placed")], min: 1)
        ]
      )
      .run { url in try await OrderServiceClient(baseURL: url.absoluteString).orders(userId: 42) }
    #expect(list == [GatewayOrder(id: 7, total: 25.5, status: "placed")])
  }

  @Test("order-service: an order by id")
  func order() async throws {
    let order = try await orders.interaction("a request for order 7")
      .given("an order exists", ["id": 7, "userId": 42])
      .withRequest(.get, "/orders/7", headers: ["Accept": "application/json"])
      .willRespond(
        200, headers: ["Content-Type": "application/json"],
        body: ["id": .integer(7), "total": .decimal(25.5), "status": .like("placed")]
      )
      .run { url in try await OrderServiceClient(baseURL: url.absoluteString).order(id: 7) }
    #expect(order == GatewayOrder(id: 7, total: 25.5, status: "placed"))
  }
}

/// The gateway's contract with order-saga: starting a checkout, and reading where one stands (its status and step
/// log) — the saga's status endpoint.
@Suite("api-gateway as a consumer of order-saga")
struct GatewayCheckoutConsumerTests {
  let saga = Pact(consumer: "api-gateway", provider: "order-saga")

  static let steps: Template = .eachLike(
    [
      "step": .like("inventory.reserve"), "event": .like("started"),
      "at": .regex(#"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z"#, example: "2026-12-07T10:00:00.000Z"),
    ], min: 1)

  @Test("order-saga: a checkout that completes")
  func checkout() async throws {
    let request = GatewayCheckoutRequest(
      orderId: 7, items: [.init(sku: "SKU-1", quantity: 2)], amount: 25.5, cardToken: "tok-visa",
      address: "1 Main Street")
    let started = try await saga.interaction("a checkout of items in stock with a valid card")
      .given(
        "items are in stock, the card is valid and shipping is available", ["sku": "SKU-1", "cardToken": "tok-visa"]
      )
      .withRequest(
        .post, "/checkouts",
        headers: [
          "Content-Type": "application/json", "Idempotency-Key": .regex(".+", example: "checkout-7"),
        ],
        body: [
          "orderId": .integer(7), "items": .eachLike(["sku": .like("SKU-1"), "quantity": .integer(2)], min: 1),
          "amount": .decimal(25.5), "cardToken": .like("tok-visa"), "address": .like("1 Main Street"),
        ]
      )
      .willRespond(
        201, headers: ["Content-Type": "application/json"],
        body: ["sagaId": .like("checkout-7"), "status": "completed", "steps": Self.steps]
      )
      .run { url in try await CheckoutServiceClient(baseURL: url.absoluteString).start(request, key: "checkout-7") }
    guard case .checkout(201, let checkout) = started else {
      Issue.record("expected a completed checkout, got \(started)")
      return
    }
    #expect(checkout.sagaId == "checkout-7" && checkout.status == "completed" && checkout.steps.count == 1)
  }

  @Test("order-saga: where a checkout stands, with its step log")
  func status() async throws {
    let checkout = try await saga.interaction("a request for a completed checkout")
      .given("a checkout has completed", ["sagaId": "checkout-1"])
      .withRequest(.get, "/checkouts/checkout-1", headers: ["Accept": "application/json"])
      .willRespond(
        200, headers: ["Content-Type": "application/json"],
        body: ["sagaId": "checkout-1", "status": .like("completed"), "steps": Self.steps]
      )
      .run { url in try await CheckoutServiceClient(baseURL: url.absoluteString).checkout(id: "checkout-1") }
    #expect(checkout?.status == "completed" && checkout?.steps.first?.step == "inventory.reserve")
  }

  @Test("order-saga: an unknown checkout is 404")
  func unknown() async throws {
    let checkout = try await saga.interaction("a request for a checkout that does not exist")
      .withRequest(.get, "/checkouts/no-such-checkout", headers: ["Accept": "application/json"])
      .willRespond(404)
      .run { url in try await CheckoutServiceClient(baseURL: url.absoluteString).checkout(id: "no-such-checkout") }
    #expect(checkout == nil)
  }
}

/// The web front end's contract with the gateway: the end of the chain web-client → api-gateway → services.
@Suite("web-client as a consumer")
struct WebClientConsumerTests {
  let gateway = Pact(consumer: "web-client", provider: "api-gateway")

  @Test("the dashboard of a user with orders")
  func dashboard() async throws {
    let dashboard = try await gateway.interaction("a request for the dashboard of user 42")
      .given("a user has orders", ["userId": 42, "orderId": 7, "name": "Alice"])
      .withRequest(
        .get, "/api/dashboard/42",
        headers: ["Accept": "application/json", "Authorization": .regex("Bearer .+", example: "Bearer web-token")]
      )
      .willRespond(
        200, headers: ["Content-Type": "application/json"],
        body: [
          "user": ["id": .integer(42), "name": .like("Alice")],
          "orders": .eachLike(["id": .integer(7), "total": .decimal(25.5), "status": .like("placed")], min: 1),
        ]
      )
      .run { url in try await WebClient(baseURL: url.absoluteString, token: "web-token").dashboard(userId: 42) }
    #expect(dashboard.greeting == "Hello Alice, you have 1 order")
  }

  @Test("without a token: 401")
  func unauthorized() async throws {
    try await gateway.interaction("a request for a dashboard without a token")
      .withRequest(.get, "/api/dashboard/42", headers: ["Accept": "application/json"])
      .willRespond(401, headers: ["Content-Type": "application/json"], body: ["error": .like("send a bearer token")])
      .run { url in
        await #expect(throws: WebClient.Failure.notSignedIn) {
          try await WebClient(baseURL: url.absoluteString, token: "").dashboard(userId: 42)
        }
      }
  }
}
