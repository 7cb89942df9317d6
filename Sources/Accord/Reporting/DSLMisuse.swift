/// A DSL call that asked for something a contract cannot hold (a matcher where Pact has none, an example that
/// does not satisfy its own matcher). The test fails at the interaction's call with this message, instead of the
/// contract silently losing the matcher.
///
/// ```swift
/// DSLMisuse("query parameter 'ids' has different matchers for different values; …")
/// ```
struct DSLMisuse: Error, Sendable, Equatable {
  let message: String

  init(_ message: String) {
    self.message = message
  }
}
