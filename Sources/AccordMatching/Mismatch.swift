/// One difference between what a contract expects and what happened, with where and a sentence a person
/// understands.
///
/// ```swift
/// for mismatch in RequestMatcher(expected: expected).mismatches(for: actual) {
///   print(mismatch)  // $.id: expected an integer but got "123" (string)
/// }
/// ```
public struct Mismatch: Sendable, Hashable, CustomStringConvertible {
  /// The part of the request, response or message that differs.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    case method
    case path
    case status
    case query
    case header
    case bodyType
    case body
    case metadata
  }

  public var kind: Kind
  /// Where: a JSON path (`$.items[1].id`) for bodies, the name for headers, query parameters and metadata,
  /// empty for method, path and status.
  public var path: String
  /// The expected value as text, when there is one.
  public var expected: String?
  /// The actual value as text, when there is one.
  public var actual: String?
  /// What is wrong, as a sentence fragment: `expected an integer but got "123" (string)`.
  public var message: String

  public init(kind: Kind, path: String, expected: String? = nil, actual: String? = nil, message: String) {
    self.kind = kind
    self.path = path
    self.expected = expected
    self.actual = actual
    self.message = message
  }

  /// Where the mismatch is, for reports: `$.id`, `header 'Accept'`, `query parameter 'page'`, `status`.
  public var location: String {
    switch kind {
    case .body: return path.isEmpty ? "body" : path
    case .bodyType: return "body"
    case .header: return "header '\(path)'"
    case .query: return path.isEmpty ? "query" : "query parameter '\(path)'"
    case .metadata: return "metadata '\(path)'"
    case .method: return "method"
    case .path: return "path"
    case .status: return "status"
    }
  }

  public var description: String { "\(location): \(message)" }
}

extension Mismatch {
  /// This mismatch with its expected and actual values and its message cut to about `limit` UTF-8 bytes each, saying
  /// how much was left out: what a server keeps or answers about a request whose body is huge.
  ///
  /// ```swift
  /// let kept = mismatches.map { $0.abbreviated(to: 1024) }
  /// ```
  public func abbreviated(to limit: Int = 1024) -> Mismatch {
    func cut(_ text: String) -> String {
      let bytes = text.utf8.count
      guard bytes > limit else { return text }
      var kept = Substring(text.utf8.prefix(limit)).description
      // A cut inside a multi-byte character leaves a replacement character; drop it.
      while kept.last == "\u{FFFD}" { kept.removeLast() }
      return kept + "… (\(bytes - kept.utf8.count) more bytes)"
    }
    return Mismatch(
      kind: kind, path: cut(path), expected: expected.map(cut), actual: actual.map(cut), message: cut(message))
  }
}
