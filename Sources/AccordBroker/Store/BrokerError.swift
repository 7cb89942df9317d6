/// Why the broker refused or could not do something. Each case carries a message for the person who sent the
/// request: what was wrong, where, and what to do instead.
///
/// The HTTP layer maps cases to statuses: ``invalid(_:)`` → 400, ``notFound(_:)`` → 404, ``conflict(_:diff:)`` →
/// 409, ``tooLarge(_:)`` → 413, ``storage(_:)`` → 503 (a database that cannot be reached is not the client's fault,
/// but it is not a bug either).
///
/// ```swift
/// throw BrokerError.notFound("no pacticipant named \"web\"; publish a contract or create it first")
/// ```
public enum BrokerError: Error, Sendable, Equatable, CustomStringConvertible {
  case invalid(String)
  case notFound(String)
  case conflict(String, diff: String)
  case tooLarge(String)
  case storage(String)

  public var message: String {
    switch self {
    case .invalid(let message), .notFound(let message), .tooLarge(let message), .storage(let message): message
    case .conflict(let message, _): message
    }
  }

  public var description: String { message }
}
