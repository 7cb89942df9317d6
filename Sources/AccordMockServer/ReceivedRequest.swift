import AccordMatching
import AccordModel

/// A request the server received, and how it was answered.
public struct ReceivedRequest: Sendable {
  public enum Outcome: Sendable {
    /// Answered with the interaction at this position (and description).
    case matched(Int, String)
    /// Answered with a 500: no interaction matched. The closest one, if any, and how the request differs from it.
    case unmatched(closest: (position: Int, description: String)?, mismatches: [Mismatch])
  }

  public var request: PactRequest
  public var outcome: Outcome

  public var isUnmatched: Bool {
    if case .unmatched = outcome { return true }
    return false
  }

  /// `GET /users/42?fields=full`, safe to print: control characters and escape sequences in the path (a `%0A`
  /// that would forge a log line, a `%1B` that would move the cursor) are shown as escapes.
  public var summary: String {
    PrintSafe.escaped(
      request.method + " " + request.path + (request.query.isEmpty ? "" : "?" + request.query.encoded))
  }
}
