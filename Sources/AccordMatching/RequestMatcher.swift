import AccordModel

/// Matches actual requests against one expected request: method, path, query, headers and body. Prepared once
/// (rules parsed, expected body parsed), then used for many requests.
///
/// Requests are matched strictly, as the Pact specification asks: unexpected query parameters and unexpected body
/// keys are mismatches; unexpected headers are not.
///
/// ```swift
/// let matcher = RequestMatcher(expected: interactionRequest)
/// let mismatches = matcher.mismatches(for: incoming)
/// if mismatches.isEmpty { /* serve the interaction's response */ }
/// ```
public struct RequestMatcher: Sendable {
  public let expected: PactRequest
  private let options: MatchOptions
  private let body: BodyMatcher
  private let headers: HeaderMatcher
  private let query: QueryMatcher

  public init(expected: PactRequest, options: MatchOptions = MatchOptions()) {
    self.expected = expected
    self.options = options
    self.body = BodyMatcher(
      expected: expected.body, declaredType: expected.contentType, rules: expected.matchingRules[.body],
      allowUnexpectedKeys: false)
    self.headers = HeaderMatcher(expected: expected.headers, rules: expected.matchingRules[.header])
    self.query = QueryMatcher(
      expected: expected.query, rules: expected.matchingRules[.query], specification: options.specification)
  }

  /// Every way `actual` differs from the expected request; empty when it matches.
  public func mismatches(for actual: PactRequest) -> [Mismatch] {
    mismatches(for: actual, body: ParsedBody(actual.body))
  }

  /// Like ``mismatches(for:)``, with the body parsed once for every interaction it is compared with.
  public func mismatches(for actual: PactRequest, body parsed: ParsedBody) -> [Mismatch] {
    headMismatches(for: actual) + body.mismatches(actual: parsed, actualType: actual.contentType)
  }

  /// How method, path, query and headers differ, without looking at the body: cheap, for ranking interactions.
  public func headMismatches(for actual: PactRequest) -> [Mismatch] {
    var mismatches: [Mismatch] = []
    if expected.method.uppercased() != actual.method.uppercased() {
      mismatches.append(
        Mismatch(
          kind: .method, path: "", expected: expected.method.uppercased(), actual: actual.method.uppercased(),
          message: "expected \(expected.method.uppercased()) but got \(actual.method.uppercased())"))
    }
    mismatches += PathMatcher.mismatches(
      expected: expected.path, actual: actual.path, rules: expected.matchingRules[.path]["$"])
    mismatches += query.mismatches(actual.query)
    mismatches += headers.mismatches(actual.headers)
    return mismatches
  }

  /// Whether method and path match: a cheap first test when looking for the interaction a request is meant for.
  public func matchesMethodAndPath(_ actual: PactRequest) -> Bool {
    expected.method.uppercased() == actual.method.uppercased()
      && PathMatcher.mismatches(expected: expected.path, actual: actual.path, rules: expected.matchingRules[.path]["$"])
        .isEmpty
  }
}

enum PathMatcher {
  static func mismatches(expected: String, actual: String, rules: RuleList?) -> [Mismatch] {
    if let rules {
      return RuleEvaluator.failures(
        of: rules, expected: .string(expected), actual: .string(actual), cascaded: false,
        fromText: true
      )
      .map { Mismatch(kind: .path, path: "", expected: expected, actual: actual, message: $0) }
    }
    guard expected != actual else { return [] }
    return [
      Mismatch(
        kind: .path, path: "", expected: expected, actual: actual, message: "expected \(expected) but got \(actual)")
    ]
  }
}
