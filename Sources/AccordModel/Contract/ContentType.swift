/// A media type with parameters, as in a `Content-Type` header: `application/json; charset=utf-8`.
///
/// Type, subtype and parameter names compare without regard to case, as RFC 9110 says; so does the charset value.
///
/// ```swift
/// let type = ContentType("application/vnd.api+json; charset=UTF-8")!
/// type.isJSON  // true
/// ```
public struct ContentType: Sendable, Hashable, CustomStringConvertible {
  public var type: String
  public var subtype: String
  public var parameters: [String: String]

  public static let json = ContentType(type: "application", subtype: "json")
  public static let xml = ContentType(type: "application", subtype: "xml")
  public static let plainText = ContentType(type: "text", subtype: "plain")
  public static let formURLEncoded = ContentType(type: "application", subtype: "x-www-form-urlencoded")
  public static let octetStream = ContentType(type: "application", subtype: "octet-stream")

  public init(type: String, subtype: String, parameters: [String: String] = [:]) {
    self.type = type.lowercased()
    self.subtype = subtype.lowercased()
    self.parameters = parameters
  }

  /// Parses a header value; `nil` when it has no `type/subtype`.
  public init?(_ text: String) {
    var parts = text.split(separator: ";", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    let essence = parts.removeFirst().split(separator: "/", maxSplits: 1).map(String.init)
    guard essence.count == 2, !essence[0].isEmpty, !essence[1].isEmpty else { return nil }
    var parameters: [String: String] = [:]
    for part in parts where !part.isEmpty {
      let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
      let name = pair[0].trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
      var value = pair.count > 1 ? pair[1].trimmingCharacters(in: .whitespacesAndNewlines) : ""
      if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
      parameters[name] = name == "charset" ? value.lowercased() : value
    }
    self.init(type: essence[0], subtype: essence[1], parameters: parameters)
  }

  /// `type/subtype`, without parameters.
  public var essence: String { "\(type)/\(subtype)" }

  public var description: String {
    ([essence] + parameters.keys.sorted().map { "\($0)=\(parameters[$0]!)" }).joined(separator: "; ")
  }

  public var isJSON: Bool {
    (type == "application" && (subtype == "json" || subtype.hasSuffix("+json") || subtype.hasSuffix("-json")
      || subtype == "json-rpc" || subtype == "jsonrequest")) || (type == "text" && subtype == "json")
  }

  public var isXML: Bool {
    (type == "application" || type == "text") && (subtype == "xml" || subtype.hasSuffix("+xml"))
  }

  public var isFormURLEncoded: Bool { type == "application" && subtype == "x-www-form-urlencoded" }

  /// Whether the body is text a person can read: `text/*`, JSON, XML, forms, JavaScript, YAML.
  public var isText: Bool {
    type == "text" || isJSON || isXML || isFormURLEncoded
      || (type == "application" && ["javascript", "yaml", "x-yaml", "graphql"].contains(subtype))
  }

  /// Whether `actual` satisfies this type as an expectation: same media type, and every parameter stated here
  /// present there with the same value (extra parameters, such as a charset, are fine).
  public func isSatisfied(by actual: ContentType) -> Bool {
    hasSameEssence(as: actual) && parameters.allSatisfy { actual.parameters[$0.key] == $0.value }
  }

  /// Whether both name the same media type, ignoring parameters.
  public func hasSameEssence(as other: ContentType) -> Bool {
    type == other.type && subtype == other.subtype
  }
}
