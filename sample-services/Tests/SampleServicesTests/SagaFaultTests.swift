import Foundation
import GRDB
import InventoryService
import OrderSaga
import PaymentService
import SampleKit
import ShippingService
import Testing

/// The saga under real faults: inventory, payment and shipping each run as a process of their own, killed or
/// stalled at the step that calls them, and the saga's own process killed after each step and restarted. After
/// recovery every saga is completed or compensated, nothing it reserved or charged is left dangling, and no step
/// was applied twice — the providers' own tables and idempotency records show it.
@Suite("the saga survives faults", .enabled(if: FaultTests.enabled, FaultTests.reason))
struct SagaFaultTests {
  @Test("killed and stalled services at each step, the saga killed after each step: every saga finishes, once")
  func faults() async throws {
    try await ServiceProcess.inScratchDirectory("saga-faults") { directory in
      let inventory = ServiceProcess("inventory-service", in: directory)
      let payments = ServiceProcess("payment-service", in: directory)
      let shipping = ServiceProcess("shipping-service", in: directory)
      for service in [inventory, payments, shipping] { try await service.start() }
      let saga = ServiceProcess(
        "order-saga", in: directory,
        peers: [
          "inventory-service": inventory.baseURL, "payment-service": payments.baseURL,
          "shipping-service": shipping.baseURL,
        ], arguments: ["--timeout", "1", "--interval", "0.3"])
      try await saga.start()
      let run = Faults(saga: saga, inventory: inventory, payments: payments, shipping: shipping)
      var outcomes: [String: OrderSaga.Outcome] = [:]
      try await ServiceProcess.stopping([saga, inventory, payments, shipping]) {
        try await run.scenarios()
        outcomes = try await run.finishedOutcomes()
      }
      try await run.checkProviders(outcomes, directory: directory)
    }
  }
}

/// The scenarios, one checkout (and order id) each.
struct Faults {
  let saga: ServiceProcess
  let inventory: ServiceProcess
  let payments: ServiceProcess
  let shipping: ServiceProcess
  static let quantity = 2
  static let stock = 1000

  /// Checkout key → order id, for every checkout the scenarios start.
  static let orders: [String: Int] = [
    "ok": 1, "inventory-killed": 2, "payment-killed": 3, "shipping-killed": 4, "inventory-stalled": 5,
    "payment-stalled": 6, "shipping-stalled": 7, "payment-stalled-then-killed": 8, "saga-killed-before-reserve": 9,
    "saga-killed-after-reserve": 10, "saga-killed-after-charge": 11, "saga-killed-while-compensating": 12,
  ]

  func scenarios() async throws {
    try await inventory.arrange("a SKU is in stock", ["sku": .string("SKU-1"), "available": .int(Self.stock)])

    var answer = try await checkout("ok")
    #expect(answer.status == 201, "\(answer.text)")

    // A service that is down (killed) at its step: its step is refused at once, so the saga turns back; nothing
    // was applied there.
    for (service, key, compensations) in [
      (inventory, "inventory-killed", [String]()), (payments, "payment-killed", ["inventory.release"]),
      (shipping, "shipping-killed", ["payment.refund", "inventory.release"]),
    ] {
      await service.kill()
      answer = try await checkout(key)
      #expect(answer.status == 409, "\(key): \(answer.text)")
      #expect(try answer.outcome().compensations == compensations, "\(key): \(answer.text)")
      try await service.start()
    }

    // A service that hangs (stalled) at its step: no answer, so it may have applied the step. The saga turns back,
    // and before compensating asks again with the same key what happened — which waits for the service. Once it
    // runs again it answers (having applied the step once), and the recovery undoes it.
    for (service, key) in [
      (inventory, "inventory-stalled"), (payments, "payment-stalled"), (shipping, "shipping-stalled"),
    ] {
      service.stall()
      answer = try await checkout(key)
      service.resume()
      #expect(answer.status == 202, "\(key): \(answer.text)")
      #expect(try answer.outcome().status == "compensating", "\(key): \(answer.text)")
    }

    // Stalled, then killed: the requests it had not read are lost. Restarted, it applies the charge when asked
    // again (same key), and the saga refunds it.
    payments.stall()
    answer = try await checkout("payment-stalled-then-killed")
    #expect(answer.status == 202, "\(answer.text)")
    await payments.kill()
    try await payments.start()

    // The saga itself killed after each step: the next step's service hangs so the saga is caught mid-call; the
    // saga is killed, the service resumes, and the restarted saga takes the checkout up where its log says.
    for (service, key, step) in [
      (inventory, "saga-killed-before-reserve", "inventory.reserve"),
      (payments, "saga-killed-after-reserve", "payment.charge"),
      (shipping, "saga-killed-after-charge", "shipping.schedule"),
    ] {
      try await killSaga(key, whenStarted: step, stalling: service)
    }

    // …and while compensating: shipping is down, so the saga turns back after the charge; payment-service hangs
    // as the refund starts, and the saga is killed during the refund. Restarted, it refunds (same key) and releases.
    let key = "saga-killed-while-compensating"
    await shipping.kill()
    let pending = Task { try? await checkout(key) }
    try await waitFor(key, "payment.charge", "succeeded")
    payments.stall()
    try await waitFor(key, "payment.refund", "started")
    await saga.kill()
    _ = await pending.value
    payments.resume()
    try await shipping.start()
    try await saga.start()
    let outcome = try await finished(key)
    #expect(outcome.status == "compensated" && outcome.compensations == ["payment.refund", "inventory.release"])
    #expect(outcome.steps.contains { $0.event == "resumed" }, "\(key): the restarted saga resumed it")
  }

  func killSaga(_ key: String, whenStarted step: String, stalling service: ServiceProcess) async throws {
    service.stall()
    let pending = Task { try? await checkout(key) }
    try await waitFor(key, step, "started")
    await saga.kill()
    _ = await pending.value
    service.resume()
    try await saga.start()
    let outcome = try await finished(key)
    #expect(outcome.status == "completed", "\(key): \(outcome)")
    #expect(outcome.steps.contains { $0.event == "resumed" }, "\(key): the restarted saga resumed it")
  }

  /// Waits (up to 20 s) until saga `key`'s log shows `step` `event`.
  func waitFor(_ key: String, _ step: String, _ event: String) async throws {
    let deadline = ContinuousClock.now + .seconds(20)
    while ContinuousClock.now < deadline {
      if let outcome = try await outcome(key), outcome.steps.contains(where: { $0.step == step && $0.event == event }) {
        return
      }
      try await Task.sleep(for: .milliseconds(10))
    }
    throw ServiceProcess.Failure(message: "\(key): the saga's log never showed \(step) \(event)")
  }

  func checkout(_ key: String) async throws -> ProcessClient.Answer {
    let checkout = OrderSaga.Checkout(
      orderId: Self.orders[key]!, items: [.init(sku: "SKU-1", quantity: Self.quantity)], amount: 25.5,
      cardToken: "tok-visa", address: "1 Main Street")
    return try await saga.client.send("POST", "/checkouts", json: checkout, headers: [("Idempotency-Key", key)])
  }

  func outcome(_ key: String) async throws -> OrderSaga.Outcome? {
    let answer = try await saga.client.send("GET", "/checkouts/\(key)")
    return answer.status == 200 ? try answer.outcome() : nil
  }

  /// The saga once it has finished (the recovery finishing what a fault left), within 30 s.
  func finished(_ key: String) async throws -> OrderSaga.Outcome {
    let deadline = ContinuousClock.now + .seconds(30)
    var last: OrderSaga.Outcome?
    while ContinuousClock.now < deadline {
      last = try await outcome(key)
      if let last, last.finished { return last }
      try await Task.sleep(for: .milliseconds(100))
    }
    throw ServiceProcess.Failure(message: "\(key) did not finish within 30 s: \(String(describing: last))")
  }

  func finishedOutcomes() async throws -> [String: OrderSaga.Outcome] {
    var outcomes: [String: OrderSaga.Outcome] = [:]
    for key in Self.orders.keys.sorted() { outcomes[key] = try await finished(key) }
    return outcomes
  }

  /// What the providers' own tables say: per order at most one reservation, payment and shipment, each released,
  /// refunded or cancelled when its saga was compensated; one stored answer per applied step; the stock back to
  /// what completed checkouts took.
  func checkProviders(_ outcomes: [String: OrderSaga.Outcome], directory: URL) async throws {
    func path(_ name: String) -> String { directory.appendingPathComponent("\(name).sqlite").path }
    let reservations = try await Self.rows(
      InventoryService(path: path("inventory-service")).database, table: "reservations")
    let charges = try await Self.rows(PaymentService(path: path("payment-service")).database, table: "payments")
    let shipments = try await Self.rows(ShippingService(path: path("shipping-service")).database, table: "shipments")
    var completed = 0
    for (key, outcome) in outcomes {
      let order = Self.orders[key]!
      #expect(["completed", "compensated"].contains(outcome.status), "\(key): \(outcome.status)")
      if outcome.status == "completed" { completed += 1 }
      let done = outcome.status == "completed"
      for (table, rows, kept, undone) in [
        ("reservations", reservations, "reserved", "released"), ("payments", charges, "charged", "refunded"),
        ("shipments", shipments, "scheduled", "cancelled"),
      ] {
        let statuses = rows.filter { $0.order == order }.map(\.status)
        #expect(statuses.count <= 1, "\(key): \(statuses.count) \(table) for one order — a step applied twice")
        if done {
          #expect(statuses == [kept], "\(key): \(table) \(statuses)")
        } else {
          #expect(statuses.allSatisfy { $0 == undone }, "\(key): \(table) left \(statuses), not \(undone)")
        }
      }
    }
    #expect(completed >= 4, "the success and the three sagas resumed forward complete")
    let inventory = try InventoryService(path: path("inventory-service"))
    #expect(try await inventory.available(sku: "SKU-1") == Self.stock - completed * Self.quantity)
    for (name, table) in [
      ("inventory-service", "reservations"), ("payment-service", "payments"), ("shipping-service", "shipments"),
    ] {
      let database = try ServiceDatabase(path: path(name)) { _ in }
      let (made, answered) = try await database.read { db in
        (
          try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0,
          try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM idempotency_keys WHERE status = 201") ?? 0
        )
      }
      #expect(made == answered, "\(name): \(made) \(table) for \(answered) keyed requests that made one")
    }
  }

  static func rows(_ database: ServiceDatabase, table: String) async throws -> [(order: Int, status: String)] {
    try await database.read { db in
      try Row.fetchAll(db, sql: "SELECT order_id, status FROM \(table)").map { ($0["order_id"], $0["status"]) }
    }
  }
}

extension ProcessClient.Answer {
  func outcome() throws -> OrderSaga.Outcome { try decode(OrderSaga.Outcome.self) }
}
