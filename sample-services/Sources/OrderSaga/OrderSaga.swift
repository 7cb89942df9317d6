import Foundation
import Hummingbird
import SampleKit
import Synchronization

/// `order-saga`: places an order across three services, and undoes what it did when a step fails — durably.
///
/// `POST /checkouts` `{"orderId", "items", "amount", "cardToken", "address"}` (an `Idempotency-Key` header makes the
/// saga's id; a retried checkout gets the same saga):
/// 1. inventory-service reserves the items (out of stock: the saga ends, nothing to undo)
/// 2. payment-service charges the card (declined: the reservation is released)
/// 3. shipping-service schedules the shipment (unavailable: the payment is refunded, then the reservation released)
///
/// Every step and compensation is written to the saga's database (its step log) before and after it runs, and
/// carries its own idempotency key (`<saga>:reserve`, `<saga>:refund`, …), so a step sent again — after a lost
/// answer, a crash, a restart — is applied once. A step that gets no answer (timeout, 5xx, connection refused) is
/// tried again with the same key up to ``Policy/attempts`` times, then the saga turns back. ``SagaRecovery`` takes
/// up unfinished sagas on start and periodically, so each ends `completed` or `compensated`.
///
/// Answers: 201 `{"sagaId", "status": "completed", "reservationId", "paymentId", "shipmentId", "steps"}`; 409
/// `{"status": "compensated", "failedStep", "reason", "compensations", …}`; 202 `{"status": "running" |
/// "compensating", …}` with `Location: /checkouts/{id}` when a service is not answering and the recovery will
/// finish it. `GET /checkouts/{id}` shows a saga's state and step log.
///
/// ```swift
/// let saga = try OrderSaga(inventory: inventory, payments: payments, shipping: shipping, path: "order-saga.sqlite")
/// let outcome = try await saga.run(checkout, id: "checkout-1")
/// ```
public struct OrderSaga: Sendable {
  public static let name = "order-saga"
  public let inventory: InventoryClient
  public let payments: PaymentClient
  public let shipping: ShippingClient
  public let policy: Policy
  let store: SagaStore
  let claims = Claims()

  /// How hard the saga tries before it turns back, and how often unfinished sagas are taken up again.
  public struct Policy: Sendable {
    /// Attempts of a forward step (in all, across restarts) before the saga compensates; attempts of a
    /// compensation in one pass before it waits for the recovery.
    public var attempts: Int
    /// The wait after a failed attempt, doubled after each.
    public var backoff: Duration
    /// How often ``SagaRecovery`` looks for unfinished sagas. A saga whose compensation is blocked waits twice as
    /// long after each blocked pass, up to `maxRetryDelay`.
    public var recoveryInterval: Duration
    public var maxRetryDelay: Duration

    /// The wait after failed attempt `attempt` (1, 2, …) in one pass: `backoff`, doubled after each.
    func pause(after attempt: Int) -> Duration { backoff * (1 << min(attempt - 1, 10)) }

    public init(
      attempts: Int = 3, backoff: Duration = .milliseconds(100), recoveryInterval: Duration = .seconds(5),
      maxRetryDelay: Duration = .seconds(300)
    ) {
      self.attempts = max(1, attempts)
      self.backoff = backoff
      self.recoveryInterval = recoveryInterval
      self.maxRetryDelay = maxRetryDelay
    }
  }

  /// The sagas being driven in this process, so a checkout retried while the recovery drives it (or the other way
  /// round) is not run twice at once. One saga process owns its database.
  final class Claims: Sendable {
    let ids = Mutex<Set<String>>([])

    func claim(_ id: String) -> Bool { ids.withLock { $0.insert(id).inserted } }
    func release(_ id: String) { _ = ids.withLock { $0.remove(id) } }
  }

  public init(
    inventory: InventoryClient, payments: PaymentClient, shipping: ShippingClient, path: String? = nil,
    policy: Policy = Policy()
  ) throws {
    self.inventory = inventory
    self.payments = payments
    self.shipping = shipping
    self.policy = policy
    store = try SagaStore(path: path)
  }

  public struct Checkout: Codable, Sendable {
    public var orderId: Int
    public var items: [InventoryClient.Item]
    public var amount: Double
    public var cardToken: String
    public var address: String

    public init(orderId: Int, items: [InventoryClient.Item], amount: Double, cardToken: String, address: String) {
      self.orderId = orderId
      self.items = items
      self.amount = amount
      self.cardToken = cardToken
      self.address = address
    }
  }

  /// A saga as its routes show it: its state, what each step answered, and its step log.
  public struct Outcome: Codable, Sendable, Equatable {
    public var sagaId: String
    /// "running", "compensating", "completed" or "compensated".
    public var status: String
    public var reservationId: String?
    public var paymentId: String?
    public var shipmentId: String?
    /// The service whose step failed: "inventory", "payment" or "shipping".
    public var failedStep: String?
    public var reason: String?
    /// The compensations run, in the order they ran.
    public var compensations: [String]
    /// Every step and compensation, started and ended, oldest first.
    public var steps: [SagaLogEntry]

    init(_ record: SagaRecord, steps: [SagaLogEntry]) {
      sagaId = record.sagaId
      status = record.status.rawValue
      reservationId = record.reservationId
      paymentId = record.paymentId
      shipmentId = record.shipmentId
      failedStep = record.failedStep
      reason = record.reason
      compensations = record.compensations
      self.steps = steps
    }

    public var finished: Bool { status == "completed" || status == "compensated" }
  }

  public func router() -> Router<BasicRequestContext> {
    let router = Router()
    let saga = self
    router.post("checkouts") { request, context in
      let checkout = try await JSONResponse.decode(Checkout.self, from: request, context: context)
      guard !checkout.items.isEmpty, checkout.items.allSatisfy({ $0.quantity > 0 }), checkout.amount > 0,
        checkout.amount.isFinite, !checkout.address.isEmpty
      else {
        throw ServiceError(
          .badRequest, "a checkout needs items with quantities above 0, an amount above 0 and an address")
      }
      let id: String
      if request.headers[IdempotencyKeys.header] != nil {
        id = try IdempotencyKeys.key(of: request)
      } else {
        id = UUID().uuidString.lowercased()
      }
      let outcome = try await saga.run(checkout, id: id)
      switch outcome.status {
      case "completed": return try JSONResponse.make(outcome, status: .created)
      case "compensated": return try JSONResponse.make(outcome, status: .conflict)
      default:
        var response = try JSONResponse.make(outcome, status: .accepted)
        response.headers[.location] = "/checkouts/" + Downstream.pathSegment(id)
        return response
      }
    }
    router.get("checkouts/:id") { _, context in
      let id = context.parameters.get("id") ?? ""
      guard let outcome = try await saga.outcome(id: id) else {
        throw ServiceError(.notFound, "there is no checkout \(id); its id is the Idempotency-Key it was sent with")
      }
      return try JSONResponse.make(outcome)
    }
    ServiceRoutes.add(to: router, service: Self.name) { state in try await saga.setUp(state) }
    return router
  }

  /// Runs saga `id` as far as it can go now and returns where it stands: finished, or (a service not answering)
  /// running or compensating, for ``SagaRecovery`` to finish. A saga that ran before is not run again.
  public func run(_ checkout: Checkout, id: String) async throws -> Outcome {
    if case .existing(let record) = try await store.begin(id: id, checkout: checkout), record.status.finished {
      return Outcome(record, steps: try await store.log(id))
    }
    let record = try await drive(id)
    return Outcome(record ?? SagaRecord(sagaId: id), steps: try await store.log(id))
  }

  /// Saga `id` as it stands, with its step log; `nil` when there is none.
  public func outcome(id: String) async throws -> Outcome? {
    guard let (record, _) = try await store.load(id) else { return nil }
    return Outcome(record, steps: try await store.log(id))
  }
}
