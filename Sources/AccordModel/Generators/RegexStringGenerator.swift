/// Produces random strings that match a regular expression, for the `Regex` generator.
///
/// Supports literals, escapes (`\d \w \s \D \W \S`), `.`, classes with ranges and negation, groups, alternation
/// and quantifiers (`* + ? {n} {n,} {n,m}`, lazy or possessive). Anchors and word boundaries are accepted and
/// produce nothing; look-arounds and back-references are not supported.
///
/// ```swift
/// var random = SystemRandomNumberGenerator()
/// try RegexStringGenerator(#"\d{3}-[A-Z]{2}"#).generate(using: &random)  // e.g. "042-QX"
/// ```
public struct RegexStringGenerator: Sendable {
  indirect enum Node: Sendable {
    case literal(Character)
    case set([ClosedRange<Unicode.Scalar>], negated: Bool)
    case sequence([Node])
    case alternation([Node])
    case repeated(Node, min: Int, max: Int)
    case empty
  }

  let root: Node
  public let pattern: String

  public init(_ pattern: String) throws(RegexGeneratorError) {
    self.pattern = pattern
    var parser = RegexPatternParser(pattern)
    self.root = try parser.parse()
  }

  /// A random string matching the pattern.
  public func generate<R: RandomNumberGenerator>(using random: inout R) -> String {
    var output = ""
    emit(root, into: &output, random: &random)
    return output
  }

  private func emit<R: RandomNumberGenerator>(_ node: Node, into output: inout String, random: inout R) {
    switch node {
    case .literal(let character): output.append(character)
    case .set(let ranges, let negated):
      let choices = negated ? Self.printable.filter { scalar in !ranges.contains { $0.contains(scalar) } } : []
      if negated {
        if let scalar = choices.randomElement(using: &random) { output.unicodeScalars.append(scalar) }
        return
      }
      let sizes = ranges.map { Int($0.upperBound.value - $0.lowerBound.value) + 1 }
      var pick = Int.random(in: 0..<max(sizes.reduce(0, +), 1), using: &random)
      for (range, size) in zip(ranges, sizes) {
        if pick < size {
          if let scalar = Unicode.Scalar(range.lowerBound.value + UInt32(pick)) { output.unicodeScalars.append(scalar) }
          return
        }
        pick -= size
      }
    case .sequence(let nodes): for child in nodes { emit(child, into: &output, random: &random) }
    case .alternation(let options):
      if let option = options.randomElement(using: &random) { emit(option, into: &output, random: &random) }
    case .repeated(let child, let min, let max):
      let count = Int.random(in: min...max, using: &random)
      for _ in 0..<count { emit(child, into: &output, random: &random) }
    case .empty: break
    }
  }

  /// Printable ASCII, the universe for negated classes and `.`.
  static let printable: [Unicode.Scalar] = (0x21...0x7E).compactMap(Unicode.Scalar.init)
}

/// A pattern the generator cannot produce strings for, with the reason.
public struct RegexGeneratorError: Error, Sendable, Hashable, CustomStringConvertible {
  public var pattern: String
  public var reason: String

  public var description: String { "cannot generate a string for /\(pattern)/: \(reason)" }
}

private struct RegexPatternParser {
  typealias Node = RegexStringGenerator.Node
  let pattern: String
  let characters: [Character]
  var position = 0
  /// How many extra repetitions an open-ended quantifier (`*`, `+`, `{n,}`) may add.
  static let openEndedSpan = 4

  init(_ pattern: String) {
    self.pattern = pattern
    self.characters = Array(pattern)
  }

  mutating func parse() throws(RegexGeneratorError) -> Node {
    let node = try parseAlternation()
    if position < characters.count { throw failure("unbalanced ')' at position \(position + 1)") }
    return node
  }

  private mutating func parseAlternation() throws(RegexGeneratorError) -> Node {
    var options = [try parseSequence()]
    while position < characters.count, characters[position] == "|" {
      position += 1
      options.append(try parseSequence())
    }
    return options.count == 1 ? options[0] : .alternation(options)
  }

  private mutating func parseSequence() throws(RegexGeneratorError) -> Node {
    var nodes: [Node] = []
    while position < characters.count, characters[position] != "|", characters[position] != ")" {
      let atom = try parseAtom()
      nodes.append(try parseQuantifier(atom))
    }
    return nodes.count == 1 ? nodes[0] : .sequence(nodes)
  }

  private mutating func parseAtom() throws(RegexGeneratorError) -> Node {
    let character = characters[position]
    position += 1
    switch character {
    case "^", "$": return .empty
    case ".": return .set([("a"..."z"), ("A"..."Z"), ("0"..."9")], negated: false)
    case "[": return try parseClass()
    case "(":
      if position < characters.count, characters[position] == "?" {
        position += 1
        guard position < characters.count else { throw failure("unfinished group") }
        switch characters[position] {
        case ":": position += 1
        case "<" where position + 1 < characters.count && characters[position + 1] != "=" && characters[position + 1] != "!":
          while position < characters.count, characters[position] != ">" { position += 1 }
          position += 1
        case "P" where position + 1 < characters.count && characters[position + 1] == "<":
          while position < characters.count, characters[position] != ">" { position += 1 }
          position += 1
        default: throw failure("look-around and inline flags are not supported")
        }
      }
      let inner = try parseAlternation()
      guard position < characters.count, characters[position] == ")" else { throw failure("missing ')'") }
      position += 1
      return inner
    case "\\": return try parseEscape(inClass: false)
    case "*", "+", "?", "{": throw failure("a quantifier '\(character)' with nothing to repeat")
    default: return .literal(character)
    }
  }

  private mutating func parseEscape(inClass: Bool) throws(RegexGeneratorError) -> Node {
    guard position < characters.count else { throw failure("a trailing backslash") }
    let character = characters[position]
    position += 1
    switch character {
    case "d": return .set([("0"..."9")], negated: false)
    case "D": return .set([("0"..."9")], negated: true)
    case "w": return .set([("a"..."z"), ("A"..."Z"), ("0"..."9"), ("_"..."_")], negated: false)
    case "W": return .set([("a"..."z"), ("A"..."Z"), ("0"..."9"), ("_"..."_")], negated: true)
    case "s": return .literal(" ")
    case "S": return .set([("a"..."z")], negated: false)
    case "t": return .literal("\t")
    case "n": return .literal("\n")
    case "r": return .literal("\r")
    case "b", "B", "A", "z", "Z", "G": return inClass ? .literal("\u{8}") : .empty
    case "u", "x":
      let width = character == "u" ? 4 : 2
      guard position + width <= characters.count, let value = UInt32(String(characters[position..<position + width]), radix: 16),
        let scalar = Unicode.Scalar(value)
      else { throw failure("an invalid \\\(character) escape") }
      position += width
      return .literal(Character(scalar))
    case "1"..."9": throw failure("back-references are not supported")
    default:
      if character.isLetter { throw failure("the escape \\\(character) is not supported") }
      return .literal(character)
    }
  }

  private mutating func parseClass() throws(RegexGeneratorError) -> Node {
    var negated = false
    if position < characters.count, characters[position] == "^" {
      negated = true
      position += 1
    }
    var ranges: [ClosedRange<Unicode.Scalar>] = []
    var first = true
    while position < characters.count, characters[position] != "]" || first {
      first = false
      var lower: Unicode.Scalar
      if characters[position] == "\\" {
        position += 1
        switch try parseEscape(inClass: true) {
        case .literal(let character): lower = character.unicodeScalars.first!
        case .set(let inner, false):
          ranges += inner
          continue
        default: throw failure("a negated escape inside a class is not supported")
        }
      } else {
        lower = characters[position].unicodeScalars.first!
        position += 1
      }
      if position + 1 < characters.count, characters[position] == "-", characters[position + 1] != "]" {
        position += 1
        var upper = characters[position].unicodeScalars.first!
        if characters[position] == "\\" {
          position += 1
          guard case .literal(let character) = try parseEscape(inClass: true) else {
            throw failure("an invalid range in a class")
          }
          upper = character.unicodeScalars.first!
        } else {
          position += 1
        }
        guard lower <= upper else { throw failure("the range \(lower)-\(upper) is reversed") }
        ranges.append(lower...upper)
      } else {
        ranges.append(lower...lower)
      }
    }
    guard position < characters.count else { throw failure("missing ']'") }
    position += 1
    return .set(ranges, negated: negated)
  }

  private mutating func parseQuantifier(_ atom: Node) throws(RegexGeneratorError) -> Node {
    guard position < characters.count else { return atom }
    var result: Node
    switch characters[position] {
    case "*":
      position += 1
      result = .repeated(atom, min: 0, max: Self.openEndedSpan)
    case "+":
      position += 1
      result = .repeated(atom, min: 1, max: 1 + Self.openEndedSpan)
    case "?":
      position += 1
      result = .repeated(atom, min: 0, max: 1)
    case "{":
      guard let close = characters[position...].firstIndex(of: "}") else { return atom }
      let body = String(characters[(position + 1)..<close])
      let parts = body.split(separator: ",", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard let minimum = Int(parts[0]) else { return atom }
      let maximum: Int
      if parts.count == 1 {
        maximum = minimum
      } else if parts[1].isEmpty {
        maximum = minimum + Self.openEndedSpan
      } else if let value = Int(parts[1]), value >= minimum {
        maximum = value
      } else {
        throw failure("the quantifier {\(body)} is invalid")
      }
      position = close + 1
      result = .repeated(atom, min: minimum, max: maximum)
    default:
      return atom
    }
    if position < characters.count, characters[position] == "?" || characters[position] == "+" { position += 1 }
    return result
  }

  private func failure(_ reason: String) -> RegexGeneratorError {
    RegexGeneratorError(pattern: pattern, reason: reason)
  }
}
