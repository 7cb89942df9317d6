import AccordModel

/// Matches an actual message against an expected one: contents (leniently, like a response body) and metadata.
///
/// ```swift
/// let mismatches = MessageMatcher(expected: contractMessage).mismatches(for: producedMessage)
/// ```
public struct MessageMatcher: Sendable {
  public let expected: Message
  private let contents: BodyMatcher

  public init(expected: Message, options: MatchOptions = MatchOptions()) {
    self.expected = expected
    self.contents = BodyMatcher(
      expected: expected.contents, declaredType: expected.contentType, rules: expected.matchingRules[.body],
      allowUnexpectedKeys: true)
  }

  /// Every way `actual` differs from the expected message; empty when it matches.
  public func mismatches(for actual: Message) -> [Mismatch] {
    contents.mismatches(actual: actual.contents, actualType: actual.contentType) + metadataMismatches(actual.metadata)
  }

  private func metadataMismatches(_ actual: [String: JSONValue]) -> [Mismatch] {
    var mismatches: [Mismatch] = []
    let rules = expected.matchingRules[.metadata]
    for key in expected.metadata.keys.sorted(by: utf8Ordered) {
      let expectedValue = expected.metadata[key]!
      let actualEntry = actual[key] ?? actual.first { $0.key.lowercased() == key.lowercased() }?.value
      guard let actualValue = actualEntry else {
        mismatches.append(
          Mismatch(
            kind: .metadata, path: key, expected: expectedValue.plainText,
            message: "expected \(RuleEvaluator.describe(expectedValue)) but the entry is missing"))
        continue
      }
      if let list = rules[key] ?? rules["$." + key] {
        for failure in RuleEvaluator.failures(of: list, expected: expectedValue, actual: actualValue, cascaded: false) {
          mismatches.append(
            Mismatch(
              kind: .metadata, path: key, expected: expectedValue.plainText, actual: actualValue.plainText,
              message: failure))
        }
        continue
      }
      let lowered = key.lowercased()
      if lowered == "contenttype" || lowered == "content-type",
        let expectedType = ContentType(expectedValue.plainText), let actualType = ContentType(actualValue.plainText)
      {
        if !expectedType.hasSameEssence(as: actualType) {
          mismatches.append(
            Mismatch(
              kind: .metadata, path: key, expected: expectedValue.plainText, actual: actualValue.plainText,
              message: "expected \(expectedType.essence) but got \(actualType.essence)"))
        }
        continue
      }
      if !RuleEvaluator.valuesEqual(expectedValue, actualValue) && expectedValue.plainText != actualValue.plainText {
        mismatches.append(
          Mismatch(
            kind: .metadata, path: key, expected: expectedValue.plainText, actual: actualValue.plainText,
            message: "expected \(RuleEvaluator.describe(expectedValue)) but got \(RuleEvaluator.describe(actualValue))")
        )
      }
    }
    return mismatches
  }
}
