import ApiGateway
import Foundation
import GRDB
import SampleKit
import SampleSystem
import Testing

@testable import OrderSaga

/// The saga's recovery from states a crash can leave (written straight into its database), its first database
/// format, and its checkout routes through the gateway.
@Suite("saga recovery and checkout routes")
struct SagaRecoveryTests {
  static let checkout = OrderSaga.Checkout(
    orderId: 31, items: [.init(sku: "SKU-1", quantity: 1)], amount: 12, cardToken: "tok-visa", address: "1 Main Street")

  @Test("a saga left with every step done but not marked completed is completed by the recovery, with no call")
  func resumedAfterLastStep() async throws {
    let saga = try OrderSaga(
      inventory: InventoryClient(baseURL: "http://127.0.0.1:9"), payments: PaymentClient(baseURL: "http://127.0.0.1:9"),
      shipping: ShippingClient(baseURL: "http://127.0.0.1:9"))
    guard case .new(var record) = try await saga.store.begin(id: "crashed", checkout: Self.checkout) else {
      Issue.record("a new saga")
      return
    }
    record.reservationId = "res-1"
    record.paymentId = "pay-1"
    record.shipmentId = "ship-1"
    try await saga.store.save(record, SagaLogEntry(step: SagaStep.ship.rawValue, event: "succeeded", detail: "ship-1"))
    #expect(try await saga.resumeUnfinished() == 1)
    let outcome = try #require(try await saga.outcome(id: "crashed"))
    #expect(outcome.status == "completed")
    #expect(outcome.steps.suffix(2).map(\.event) == ["resumed", "completed"])
  }

  @Test("a compensation whose service does not answer leaves the saga compensating, due again later")
  func blockedCompensation() async throws {
    let saga = try OrderSaga(
      inventory: InventoryClient(baseURL: "http://127.0.0.1:9"), payments: PaymentClient(baseURL: "http://127.0.0.1:9"),
      shipping: ShippingClient(baseURL: "http://127.0.0.1:9"),
      policy: .init(attempts: 2, backoff: .milliseconds(1), recoveryInterval: .seconds(60)))
    guard case .new(var record) = try await saga.store.begin(id: "blocked", checkout: Self.checkout) else { return }
    record.reservationId = "res-1"
    record.fail(.charge, "declined")
    try await saga.store.save(record, SagaLogEntry(step: SagaStep.charge.rawValue, event: "refused"))
    #expect(try await saga.resumeUnfinished() == 0)
    let outcome = try #require(try await saga.outcome(id: "blocked"))
    #expect(outcome.status == "compensating" && outcome.compensations.isEmpty)
    #expect(outcome.steps.last?.detail?.contains("the recovery tries again in 60.0 s") == true, "\(outcome.steps)")
    // Not due for a minute: the next passes leave it alone.
    #expect(try await saga.store.unfinished(at: Date()).isEmpty)
    #expect(try await saga.store.unfinished(at: Date().addingTimeInterval(61)) == ["blocked"])
  }

  @Test("sagas saved by the first database format are kept, finished")
  func firstFormat() async throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("saga-v1-\(UUID().uuidString).sqlite").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let old = try DatabaseQueue(path: path)
    try await old.write { db in
      try db.execute(sql: "CREATE TABLE sagas (id TEXT PRIMARY KEY, outcome BLOB NOT NULL)")
      try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
      try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('1 sagas')")
      let outcome =
        #"{"sagaId":"v1","status":"compensated","failedStep":"payment","compensations":["inventory.release"]}"#
      try db.execute(sql: "INSERT INTO sagas VALUES ('v1', ?)", arguments: [Data(outcome.utf8)])
    }
    try old.close()
    let saga = try OrderSaga(
      inventory: InventoryClient(baseURL: "http://127.0.0.1:9"), payments: PaymentClient(baseURL: "http://127.0.0.1:9"),
      shipping: ShippingClient(baseURL: "http://127.0.0.1:9"), path: path)
    let outcome = try #require(try await saga.outcome(id: "v1"))
    #expect(outcome.status == "compensated" && outcome.compensations == ["inventory.release"])
    #expect(try await saga.store.unfinished(at: Date()).isEmpty)
  }

  @Test("the gateway's checkout routes: a key is needed, a reused key is 422, the status shows the step log")
  func gatewayCheckouts() async throws {
    let system = try await SampleSystem.start(directory: nil)
    try await system.inventory.setStock(sku: "SKU-1", available: 5)
    let gateway = ProcessClient(baseURL: system.url(of: "api-gateway")!)
    let auth = ("Authorization", "Bearer web-token")
    let request = GatewayCheckoutRequest(
      orderId: 31, items: [.init(sku: "SKU-1", quantity: 1)], amount: 12, cardToken: "tok-visa",
      address: "1 Main Street")
    let noKey = try await gateway.send("POST", "/api/checkouts", json: request, headers: [auth])
    #expect(noKey.status == 400 && noKey.text.contains("Idempotency-Key"), "\(noKey.text)")
    let done = try await gateway.send(
      "POST", "/api/checkouts", json: request, headers: [auth, ("Idempotency-Key", "c-31")])
    #expect(done.status == 201, "\(done.text)")
    var other = request
    other.amount = 13
    let reused = try await gateway.send(
      "POST", "/api/checkouts", json: other, headers: [auth, ("Idempotency-Key", "c-31")])
    #expect(reused.status == 422 && reused.text.contains("different checkout"), "\(reused.text)")
    let status = try await gateway.send("GET", "/api/checkouts/c-31", headers: [auth])
    let checkout = try status.decode(GatewayCheckout.self)
    #expect(checkout.status == "completed" && checkout.steps.map(\.step).contains("shipping.schedule"))
    #expect(try await gateway.send("GET", "/api/checkouts/nope", headers: [auth]).status == 404)
    await system.stop()
  }
}
