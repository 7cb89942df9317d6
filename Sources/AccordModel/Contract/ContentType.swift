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
    // Works on UTF-8 bytes: header values are ASCII, and this runs for every part of every contract.
    let bytes = Array(text.utf8)
    var sections: [Range<Int>] = []
    var start = 0
    var quoted = false
    for (position, byte) in bytes.enumerated() {
      if byte == UInt8(ascii: "\"") { quoted.toggle() }
      if byte == UInt8(ascii: ";"), !quoted {
        sections.append(start..<position)
        start = position + 1
      }
    }
    sections.append(start..<bytes.count)
    let essence = Self.trimmed(bytes, sections[0])
    guard let slash = bytes[essence].firstIndex(of: UInt8(ascii: "/")), slash > essence.lowerBound,
      slash + 1 < essence.upperBound
    else { return nil }
    var parameters: [String: String] = [:]
    for section in sections.dropFirst() {
      let piece = Self.trimmed(bytes, section)
      if piece.isEmpty { continue }
      let equals = bytes[piece].firstIndex(of: UInt8(ascii: "="))
      let name = Self.string(bytes, Self.trimmed(bytes, piece.lowerBound..<(equals ?? piece.upperBound))).lowercased()
      var valueRange =
        equals.map { Self.trimmed(bytes, ($0 + 1)..<piece.upperBound) } ?? piece.upperBound..<piece.upperBound
      if valueRange.count >= 2, bytes[valueRange.lowerBound] == UInt8(ascii: "\""),
        bytes[valueRange.upperBound - 1] == UInt8(ascii: "\"")
      {
        valueRange = (valueRange.lowerBound + 1)..<(valueRange.upperBound - 1)
      }
      let value = Self.string(bytes, valueRange)
      parameters[name] = name == "charset" ? value.lowercased() : value
    }
    self.init(
      type: Self.string(bytes, essence.lowerBound..<slash),
      subtype: Self.string(bytes, Self.trimmed(bytes, (slash + 1)..<essence.upperBound)), parameters: parameters)
  }

  private static func trimmed(_ bytes: [UInt8], _ range: Range<Int>) -> Range<Int> {
    var lower = range.lowerBound
    var upper = range.upperBound
    while lower < upper, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[lower]) { lower += 1 }
    while upper > lower, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[upper - 1]) { upper -= 1 }
    return lower..<upper
  }

  private static func string(_ bytes: [UInt8], _ range: Range<Int>) -> String {
    String(decoding: bytes[range], as: UTF8.self)
  }

  /// `type/subtype`, without parameters.
  public var essence: String { "\(type)/\(subtype)" }

  public var description: String {
    ([essence] + parameters.keys.sorted().map { "\($0)=\(parameters[$0]!)" }).joined(separator: "; ")
  }

  public var isJSON: Bool {
    (type == "application"
      && (subtype == "json" || subtype.hasSuffix("+json") || subtype.hasSuffix("-json")
        || subtype == "json-rpc" || subtype == "jsonrequest"))
      || (type == "text" && subtype == "json")
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
