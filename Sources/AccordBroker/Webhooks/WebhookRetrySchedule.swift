/// When a failed webhook delivery is tried again: after 10 s, 1 min, 2 min, 5 min, 10 min and 20 min (the Pact
/// Broker's default schedule), then no more. A delivery succeeds on any 2xx answer.
///
/// ```swift
/// WebhookRetrySchedule().delay(afterAttempt: 1)  // .seconds(10)
/// ```
public struct WebhookRetrySchedule: Sendable, Hashable {
  /// Seconds to wait before each retry.
  public var delays: [Int]

  public init(delays: [Int] = [10, 60, 120, 300, 600, 1200]) {
    self.delays = delays.map { max(0, $0) }
  }

  /// How many attempts in all, the first included.
  public var attempts: Int { delays.count + 1 }

  /// The wait after attempt `attempt` (1-based) failed; `nil` when it was the last.
  public func delay(afterAttempt attempt: Int) -> Duration? {
    guard attempt >= 1, attempt <= delays.count else { return nil }
    return .seconds(delays[attempt - 1])
  }

  /// Whether an answer's status counts as delivered.
  public static func isSuccess(status: Int) -> Bool { (200..<300).contains(status) }
}
