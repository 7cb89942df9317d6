/// Whether a regular expression occurs anywhere in a text — JSON Schema's `pattern`, which is a search, not a
/// whole match — with the engine, classes and time limit of Pact's regex matching.
///
/// ```swift
/// PatternSearch.found("^[a-z]+$", in: "abc")  // true
/// PatternSearch.found("[", in: "abc")         // nil: not a valid pattern
/// ```
package enum PatternSearch {
  /// `true` or `false`; `nil` when the pattern is not valid or the search could not be decided in time.
  package static func found(_ pattern: String, in text: String) -> Bool? {
    switch RegexCache.shared.firstMatchGroups(pattern, text) {
    case .success(let groups): return groups != nil
    case .failure: return nil
    }
  }
}
