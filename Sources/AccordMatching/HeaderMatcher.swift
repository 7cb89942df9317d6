import AccordModel

/// Compares headers: names without regard to case, comma-separated values item by item (whitespace around commas
/// ignored), `Content-Type` by media type and parameters. Headers the contract does not mention are allowed.
struct HeaderMatcher: Sendable {
  /// Headers whose values contain commas that do not separate values.
  static let singleValued: Set<String> = [
    "date", "accept-datetime", "if-modified-since", "if-unmodified-since", "expires", "retry-after", "last-modified",
    "set-cookie", "user-agent", "authorization", "proxy-authorization", "www-authenticate", "cookie",
  ]

  let expected: Headers
  let rules: [String: RuleList]

  func mismatches(_ actual: Headers) -> [Mismatch] {
    var mismatches: [Mismatch] = []
    for field in expected.fields {
      let expectedValue = field.values.joined(separator: ", ")
      guard let actualValues = actual[field.name] else {
        mismatches.append(
          Mismatch(
            kind: .header, path: field.name, expected: expectedValue,
            message: "expected \"\(expectedValue)\" but the header is missing"))
        continue
      }
      let actualValue = actualValues.joined(separator: ", ")
      if let list = rule(for: field.name) {
        let failures = RuleEvaluator.failures(
          of: list, expected: .string(expectedValue), actual: .string(actualValue), cascaded: false, fromText: true)
        // A multi-valued header may also satisfy the rule value by value.
        let perValue = Self.split(actualValue, name: field.name)
        if failures.isEmpty
          || (perValue.count > 1
            && perValue.allSatisfy {
              RuleEvaluator.failures(
                of: list, expected: .string(expectedValue), actual: .string($0), cascaded: false,
                fromText: true
              )
              .isEmpty
            })
        {
          continue
        }
        for failure in failures {
          mismatches.append(
            Mismatch(kind: .header, path: field.name, expected: expectedValue, actual: actualValue, message: failure))
        }
        continue
      }
      // The same text satisfies every comparison below: the common case costs no parsing.
      if expectedValue == actualValue { continue }
      if Self.mediaTypeHeaders.contains(field.name.lowercased()),
        let satisfied = Self.mediaTypesSatisfied(expectedValue, actualValue)
      {
        if !satisfied {
          mismatches.append(
            Mismatch(
              kind: .header, path: field.name, expected: expectedValue, actual: actualValue,
              message: "expected \"\(expectedValue)\" but got \"\(actualValue)\""))
        }
        continue
      }
      if Self.split(expectedValue, name: field.name) != Self.split(actualValue, name: field.name) {
        mismatches.append(
          Mismatch(
            kind: .header, path: field.name, expected: expectedValue, actual: actualValue,
            message: "expected \"\(expectedValue)\" but got \"\(actualValue)\""))
      }
    }
    return mismatches
  }

  /// Headers whose values are media types, compared by type and parameters rather than as text.
  static let mediaTypeHeaders: Set<String> = ["content-type", "accept"]

  /// `nil` when the values are not lists of media types; otherwise whether each actual type satisfies its
  /// expected one.
  static func mediaTypesSatisfied(_ expected: String, _ actual: String) -> Bool? {
    let expectedTypes = split(expected, name: "").map(ContentType.init)
    let actualTypes = split(actual, name: "").map(ContentType.init)
    guard expectedTypes.allSatisfy({ $0 != nil }), actualTypes.allSatisfy({ $0 != nil }) else { return nil }
    return expectedTypes.count == actualTypes.count
      && zip(expectedTypes, actualTypes).allSatisfy { $0!.isSatisfied(by: $1!) }
  }

  private func rule(for name: String) -> RuleList? {
    if let exact = rules[name] { return exact }
    return rules.first { $0.key.lowercased() == name.lowercased() }?.value
  }

  static func split(_ value: String, name: String) -> [String] {
    if singleValued.contains(name.lowercased()) { return [value.trimmingHTTPWhitespace()] }
    return value.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingHTTPWhitespace() }
  }
}
