import Accord
import Foundation
import OrderSaga
import Testing

/// order-saga's contracts with inventory, payment and shipping: each step's success and failure, and each
/// compensation, with the idempotency key every call carries.
@Suite("order-saga as a consumer")
struct SagaConsumerTests {
  let inventory = Pact(consumer: "order-saga", provider: "inventory-service")
  let payments = Pact(consumer: "order-saga", provider: "payment-service")
  let shipping = Pact(consumer: "order-saga", provider: "shipping-service")

  /// Any key; the example is the one the client sends, so a verifier replaying interactions sends each its own.
  static func key(_ example: String) -> Template { .regex(".+", example: example) }
  static let items: Template = .eachLike(["sku": .like("SKU-1"), "quantity": .integer(2)], min: 1)

  @Test("inventory: a reservation")
  func reserve() async throws {
    let outcome = try await inventory.interaction("a reservation of items in stock")
      .given("a SKU is in stock", ["sku": "SKU-1", "available": 10])
      .withRequest(
        .post, "/reservations",
        headers: ["Content-Type": "application/json", "Idempotency-Key": Self.key("saga-1:reserve")],
        body: ["orderId": .integer(7), "items": Self.items]
      )
      .willRespond(
        201, headers: ["Content-Type": "application/json"],
        body: ["reservationId": .like("res-1"), "orderId": .integer(7), "status": "reserved"]
      )
      .run { url in
        try await InventoryClient(baseURL: url.absoluteString).reserve(
          orderId: 7, items: [.init(sku: "SKU-1", quantity: 2)], key: "saga-1:reserve")
      }
    #expect(outcome == .reserved(id: "res-1"))
  }

  @Test("inventory: out of stock is 409, naming the SKU")
  func outOfStock() async throws {
    let outcome = try await inventory.interaction("a reservation of an item out of stock")
      .given("a SKU is out of stock", ["sku": "SKU-9"])
      .withRequest(
        .post, "/reservations",
        headers: ["Content-Type": "application/json", "Idempotency-Key": Self.key("saga-2:reserve")],
        body: ["orderId": .integer(8), "items": .eachLike(["sku": "SKU-9", "quantity": .integer(1)], min: 1)]
      )
      .willRespond(
        409, headers: ["Content-Type": "application/json"],
        body: ["error": .like("SKU-9 is out of stock"), "sku": "SKU-9"]
      )
      .run { url in
        try await InventoryClient(baseURL: url.absoluteString).reserve(
          orderId: 8, items: [.init(sku: "SKU-9", quantity: 1)], key: "saga-2:reserve")
      }
    #expect(outcome == .outOfStock(sku: "SKU-9"))
  }

  @Test("inventory: releasing a reservation (compensation)")
  func release() async throws {
    try await inventory.interaction("a release of a reservation")
      .given("a reservation exists", ["id": "res-1", "orderId": 7])
      .withRequest(.post, "/reservations/res-1/release", headers: ["Idempotency-Key": Self.key("saga-1:release")])
      .willRespond(
        200, headers: ["Content-Type": "application/json"],
        body: ["reservationId": "res-1", "status": "released"]
      )
      .run { url in
        try await InventoryClient(baseURL: url.absoluteString).release(reservationId: "res-1", key: "saga-1:release")
      }
  }

  @Test("payment: a charge")
  func charge() async throws {
    let outcome = try await payments.interaction("a charge of a valid card")
      .given("a card is valid", ["cardToken": "tok-visa"])
      .withRequest(
        .post, "/payments",
        headers: ["Content-Type": "application/json", "Idempotency-Key": Self.key("saga-1:charge")],
        body: ["orderId": .integer(7), "amount": .decimal(25.5), "cardToken": .like("tok-visa")]
      )
      .willRespond(
        201, headers: ["Content-Type": "application/json"],
        body: ["paymentId": .like("pay-1"), "status": "charged"]
      )
      .run { url in
        try await PaymentClient(baseURL: url.absoluteString).charge(
          orderId: 7, amount: 25.5, cardToken: "tok-visa", key: "saga-1:charge")
      }
    #expect(outcome == .charged(id: "pay-1"))
  }

  @Test("payment: a declined card is 402")
  func declined() async throws {
    let outcome = try await payments.interaction("a charge of a declined card")
      .given("a card is declined", ["cardToken": "tok-declined"])
      .withRequest(
        .post, "/payments",
        headers: ["Content-Type": "application/json", "Idempotency-Key": Self.key("saga-2:charge")],
        body: ["orderId": .integer(8), "amount": .decimal(25.5), "cardToken": "tok-declined"]
      )
      .willRespond(402, headers: ["Content-Type": "application/json"], body: ["error": .like("the card was declined")])
      .run { url in
        try await PaymentClient(baseURL: url.absoluteString).charge(
          orderId: 8, amount: 25.5, cardToken: "tok-declined", key: "saga-2:charge")
      }
    #expect(outcome == .declined(reason: "the card was declined"))
  }

  @Test("payment: a refund (compensation)")
  func refund() async throws {
    try await payments.interaction("a refund of a payment")
      .given("a payment exists", ["id": "pay-1", "orderId": 7])
      .withRequest(.post, "/payments/pay-1/refund", headers: ["Idempotency-Key": Self.key("saga-1:refund")])
      .willRespond(
        200, headers: ["Content-Type": "application/json"], body: ["paymentId": "pay-1", "status": "refunded"]
      )
      .run { url in
        try await PaymentClient(baseURL: url.absoluteString).refund(paymentId: "pay-1", key: "saga-1:refund")
      }
  }

  @Test("shipping: a shipment")
  func schedule() async throws {
    let outcome = try await shipping.interaction("a shipment when carriers are available")
      .given("shipping is available")
      .withRequest(
        .post, "/shipments", headers: ["Content-Type": "application/json", "Idempotency-Key": Self.key("saga-1:ship")],
        body: ["orderId": .integer(7), "address": .like("1 Main Street")]
      )
      .willRespond(
        201, headers: ["Content-Type": "application/json"],
        body: ["shipmentId": .like("ship-1"), "status": "scheduled"]
      )
      .run { url in
        try await ShippingClient(baseURL: url.absoluteString).schedule(
          orderId: 7, address: "1 Main Street", key: "saga-1:ship")
      }
    #expect(outcome == .scheduled(id: "ship-1"))
  }

  @Test("shipping: no carrier is 503")
  func unavailable() async throws {
    let outcome = try await shipping.interaction("a shipment when no carrier is available")
      .given("shipping is unavailable")
      .withRequest(
        .post, "/shipments", headers: ["Content-Type": "application/json", "Idempotency-Key": Self.key("saga-3:ship")],
        body: ["orderId": .integer(9), "address": .like("1 Main Street")]
      )
      .willRespond(
        503, headers: ["Content-Type": "application/json"], body: ["error": .like("no carrier is available")]
      )
      .run { url in
        try await ShippingClient(baseURL: url.absoluteString).schedule(
          orderId: 9, address: "1 Main Street", key: "saga-3:ship")
      }
    #expect(outcome == .unavailable(reason: "no carrier is available"))
  }

  @Test("shipping: cancelling a shipment (compensation)")
  func cancel() async throws {
    try await shipping.interaction("a cancellation of a shipment")
      .given("a shipment exists", ["id": "ship-1", "orderId": 7])
      .withRequest(.post, "/shipments/ship-1/cancel", headers: ["Idempotency-Key": Self.key("saga-1:cancel")])
      .willRespond(
        200, headers: ["Content-Type": "application/json"], body: ["shipmentId": "ship-1", "status": "cancelled"]
      )
      .run { url in
        try await ShippingClient(baseURL: url.absoluteString).cancel(shipmentId: "ship-1", key: "saga-1:cancel")
      }
  }
}
