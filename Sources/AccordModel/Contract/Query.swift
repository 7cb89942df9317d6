import Foundation

/// A query string as an ordered list of name–value pairs; a name may repeat.
///
/// Pact V2 files write the query as a string, V3 and V4 as a map of names to lists. Two queries are equal when
/// every name has the same values in the same order, whatever the order of the names.
///
/// ```swift
/// let query = Query(parsing: "animal=alligator&animal=hippo&size=big")
/// query["animal"]  // ["alligator", "hippo"]
/// ```
public struct Query: Sendable, Hashable, ExpressibleByDictionaryLiteral {
  public struct Pair: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
      self.name = name
      self.value = value
    }
  }

  /// The pairs in the order they were written (or added).
  public var pairs: [Pair]

  public init(pairs: [Pair] = []) {
    self.pairs = pairs
  }

  public init(dictionaryLiteral elements: (String, [String])...) {
    self.pairs = elements.flatMap { name, values in values.map { Pair(name: name, value: $0) } }
  }

  /// Parses `a=1&b=2&b=3`, percent-decoding names and values and `+` as space.
  /// Empty segments (`a=1&&b=2`, a trailing `&`) are kept as empty pairs, which only V1 matching sees.
  public init(parsing text: String) {
    var text = Substring(text)
    if text.hasPrefix("?") { text = text.dropFirst() }
    guard !text.isEmpty else {
      self.pairs = []
      return
    }
    self.pairs = text.split(separator: "&", omittingEmptySubsequences: false).map { segment in
      let parts = segment.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      return Pair(
        name: Query.decode(parts[0]),
        value: parts.count > 1 ? Query.decode(parts[1]) : ""
      )
    }
  }

  public var isEmpty: Bool { parameters.isEmpty }

  /// The names with their values, in order of first appearance; empty segments left out.
  public var parameters: [(name: String, values: [String])] {
    var order: [String] = []
    var values: [String: [String]] = [:]
    for pair in pairs where !(pair.name.isEmpty && pair.value.isEmpty) {
      if values[pair.name] == nil { order.append(pair.name) }
      values[pair.name, default: []].append(pair.value)
    }
    return order.map { ($0, values[$0]!) }
  }

  /// All values for `name`, or `nil` when the name is absent.
  public subscript(name: String) -> [String]? {
    let values = pairs.filter { $0.name == name && !($0.name.isEmpty && $0.value.isEmpty) }.map(\.value)
    return values.isEmpty ? nil : values
  }

  public mutating func add(_ name: String, _ value: String) {
    pairs.append(Pair(name: name, value: value))
  }

  /// The query as a string, percent-encoded: `a=1&b=x%20y`.
  public var encoded: String {
    pairs.filter { !($0.name.isEmpty && $0.value.isEmpty) }
      .map { Query.encode($0.name) + "=" + Query.encode($0.value) }
      .joined(separator: "&")
  }

  public static func == (lhs: Query, rhs: Query) -> Bool {
    lhs.grouped == rhs.grouped
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(grouped)
  }

  private var grouped: [String: [String]] {
    Dictionary(parameters.map { ($0.name, $0.values) }, uniquingKeysWith: +)
  }

  static func decode(_ text: Substring) -> String {
    text.percentDecoded(plusIsSpace: true) ?? text.replacingOccurrences(of: "+", with: " ")
  }

  static func encode(_ text: String) -> String { PercentEncoding.unreserved(text) }
}
