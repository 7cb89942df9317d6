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
    contents.mismatches(actual: actual.contents, actualType: actual.contentType) + metadataMismatches(actual)
  }

  private func metadataMismatches(_ message: Message) -> [Mismatch] {
    let actual = message.metadata
    var mismatches: [Mismatch] = []
    let rules = expected.matchingRules[.metadata]
    for key in expected.metadata.keys.sorted(by: utf8Ordered) {
      let expectedValue = expected.metadata[key]!
      var actualEntry = actual[key] ?? actual.first { $0.key.lowercased() == key.lowercased() }?.value
      // A producer that declares its content type on the contents, not in the metadata, still has one.
      if actualEntry == nil, Self.isContentTypeKey(key), let type = message.contentType {
        actualEntry = .string(type.description)
      }
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
      if Self.isContentTypeKey(key),
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

  static func isContentTypeKey(_ key: String) -> Bool {
    let lowered = key.lowercased()
    return lowered == "contenttype" || lowered == "content-type"
  }
}
