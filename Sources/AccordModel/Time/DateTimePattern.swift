/// A date/time pattern in the Java style Pact uses (`yyyy-MM-dd'T'HH:mm:ss.SSSXXX`), for checking text against it
/// and for writing dates with it.
///
/// Letters follow `java.time.format.DateTimeFormatter`: `y`/`u` year, `M` month, `d` day, `H` hour, `m` minute,
/// `s` second, `S` fraction, `E` day name, `a` AM/PM, `Z`/`X`/`x` offsets, `z` zone name, `'…'` literal text and
/// `[…]` optional sections.
///
/// ```swift
/// let pattern = try DateTimePattern("yyyy-MM-dd")
/// pattern.mismatch("2024-02-30")  // "day 30 does not exist in month 2 of 2024"
/// pattern.mismatch("2024-02-29")  // nil
/// ```
public struct DateTimePattern: Sendable, Hashable {
  indirect enum Element: Sendable, Hashable {
    case literal(String)
    case field(Character, Int)
    case optional([Element])
  }

  public let pattern: String
  let elements: [Element]

  /// The longest pattern accepted; real patterns are a few dozen characters.
  public static let maximumLength = 256
  /// How deeply `[…]` optional sections may nest.
  public static let maximumNesting = 16

  public init(_ pattern: String) throws(DateTimePatternError) {
    self.pattern = pattern
    guard pattern.utf8.count <= Self.maximumLength else {
      throw DateTimePatternError(
        pattern: String(pattern.prefix(40)) + "…",
        reason: "the pattern is longer than \(Self.maximumLength) characters")
    }
    var parser = PatternParser(pattern)
    self.elements = try parser.parse()
  }

  /// ISO 8601 defaults used when a matcher gives no format.
  public static let isoDate = try! DateTimePattern("yyyy-MM-dd")
  public static let isoTime = try! DateTimePattern("HH:mm[:ss][.SSSSSSSSS][.SSSSSS][.SSS][XXX][X]")
  public static let isoDateTime = try! DateTimePattern(
    "yyyy-MM-dd'T'HH:mm[:ss][.SSSSSSSSS][.SSSSSS][.SSS][.SS][.S][XXX][XX][X]")
}

/// A pattern that cannot be used: `unknown pattern letter 'J' at position 5 of "yyyy-J"`.
public struct DateTimePatternError: Error, Sendable, Hashable, CustomStringConvertible {
  public var pattern: String
  public var reason: String

  public var description: String { "\(reason) in the date/time pattern \"\(pattern)\"" }
}

private struct PatternParser {
  let pattern: String
  let characters: [Character]
  var position = 0

  static let letters: Set<Character> = [
    "G", "y", "u", "Y", "M", "L", "d", "D", "E", "e", "c", "a", "H", "k", "K", "h", "m", "s", "S", "n", "A", "N", "z",
    "Z", "X", "x", "O", "V", "Q", "q", "w", "W", "F",
  ]

  init(_ pattern: String) {
    self.pattern = pattern
    self.characters = Array(pattern)
  }

  mutating func parse() throws(DateTimePatternError) -> [DateTimePattern.Element] {
    let elements = try parseSequence(closing: nil, depth: 0)
    if elements.isEmpty { throw DateTimePatternError(pattern: pattern, reason: "the pattern is empty") }
    return elements
  }

  private mutating func parseSequence(closing: Character?, depth: Int) throws(DateTimePatternError)
    -> [DateTimePattern.Element]
  {
    guard depth <= DateTimePattern.maximumNesting else {
      throw DateTimePatternError(
        pattern: pattern, reason: "optional sections nest deeper than \(DateTimePattern.maximumNesting) levels")
    }
    var elements: [DateTimePattern.Element] = []
    while position < characters.count {
      let character = characters[position]
      if character == closing {
        position += 1
        return elements
      }
      switch character {
      case "'":
        position += 1
        var text = ""
        if position < characters.count, characters[position] == "'" {
          elements.append(.literal("'"))
          position += 1
          continue
        }
        while true {
          guard position < characters.count else {
            throw DateTimePatternError(pattern: pattern, reason: "an unclosed quote")
          }
          if characters[position] == "'" {
            if position + 1 < characters.count, characters[position + 1] == "'" {
              text.append("'")
              position += 2
              continue
            }
            position += 1
            break
          }
          text.append(characters[position])
          position += 1
        }
        elements.append(.literal(text))
      case "[":
        position += 1
        elements.append(.optional(try parseSequence(closing: "]", depth: depth + 1)))
      case "]":
        throw DateTimePatternError(pattern: pattern, reason: "a ']' without '['")
      default:
        if character.isLetter, character.isASCII {
          guard Self.letters.contains(character) else {
            throw DateTimePatternError(
              pattern: pattern, reason: "unknown pattern letter '\(character)' at position \(position + 1)")
          }
          var count = 0
          while position < characters.count, characters[position] == character {
            count += 1
            position += 1
          }
          elements.append(.field(character, count))
        } else {
          elements.append(.literal(String(character)))
          position += 1
        }
      }
    }
    if closing != nil { throw DateTimePatternError(pattern: pattern, reason: "an unclosed '['") }
    return elements
  }
}
