import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import SampleKit

/// A step of the saga, forward or compensating: its name in the step log and the suffix of its idempotency key
/// (`<saga>:reserve`, `<saga>:refund`, …), the same on every attempt, so a step is applied once however often it
/// is sent.
public enum SagaStep: String, Codable, Sendable, CaseIterable {
  case reserve = "inventory.reserve"
  case charge = "payment.charge"
  case ship = "shipping.schedule"
  case release = "inventory.release"
  case refund = "payment.refund"
  case cancelShipment = "shipping.cancel"

  /// The forward steps, in order.
  public static let forward: [SagaStep] = [.reserve, .charge, .ship]

  /// The key sent with this step of saga `id`.
  public func key(saga id: String) -> String {
    switch self {
    case .reserve: "\(id):reserve"
    case .charge: "\(id):charge"
    case .ship: "\(id):ship"
    case .release: "\(id):release"
    case .refund: "\(id):refund"
    case .cancelShipment: "\(id):cancel"
    }
  }

  /// The compensation that undoes a forward step.
  var compensation: SagaStep {
    switch self {
    case .reserve, .release: .release
    case .charge, .refund: .refund
    case .ship, .cancelShipment: .cancelShipment
    }
  }

  /// The service a step calls, as `failedStep` names it ("inventory", "payment", "shipping").
  var service: String { String(rawValue.prefix { $0 != "." }) }
}

/// A call of a step that got no usable answer. `mayHaveApplied` tells whether the provider could have applied it
/// (a timeout, a reset, a 5xx) or certainly did not (the connection was refused; a 4xx).
public struct StepError: Error, CustomStringConvertible, Sendable {
  public enum Kind: Sendable, Equatable {
    /// The request never reached the service (connection refused or not made in time).
    case notSent
    /// The request was sent; no answer came.
    case noAnswer
    /// An answer the contract does not have.
    case unexpected(status: Int)
  }

  public var kind: Kind
  public var message: String
  public var description: String { message }

  /// Whether the provider may have applied the request.
  public var mayHaveApplied: Bool {
    switch kind {
    case .notSent: false
    case .noAnswer: true
    case .unexpected(let status): status >= 500
    }
  }

  /// Whether sending it again can help: not for a 4xx, which says the request itself is wrong.
  public var retriable: Bool {
    if case .unexpected(let status) = kind { return status >= 500 }
    return true
  }

  /// Sends one attempt of a step with its idempotency key; a call that gets no answer throws a ``StepError``.
  static func send(
    _ downstream: Downstream, _ method: String, _ path: String, json: (any Encodable & Sendable)? = nil, key: String
  ) async throws -> Downstream.Answer {
    do {
      return try await downstream.send(method, path, json: json, headers: [("Idempotency-Key", key)])
    } catch {
      return try Self.noAnswer(error, downstream, method, path)
    }
  }

  private static func noAnswer(_ error: any Error, _ downstream: Downstream, _ method: String, _ path: String) throws
    -> Downstream.Answer
  {
    let sent = !neverSent(error)
    throw StepError(
      kind: sent ? .noAnswer : .notSent,
      message: "\(downstream.name) \(sent ? "did not answer" : "could not be reached for") \(method) \(path): \(error)")
  }

  /// The errors that prove a request was not sent: the connection was refused or never made.
  static func neverSent(_ error: any Error) -> Bool {
    if error is NIOConnectionError { return true }
    if let error = error as? HTTPClientError, error == .connectTimeout { return true }
    if let error = error as? ChannelError, case .connectTimeout = error { return true }
    if let error = error as? IOError, error.errnoCode == ECONNREFUSED { return true }
    return false
  }

  static func unexpected(_ answer: Downstream.Answer, _ downstream: Downstream) -> StepError {
    StepError(
      kind: .unexpected(status: answer.status),
      message:
        "\(downstream.name) answered \(answer.status): \(String(decoding: answer.body.prefix(200), as: UTF8.self))")
  }
}
