import Foundation
import HTTPTypes
import Hummingbird
import SampleKit

/// `order-service`: orders, and the `OrderPlaced` / `OrderCancelled` events about them (through a transactional
/// outbox, relayed by ``OutboxRelay``).
///
/// - `GET /orders/{id}`; `GET /orders?userId=42` → `{"orders": [...]}`
/// - `POST /orders` `{"userId", "items": [{"sku", "quantity"}], "total"}` → 201, and an OrderPlaced event
/// - `POST /orders/{id}/cancel` `{"reason"}` → the cancelled order, and an OrderCancelled event
/// - `POST /_accord/messages` `{"description", "providerStates"}` → the event a message contract describes, made by
///   the code above (for `accord verify --messages-url`)
/// - `GET /health`, `POST /_accord/provider-states`
public struct OrderService: Sendable {
  public static let name = "order-service"
  public let store: OrderStore

  public init(store: OrderStore) { self.store = store }

  public func router() -> Router<BasicRequestContext> {
    let router = Router()
    let service = self
    router.get("orders/:id") { _, context in
      guard let id = context.parameters.get("id", as: Int.self) else {
        throw ServiceError(.badRequest, "the order id must be a whole number, as in /orders/7")
      }
      guard let order = try await service.store.order(id: id) else {
        throw ServiceError(.notFound, "there is no order \(id)")
      }
      return try JSONResponse.make(order)
    }
    router.get("orders") { request, _ in
      guard let text = request.uri.queryParameters.get("userId"), let userId = Int(text) else {
        throw ServiceError(.badRequest, "give the user whose orders to list: /orders?userId=42")
      }
      return try JSONResponse.make(OrderList(orders: try await service.store.orders(userId: userId)))
    }
    router.post("orders") { request, context in
      let new = try await JSONResponse.decode(NewOrder.self, from: request, context: context)
      guard !new.items.isEmpty, new.items.allSatisfy({ $0.quantity > 0 }), new.total >= 0 else {
        throw ServiceError(.badRequest, "an order needs items with quantities above 0, and a total of 0 or more")
      }
      return try JSONResponse.make(try await service.store.place(new).0, status: .created)
    }
    router.post("orders/:id/cancel") { request, context in
      struct Cancel: Decodable { var reason: String? }
      guard let id = context.parameters.get("id", as: Int.self) else {
        throw ServiceError(.badRequest, "the order id must be a whole number, as in /orders/7/cancel")
      }
      let body = try? await JSONResponse.decode(Cancel.self, from: request, context: context)
      guard let (order, _) = try await service.store.cancel(id: id, reason: body?.reason ?? "cancelled by the user")
      else {
        throw ServiceError(.notFound, "there is no order \(id)")
      }
      return try JSONResponse.make(order)
    }
    router.post("_accord/messages") { request, context in
      struct Ask: Decodable {
        var description: String
        var providerStates: [State]?
        struct State: Decodable { var name: String }
      }
      let ask = try await JSONResponse.decode(Ask.self, from: request, context: context)
      let event = try await service.message(for: ask.description)
      let metadata = try JSONSerialization.data(withJSONObject: event.metadata, options: [.sortedKeys])
      var response = try JSONResponse.make(event)
      response.headers[HTTPField.Name("Pact-Message-Metadata")!] = metadata.base64EncodedString()
      return response
    }
    ServiceRoutes.add(to: router, service: Self.name) { state in try await service.setUp(state) }
    return router
  }

  /// The event a message contract describes, made by the service's real code: placing (and cancelling) an order
  /// and reading what the outbox queued.
  public func message(for description: String) async throws -> OrderEvent {
    let new = NewOrder(userId: 42, items: [OrderItem(sku: "SKU-1", quantity: 2)], total: 25.5)
    switch description {
    case "an OrderPlaced event":
      return try await store.place(new).1
    case "an OrderCancelled event":
      let (order, _) = try await store.place(new)
      guard let (_, event) = try await store.cancel(id: order.id, reason: "the customer changed their mind"),
        let event
      else { throw ServiceError(.internalServerError, "the order just placed could not be cancelled") }
      return event
    default:
      throw ServiceError(.badRequest, "order-service publishes no message \"\(description)\"")
    }
  }

  func setUp(_ state: ProviderStateRequest) async throws {
    guard state.isSetup else { return }
    switch state.state {
    case "a user has orders":
      let userId = state.int("userId") ?? 42
      try await store.deleteOrders(userId: userId)
      _ = try await store.arrangeForProviderState(
        NewOrder(userId: userId, items: [OrderItem(sku: "SKU-1", quantity: 2)], total: 25.5),
        id: state.int("orderId") ?? 7)
    case "an order exists":
      _ = try await store.arrangeForProviderState(
        NewOrder(userId: state.int("userId") ?? 42, items: [OrderItem(sku: "SKU-1", quantity: 2)], total: 25.5),
        id: state.int("id") ?? 7)
    case "a user has no orders":
      try await store.deleteOrders(userId: state.int("userId") ?? 43)
    default:
      throw ServiceRoutes.unknown(state, service: Self.name)
    }
  }
}
