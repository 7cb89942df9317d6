import AccordModel

/// Whether an example satisfies the rules written with it: the consumer DSL refuses `.regex("pending|paid",
/// example: "weird")` at the test's call instead of writing a contract no provider can pass.
///
/// ```swift
/// ExampleCheck.failure(of: RuleList([.regex("pending|paid")]), example: "weird")
/// // "expected a value matching /pending|paid/ but got "weird" (string)"
/// ```
public enum ExampleCheck {
  /// Why `example` does not satisfy `rules`, or `nil` when it does. Container examples are checked for their own
  /// kind only; their items are checked where their own rules are.
  public static func failure(of rules: RuleList, example: JSONValue) -> String? {
    let failures = RuleEvaluator.failures(
      of: rules, expected: example, actual: example, cascaded: example.isContainer)
    return failures.first
  }
}
