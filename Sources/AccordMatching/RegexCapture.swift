import AccordModel

/// A regex's first match and its groups on the matcher's engine, for generators (`MockServerURL`): the same ASCII
/// classes as matching, the same time limit, compiled once per pattern.
///
/// ```swift
/// let context = GeneratorContext(mockServerURL: "http://127.0.0.1:5050", captures: RegexCapture.firstMatch)
/// RegexCapture.firstMatch(#".*(/orders/\d+)$"#, "http://x/orders/7")  // .success(["http://x/orders/7", "/orders/7"])
/// ```
public enum RegexCapture {
  /// The groups of the first match of `pattern` in `text` (group 0 the whole match), `nil` when nothing matches,
  /// or an error naming the pattern when it does not compile or the search takes too long.
  @Sendable public static func firstMatch(_ pattern: String, _ text: String) -> Result<[String?]?, GeneratorError> {
    RegexCache.shared.firstMatchGroups(pattern, text).mapError { GeneratorError(message: $0.message) }
  }
}
