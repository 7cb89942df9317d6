import Foundation
import SampleKit

extension OrderSaga {
  /// The saga's provider states: a finished checkout it can show, or its downstream services' states for a checkout
  /// that will complete.
  func setUp(_ state: ProviderStateRequest) async throws {
    switch state.state {
    case "a checkout has completed":
      guard state.isSetup else { return }
      var record = SagaRecord(sagaId: state.string("sagaId") ?? "checkout-1")
      record.status = .completed
      record.reservationId = "res-1"
      record.paymentId = "pay-1"
      record.shipmentId = "ship-1"
      let log =
        [SagaLogEntry(step: "saga", event: "started")]
        + SagaStep.forward.flatMap { step in
          [
            SagaLogEntry(step: step.rawValue, event: "started", detail: "attempt 1 of \(policy.attempts)"),
            SagaLogEntry(step: step.rawValue, event: "succeeded", detail: record.id(of: step)),
          ]
        } + [SagaLogEntry(step: "saga", event: "completed")]
      try await store.arrangeForProviderState(record, log: log)
    case "items are in stock, the card is valid and shipping is available":
      try await inventory.downstream.arrange(
        "a SKU is in stock", ["sku": .string(state.string("sku") ?? "SKU-1"), "available": .int(10)],
        action: state.action)
      try await payments.downstream.arrange(
        "a card is valid", ["cardToken": .string(state.string("cardToken") ?? "tok-visa")], action: state.action)
      try await shipping.downstream.arrange("shipping is available", [:], action: state.action)
    default:
      guard state.isSetup else { return }
      throw ServiceRoutes.unknown(state, service: Self.name)
    }
  }
}
