import Foundation

/// What the saga's database keeps of one saga: where it is, what each step answered, and what may have been applied
/// without an answer. It is saved with a step-log entry before and after every call, so a saga can be resumed from
/// it after a crash.
struct SagaRecord: Codable, Sendable {
  enum Status: String, Codable, Sendable {
    /// Going forward: the next step has not succeeded yet.
    case running
    /// Going backward: a step failed; compensations run in reverse order.
    case compensating
    case completed
    case compensated

    var finished: Bool { self == .completed || self == .compensated }
  }

  var sagaId: String
  var status: Status
  var reservationId: String?
  var paymentId: String?
  var shipmentId: String?
  var failedStep: String?
  var reason: String?
  /// The compensations run, in the order they ran.
  var compensations: [String]
  /// Forward steps sent without an answer: the provider may have applied them, so compensating first asks again
  /// (same key) what it did.
  var unsure: Set<SagaStep>?
  /// Attempts made of each forward step, across restarts.
  var attempts: [String: Int]?
  /// Recovery passes in a row that could not move the saga on (a compensation's service not answering).
  var blockedPasses: Int?

  init(sagaId: String) {
    self.sagaId = sagaId
    status = .running
    compensations = []
  }

  func id(of step: SagaStep) -> String? {
    switch step {
    case .reserve: reservationId
    case .charge: paymentId
    case .ship: shipmentId
    default: nil
    }
  }

  mutating func set(_ id: String, for step: SagaStep) {
    switch step {
    case .reserve: reservationId = id
    case .charge: paymentId = id
    case .ship: shipmentId = id
    default: break
    }
    unsure?.remove(step)
  }

  /// The next forward step, or `nil` when every one succeeded.
  var nextStep: SagaStep? { SagaStep.forward.first { id(of: $0) == nil } }

  /// The next thing to undo, newest step first: a step known to be applied is compensated; a step that may have
  /// been applied is first asked about (`resolve`).
  var nextCompensation: (step: SagaStep, resolve: Bool)? {
    for step in SagaStep.forward.reversed() {
      if id(of: step) != nil, !compensations.contains(step.compensation.rawValue) { return (step, false) }
      if id(of: step) == nil, unsure?.contains(step) == true { return (step, true) }
    }
    return nil
  }

  /// Turns the saga back: `step` cannot succeed.
  mutating func fail(_ step: SagaStep, _ reason: String) {
    status = .compensating
    failedStep = step.service
    self.reason = reason
  }
}

/// One line of a saga's step log: a step or compensation started, succeeded, refused or failed (with what the
/// service said), in the order they happened.
public struct SagaLogEntry: Codable, Sendable, Equatable {
  /// `inventory.reserve`, `payment.charge`, `shipping.schedule`, `shipping.cancel`, `payment.refund`,
  /// `inventory.release`, or `saga` for the saga's own changes.
  public var step: String
  /// `started`, `succeeded`, `refused`, `failed`, `resolved`, `completed`, `compensating` or `compensated`.
  public var event: String
  public var detail: String?
  /// When, in ISO 8601 (UTC, milliseconds).
  public var at: String

  public init(step: String, event: String, detail: String? = nil, at: Date = Date()) {
    self.init(step: step, event: event, detail: detail, stamp: Self.format(at))
  }

  init(step: String, event: String, detail: String?, stamp at: String) {
    self.step = step
    self.event = event
    self.detail = detail
    self.at = at
  }

  static func format(_ date: Date) -> String {
    Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
  }
}
