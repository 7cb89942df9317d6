/// A path expression from a matching rule or generator: `$.items[*].id`, `$.user['first name']`, `$.*`.
///
/// Rules are chosen by weight, as the Pact specification describes: each token that names the location exactly
/// weighs 2, a wildcard weighs 1, and a rule whose tokens do not all match weighs 0. A rule shorter than the
/// location applies to it by cascading from an ancestor.
///
/// ```swift
/// let path = try DocPath("$.items[*].id")
/// path.weight(for: [.key("items"), .index(3), .key("id")])  // 2 * 2 * 1 * 2 = 8
/// ```
public struct DocPath: Sendable, Hashable, CustomStringConvertible {
  public enum Token: Sendable, Hashable {
    case root
    case field(String)
    case index(Int)
    /// `[*]`: any array index.
    case anyIndex
    /// `*`: any member name (or index).
    case anyField
  }

  /// The tokens after the root `$`.
  public let tokens: [Token]
  /// The expression as written.
  public let expression: String

  /// The root path `$`.
  public static let root = DocPath(tokens: [], expression: "$")

  public init(tokens: [Token], expression: String? = nil) {
    self.tokens = tokens.filter { $0 != .root }
    self.expression = expression ?? DocPath.render(self.tokens)
  }

  /// Parses an expression; throws ``DocPathError`` naming the position of the problem.
  public init(_ expression: String) throws(DocPathError) {
    var parser = DocPathParser(expression)
    self.tokens = try parser.parse()
    self.expression = expression
  }

  public var description: String { expression }

  /// The weight of this path for a concrete location (segments after the root): 0 when it does not apply.
  public func weight(for location: [PathSegment]) -> Int {
    guard tokens.count <= location.count else { return 0 }
    var weight = 2
    for (token, segment) in zip(tokens, location) {
      let factor: Int
      switch (token, segment) {
      case (.field(let name), .key(let key)): factor = name == key ? 2 : 0
      case (.field(let name), .index(let index)): factor = name == String(index) ? 2 : 0
      case (.index(let wanted), .index(let index)): factor = wanted == index ? 2 : 0
      case (.anyIndex, .index): factor = 1
      case (.anyField, _): factor = 1
      default: factor = 0
      }
      if factor == 0 { return 0 }
      weight = RuleWeight.product(weight, factor)
    }
    return weight
  }

  /// Whether the path names exactly this location (same length, every token matching).
  public func matchesExactly(_ location: [PathSegment]) -> Bool {
    tokens.count == location.count && weight(for: location) > 0
  }

  static func render(_ tokens: [Token]) -> String {
    var text = "$"
    for token in tokens {
      switch token {
      case .root: break
      case .field(let name): text += renderField(name)
      case .index(let index): text += "[\(index)]"
      case .anyIndex: text += "[*]"
      case .anyField: text += ".*"
      }
    }
    return text
  }

  static func renderField(_ name: String) -> String {
    let plain =
      !name.isEmpty
      && name.unicodeScalars.allSatisfy { scalar in
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "-", ":": return true
        default: return false
        }
      }
    if plain { return "." + name }
    return "['" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "']"
  }
}

/// A path expression that cannot be read: `expected ']' at position 9 of "$.items[1"`.
public struct DocPathError: Error, Sendable, Hashable, CustomStringConvertible {
  public var expression: String
  public var position: Int
  public var reason: String

  public var description: String {
    "\(reason) at position \(position + 1) of \"\(expression)\""
  }
}

private struct DocPathParser {
  let expression: String
  let characters: [Character]
  var position = 0

  init(_ expression: String) {
    self.expression = expression
    self.characters = Array(expression)
  }

  mutating func parse() throws(DocPathError) -> [DocPath.Token] {
    guard characters.first == "$" else {
      throw DocPathError(expression: expression, position: 0, reason: "a path must start with '$'")
    }
    position = 1
    var tokens: [DocPath.Token] = []
    while position < characters.count {
      switch characters[position] {
      case ".":
        position += 1
        tokens.append(try parseDotted())
      case "[":
        position += 1
        tokens.append(try parseBracketed())
      default:
        throw failure("expected '.' or '[' but found '\(characters[position])'")
      }
    }
    return tokens
  }

  private mutating func parseDotted() throws(DocPathError) -> DocPath.Token {
    let start = position
    while position < characters.count, characters[position] != ".", characters[position] != "[" {
      position += 1
    }
    let name = String(characters[start..<position])
    if name.isEmpty { throw failure("expected a name after '.'") }
    return name == "*" ? .anyField : .field(name)
  }

  private mutating func parseBracketed() throws(DocPathError) -> DocPath.Token {
    guard position < characters.count else { throw failure("expected an index, '*' or a quoted name after '['") }
    let opening = characters[position]
    if opening == "'" || opening == "\"" {
      position += 1
      var name = ""
      while position < characters.count, characters[position] != opening {
        if characters[position] == "\\", position + 1 < characters.count {
          position += 1
        }
        name.append(characters[position])
        position += 1
      }
      guard position < characters.count else { throw failure("missing closing \(opening)") }
      position += 1
      try expectClosingBracket()
      return name == "*" ? .anyField : .field(name)
    }
    if opening == "*" {
      position += 1
      try expectClosingBracket()
      return .anyIndex
    }
    let start = position
    while position < characters.count, characters[position].isASCII, characters[position].isNumber {
      position += 1
    }
    guard position > start, let index = Int(String(characters[start..<position])) else {
      throw failure("expected an index, '*' or a quoted name after '['")
    }
    try expectClosingBracket()
    return .index(index)
  }

  private mutating func expectClosingBracket() throws(DocPathError) {
    guard position < characters.count, characters[position] == "]" else { throw failure("expected ']'") }
    position += 1
  }

  private func failure(_ reason: String) -> DocPathError {
    DocPathError(expression: expression, position: min(position, max(characters.count - 1, 0)), reason: reason)
  }
}
