/// Where a field is used: an HTTP endpoint (method and path, with ids replaced by `{id}`), or a message (by its
/// description, the name consumers and the provider share for it).
///
/// ```swift
/// Endpoint.http(method: "get", path: "/users/42")       // GET /users/{id}
/// Endpoint.message("an OrderPlaced event")              // message "an OrderPlaced event"
/// ```
public struct Endpoint: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var text: String

  public static func http(method: String, path: String) -> Endpoint {
    let segments = path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
      isIdentifier(segment) ? "{id}" : String(segment)
    }
    return Endpoint(text: method.uppercased() + " " + segments.joined(separator: "/"))
  }

  public static func message(_ description: String) -> Endpoint {
    Endpoint(text: "message \"\(description)\"")
  }

  public var description: String { text }

  public static func < (lhs: Endpoint, rhs: Endpoint) -> Bool { lhs.text.utf8.lexicographicallyPrecedes(rhs.text.utf8) }

  /// A path segment that names one thing among many: a number, a UUID, or a long hexadecimal string.
  static func isIdentifier(_ segment: Substring) -> Bool {
    guard !segment.isEmpty else { return false }
    if segment.allSatisfy(\.isNumber) { return true }
    let hex = segment.filter { $0 != "-" }
    return segment.count >= 8 && hex.allSatisfy(\.isHexDigit) && hex.contains(where: \.isNumber)
  }
}
