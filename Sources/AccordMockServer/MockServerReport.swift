import AccordMatching
import AccordModel

/// What a mock server saw against what its interactions expected.
///
/// ```swift
/// let report = server.report()
/// if !report.isSuccess { print(report) }
/// ```
public struct MockServerReport: Sendable, CustomStringConvertible {
  /// Interactions that no request matched.
  public var missing: [Interaction]
  /// Requests that matched no interaction (each answered with a 500).
  public var unmatched: [ReceivedRequest]

  public var isSuccess: Bool { missing.isEmpty && unmatched.isEmpty }

  /// One line per problem, mismatches indented below the request they belong to.
  public var description: String {
    guard !isSuccess else { return "every interaction was requested and every request matched" }
    var lines: [String] = []
    for request in unmatched {
      guard case .unmatched(let closest, let mismatches) = request.outcome else { continue }
      if let closest {
        lines.append("\(request.summary) matched no interaction; the closest is \"\(closest.description)\":")
        lines += mismatches.map { "    \($0)" }
      } else {
        lines.append("\(request.summary) was not expected: there is no HTTP interaction to match it")
      }
    }
    for interaction in missing {
      var expectation = ""
      if case .http(let request, _) = interaction.exchange {
        expectation = " (expected \(request.method) \(request.path))"
      }
      lines.append("interaction \"\(interaction.description)\" was never requested\(expectation)")
    }
    return lines.joined(separator: "\n")
  }
}
