import AccordModel

/// Matches actual responses against one expected response: status, headers and body. Responses are matched
/// leniently, as the Pact specification asks: keys and headers the contract does not mention are allowed.
///
/// ```swift
/// let mismatches = ResponseMatcher(expected: interactionResponse).mismatches(for: providerResponse)
/// ```
public struct ResponseMatcher: Sendable {
  public let expected: PactResponse
  private let body: BodyMatcher
  private let headers: HeaderMatcher

  public init(expected: PactResponse, options: MatchOptions = MatchOptions()) {
    self.expected = expected
    self.body = BodyMatcher(
      expected: expected.body, declaredType: expected.contentType, rules: expected.matchingRules[.body],
      allowUnexpectedKeys: true)
    self.headers = HeaderMatcher(expected: expected.headers, rules: expected.matchingRules[.header])
  }

  /// Every way `actual` differs from the expected response; empty when it matches.
  public func mismatches(for actual: PactResponse) -> [Mismatch] {
    var mismatches: [Mismatch] = []
    if let rules = expected.matchingRules[.status]["$"] {
      for failure in RuleEvaluator.failures(
        of: rules, expected: .int(expected.status), actual: .int(actual.status), cascaded: false)
      {
        mismatches.append(
          Mismatch(
            kind: .status, path: "", expected: String(expected.status), actual: String(actual.status), message: failure)
        )
      }
    } else if expected.status != actual.status {
      mismatches.append(
        Mismatch(
          kind: .status, path: "", expected: String(expected.status), actual: String(actual.status),
          message: "expected \(expected.status) but got \(actual.status)"))
    }
    mismatches += headers.mismatches(actual.headers)
    mismatches += body.mismatches(actual: actual.body, actualType: actual.contentType)
    return mismatches
  }
}
