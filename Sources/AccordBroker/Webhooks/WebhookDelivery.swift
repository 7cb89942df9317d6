import Foundation

/// One event to deliver through one webhook: queued when the event happens, claimed by one broker replica at a
/// time, tried until it succeeds or the ``WebhookRetrySchedule`` runs out.
///
/// The parameters are kept, not the rendered request: a retry after the webhook was mended sends the mended
/// request.
public struct WebhookDelivery: Sendable, Hashable {
  public enum Status: String, Sendable, Hashable {
    /// Waiting for its first or next attempt.
    case pending
    /// A 2xx answer came.
    case succeeded
    /// Every attempt failed.
    case failed
  }

  public var id: Int64
  public var webhookUUID: String
  public var event: WebhookEvent
  /// The `${pactbroker.…}` values, by name without the prefix.
  public var parameters: [String: String]
  public var status: Status
  /// Attempts made so far.
  public var attempts: Int
  public var nextAttemptAt: Date
  public var createdAt: Date

  public init(
    id: Int64, webhookUUID: String, event: WebhookEvent, parameters: [String: String], status: Status = .pending,
    attempts: Int = 0, nextAttemptAt: Date = Date(), createdAt: Date = Date()
  ) {
    self.id = id
    self.webhookUUID = webhookUUID
    self.event = event
    self.parameters = parameters
    self.status = status
    self.attempts = attempts
    self.nextAttemptAt = nextAttemptAt
    self.createdAt = createdAt
  }

  /// The consumer and provider names it is about.
  public var consumer: String { parameters["consumerName"] ?? "" }
  public var provider: String { parameters["providerName"] ?? "" }
}

/// A delivery to queue: which webhook, which event, with which parameters.
public struct NewWebhookDelivery: Sendable, Hashable {
  public var webhookUUID: String
  public var event: WebhookEvent
  public var parameters: [String: String]

  public init(webhookUUID: String, event: WebhookEvent, parameters: [String: String]) {
    self.webhookUUID = webhookUUID
    self.event = event
    self.parameters = parameters
  }
}

/// What one attempt to deliver sent and got: the delivery log.
public struct WebhookAttempt: Sendable, Hashable {
  /// 1 for the first attempt.
  public var number: Int
  public var startedAt: Date
  public var milliseconds: Int
  /// The method and URL called.
  public var request: String
  /// The answer's status; `nil` when none came.
  public var status: Int?
  /// The first ``WebhookAttempt/maximumBody`` bytes of the answer.
  public var responseBody: String?
  /// Why no answer came, or why it did not count.
  public var error: String?
  public var success: Bool

  /// How much of an answer's body the log keeps.
  public static let maximumBody = 4096

  public init(
    number: Int, startedAt: Date, milliseconds: Int, request: String, status: Int? = nil,
    responseBody: String? = nil, error: String? = nil, success: Bool
  ) {
    self.number = number
    self.startedAt = startedAt
    self.milliseconds = milliseconds
    self.request = request
    self.status = status
    self.responseBody = responseBody
    self.error = error
    self.success = success
  }
}
