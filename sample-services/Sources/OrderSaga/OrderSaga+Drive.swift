import Foundation
import SampleKit

extension OrderSaga {
  /// What a step's service answered: done (with the id of what it made) or refused (a business answer the contract
  /// has: out of stock, declined, no carrier).
  enum StepResult: Sendable {
    case done(String)
    case refused(String)
  }

  /// Takes saga `id` as far as it can go now — forward, or backward once a step cannot succeed — saving its record
  /// and a step-log line before and after every call. Returns the record as it ends up; a saga another task is
  /// driving is left to it (and returned as it stands); `nil` when there is no saga `id`.
  func drive(_ id: String, resumedBy: String? = nil) async throws -> SagaRecord? {
    guard let (loaded, checkout) = try await store.load(id) else { return nil }
    guard !loaded.status.finished, let checkout, claims.claim(id) else { return loaded }
    defer { claims.release(id) }
    // Read again under the claim: another driver may have moved it on since.
    guard var record = try await store.load(id)?.0, !record.status.finished else { return loaded }
    if let resumedBy { try await store.save(record, SagaLogEntry(step: "saga", event: "resumed", detail: resumedBy)) }
    var tries: [SagaStep: Int] = [:]
    while !record.status.finished {
      if record.status == .running {
        guard let step = record.nextStep else {
          record.status = .completed
          try await store.save(record, SagaLogEntry(step: "saga", event: "completed"))
          break
        }
        try await forward(step, &record, checkout)
      } else if let (step, resolve) = record.nextCompensation {
        guard try await compensate(step, resolve: resolve, &record, checkout, tries: &tries) else { break }
      } else {
        record.status = .compensated
        try await store.save(record, SagaLogEntry(step: "saga", event: "compensated"))
      }
    }
    return record
  }

  /// One attempt of a forward step. The step is marked unsure before it is sent (a crash during the call leaves it
  /// so), and settled by the answer.
  func forward(_ step: SagaStep, _ record: inout SagaRecord, _ checkout: Checkout) async throws {
    let attempt = (record.attempts?[step.rawValue] ?? 0) + 1
    record.attempts = (record.attempts ?? [:]).merging([step.rawValue: attempt]) { $1 }
    let wasUnsure = record.unsure?.contains(step) == true
    record.unsure = (record.unsure ?? []).union([step])
    try await store.save(
      record, SagaLogEntry(step: step.rawValue, event: "started", detail: "attempt \(attempt) of \(policy.attempts)"))
    switch await call(step, record, checkout) {
    case .success(.done(let id)):
      record.set(id, for: step)
      try await store.save(record, SagaLogEntry(step: step.rawValue, event: "succeeded", detail: id))
    case .success(.refused(let reason)):
      record.unsure?.remove(step)
      record.fail(step, reason)
      try await store.save(record, SagaLogEntry(step: step.rawValue, event: "refused", detail: reason))
    case .failure(let error):
      if !error.mayHaveApplied && !wasUnsure { record.unsure?.remove(step) }
      if error.retriable && attempt < policy.attempts {
        try await store.save(
          record, SagaLogEntry(step: step.rawValue, event: "failed", detail: "\(error.message); trying again"))
        try await Task.sleep(for: policy.pause(after: attempt))
      } else {
        record.fail(
          step, error.retriable ? "\(error.message) (attempt \(attempt) of \(policy.attempts))" : error.message)
        try await store.save(record, SagaLogEntry(step: step.rawValue, event: "failed", detail: record.reason))
      }
    }
  }

  /// One attempt of undoing `step`, or of asking its service (the same request, the same key) whether a step that
  /// got no answer was applied (`resolve`). Returns false when the saga is blocked — the service did not answer
  /// in this pass — and waits for the recovery.
  func compensate(
    _ step: SagaStep, resolve: Bool, _ record: inout SagaRecord, _ checkout: Checkout, tries: inout [SagaStep: Int]
  ) async throws -> Bool {
    let action = resolve ? step : step.compensation
    let attempt = (tries[action] ?? 0) + 1
    tries[action] = attempt
    let what = resolve ? "asking again (same key) whether it was applied" : "undoing \(step.rawValue)"
    try await store.save(record, SagaLogEntry(step: action.rawValue, event: "started", detail: what))
    switch await call(action, record, checkout) {
    case .success(.done(let id)):
      record.blockedPasses = nil
      if resolve {
        record.set(id, for: step)
        try await store.save(
          record, SagaLogEntry(step: action.rawValue, event: "resolved", detail: "it was applied (\(id)); undoing it"))
      } else {
        record.compensations.append(action.rawValue)
        try await store.save(record, SagaLogEntry(step: action.rawValue, event: "succeeded", detail: id))
      }
      return true
    case .success(.refused(let reason)):
      record.unsure?.remove(step)
      try await store.save(
        record, SagaLogEntry(step: action.rawValue, event: "resolved", detail: "it was not applied: \(reason)"))
      return true
    case .failure(let error):
      if case .unexpected(status: 404) = error.kind, !resolve {
        record.compensations.append(action.rawValue)
        try await store.save(
          record, SagaLogEntry(step: action.rawValue, event: "succeeded", detail: "nothing to undo: \(error.message)"))
        return true
      }
      if !error.retriable, resolve {
        record.unsure?.remove(step)
        try await store.save(
          record, SagaLogEntry(step: action.rawValue, event: "resolved", detail: "it was not applied: \(error.message)")
        )
        return true
      }
      if error.retriable, attempt < policy.attempts {
        try await store.save(
          record, SagaLogEntry(step: action.rawValue, event: "failed", detail: "\(error.message); trying again"))
        try await Task.sleep(for: policy.pause(after: attempt))
        return true
      }
      let passes = (record.blockedPasses ?? 0) + 1
      record.blockedPasses = passes
      let delay = min(policy.recoveryInterval * (1 << min(passes - 1, 20)), policy.maxRetryDelay)
      let seconds = Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18
      let next =
        error.retriable
        ? "the recovery tries again in \(String(format: "%.1f", seconds)) s"
        : "this answer will not change by itself; it needs a person (the recovery keeps trying)"
      try await store.save(
        record, SagaLogEntry(step: action.rawValue, event: "failed", detail: "\(error.message); \(next)"),
        retryAt: Date().addingTimeInterval(seconds))
      return false
    }
  }

  /// Sends one step (its request with its key) and reads the answer; an answer that cannot be read counts as no
  /// answer (the step may have been applied).
  func call(_ step: SagaStep, _ record: SagaRecord, _ checkout: Checkout) async -> Result<StepResult, StepError> {
    let key = step.key(saga: record.sagaId)
    do {
      switch step {
      case .reserve:
        switch try await inventory.reserve(orderId: checkout.orderId, items: checkout.items, key: key) {
        case .reserved(let id): return .success(.done(id))
        case .outOfStock(let sku): return .success(.refused("\(sku) is out of stock"))
        }
      case .charge:
        switch try await payments.charge(
          orderId: checkout.orderId, amount: checkout.amount, cardToken: checkout.cardToken, key: key)
        {
        case .charged(let id): return .success(.done(id))
        case .declined(let reason): return .success(.refused(reason))
        }
      case .ship:
        switch try await shipping.schedule(orderId: checkout.orderId, address: checkout.address, key: key) {
        case .scheduled(let id): return .success(.done(id))
        case .unavailable(let reason): return .success(.refused(reason))
        }
      case .release:
        let id = record.reservationId ?? ""
        try await inventory.release(reservationId: id, key: key)
        return .success(.done(id))
      case .refund:
        let id = record.paymentId ?? ""
        try await payments.refund(paymentId: id, key: key)
        return .success(.done(id))
      case .cancelShipment:
        let id = record.shipmentId ?? ""
        try await shipping.cancel(shipmentId: id, key: key)
        return .success(.done(id))
      }
    } catch let error as StepError {
      return .failure(error)
    } catch {
      return .failure(
        StepError(
          kind: .noAnswer, message: "\(step.service)-service's answer to \(step.rawValue) is unreadable: \(error)"))
    }
  }

  /// Takes up every unfinished saga that is due (after a crash, or blocked on a service that did not answer),
  /// oldest first; returns how many of them finished.
  @discardableResult
  public func resumeUnfinished(now: Date = Date(), reason: String = "by the recovery") async -> Int {
    guard let ids = try? await store.unfinished(at: now) else { return 0 }
    var finished = 0
    for id in ids where !Task.isCancelled {
      if let record = try? await drive(id, resumedBy: reason), record.status.finished { finished += 1 }
    }
    return finished
  }
}
