import Foundation

/// The syntax tree of a regular expression in the subset Accord handles itself: literals, `.`, classes with ranges
/// and negation, `\d \w \s` (ASCII, as in Java) and their negations, groups, alternation, greedy and lazy
/// quantifiers, `^ $ \A \z \b \B`. Anything else (look-arounds, back-references, inline flags, Unicode properties)
/// throws an `unsupported` error, and callers fall back to a full engine; patterns past the limits (length, nesting,
/// repetition counts) throw `tooComplex`, for every engine.
package indirect enum RegexNode: Sendable, Hashable {
  case literal(Unicode.Scalar)
  /// `.`: any character but a line break.
  case any
  case set([ClosedRange<Unicode.Scalar>], negated: Bool)
  case sequence([RegexNode])
  case alternation([RegexNode])
  /// `max == nil` is unbounded.
  case repeated(RegexNode, min: Int, max: Int?, greedy: Bool)
  case startAnchor
  case endAnchor
  case wordBoundary(negated: Bool)
  case empty
}

/// A pattern outside the supported subset, malformed, or past a limit.
public struct RegexSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Kind: Sendable, Hashable {
    /// Valid in Java and ICU (a look-around, a back-reference) but outside Accord's own subset.
    case unsupported
    /// Not a regular expression in any engine.
    case invalid
    /// Past one of ``RegexSyntax``'s limits: too long, nested too deeply, or a repetition count too large.
    case tooComplex
  }

  public var pattern: String
  public var reason: String
  public var kind: Kind

  public init(pattern: String, reason: String, kind: Kind = .invalid) {
    self.pattern = pattern
    self.reason = reason
    self.kind = kind
  }

  public var description: String { "/\(pattern.count > 200 ? String(pattern.prefix(200)) + "…" : pattern)/: \(reason)" }
}

package enum RegexSyntax {
  package static let digits: [ClosedRange<Unicode.Scalar>] = ["0"..."9"]
  package static let word: [ClosedRange<Unicode.Scalar>] = ["a"..."z", "A"..."Z", "0"..."9", "_"..."_"]
  package static let space: [ClosedRange<Unicode.Scalar>] = [" "..." ", "\t"..."\r"]

  /// The longest pattern accepted, in Unicode scalars.
  package static let maximumLength = 10_000
  /// How deeply groups may nest.
  package static let maximumNesting = 100
  /// The largest count a `{m,n}` quantifier may give.
  package static let maximumRepetition = 10_000

  /// Parses `pattern` into a tree, or says why it cannot.
  package static func parse(_ pattern: String) throws(RegexSyntaxError) -> RegexNode {
    guard pattern.unicodeScalars.count <= maximumLength else {
      throw RegexSyntaxError(
        pattern: pattern, reason: "the pattern is longer than \(maximumLength) characters", kind: .tooComplex)
    }
    var parser = Parser(pattern)
    return try parser.parse()
  }

  private struct Parser {
    let pattern: String
    let scalars: [Unicode.Scalar]
    var position = 0
    var depth = 0

    init(_ pattern: String) {
      self.pattern = pattern
      self.scalars = Array(pattern.unicodeScalars)
    }

    mutating func parse() throws(RegexSyntaxError) -> RegexNode {
      let node = try parseAlternation()
      if position < scalars.count { throw failure("unbalanced ')' at position \(position + 1)") }
      return node
    }

    private func peek(_ scalar: Unicode.Scalar) -> Bool { position < scalars.count && scalars[position] == scalar }

    private mutating func parseAlternation() throws(RegexSyntaxError) -> RegexNode {
      var options = [try parseSequence()]
      while peek("|") {
        position += 1
        options.append(try parseSequence())
      }
      return options.count == 1 ? options[0] : .alternation(options)
    }

    private mutating func parseSequence() throws(RegexSyntaxError) -> RegexNode {
      var nodes: [RegexNode] = []
      while position < scalars.count, scalars[position] != "|", scalars[position] != ")" {
        let atom = try parseAtom()
        nodes.append(try parseQuantifier(atom))
      }
      if nodes.isEmpty { return .empty }
      return nodes.count == 1 ? nodes[0] : .sequence(nodes)
    }

    private mutating func parseAtom() throws(RegexSyntaxError) -> RegexNode {
      let scalar = scalars[position]
      position += 1
      switch scalar {
      case "^": return .startAnchor
      case "$": return .endAnchor
      case ".": return .any
      case "[": return try parseClass()
      case "(":
        if peek("?") {
          position += 1
          if peek(":") {
            position += 1
          } else if peek("<"), position + 1 < scalars.count, scalars[position + 1] != "=", scalars[position + 1] != "!"
          {
            try skipGroupName(">")
          } else if peek("P"), position + 1 < scalars.count, scalars[position + 1] == "<" {
            position += 1
            try skipGroupName(">")
          } else {
            throw failure("look-arounds, atomic groups and inline flags are not supported", .unsupported)
          }
        }
        depth += 1
        guard depth <= RegexSyntax.maximumNesting else {
          throw failure("groups nest deeper than \(RegexSyntax.maximumNesting) levels", .tooComplex)
        }
        let inner = try parseAlternation()
        guard peek(")") else { throw failure("missing ')'") }
        position += 1
        depth -= 1
        return inner
      case "\\": return try parseEscape(inClass: false)
      case "*", "+", "?": throw failure("a quantifier '\(scalar)' with nothing to repeat")
      case "{":
        if let (minimum, _, _) = peekBraces(from: position - 1), minimum >= 0 {
          throw failure("a quantifier '{' with nothing to repeat")
        }
        return .literal(scalar)
      default: return .literal(scalar)
      }
    }

    private mutating func skipGroupName(_ terminator: Unicode.Scalar) throws(RegexSyntaxError) {
      while position < scalars.count, scalars[position] != terminator { position += 1 }
      guard position < scalars.count else { throw failure("an unfinished group name") }
      position += 1
    }

    private mutating func parseEscape(inClass: Bool) throws(RegexSyntaxError) -> RegexNode {
      guard position < scalars.count else { throw failure("a trailing backslash") }
      let scalar = scalars[position]
      position += 1
      switch scalar {
      case "d": return .set(RegexSyntax.digits, negated: false)
      case "D": return .set(RegexSyntax.digits, negated: true)
      case "w": return .set(RegexSyntax.word, negated: false)
      case "W": return .set(RegexSyntax.word, negated: true)
      case "s": return .set(RegexSyntax.space, negated: false)
      case "S": return .set(RegexSyntax.space, negated: true)
      case "t": return .literal("\t")
      case "n": return .literal("\n")
      case "r": return .literal("\r")
      case "f": return .literal("\u{0C}")
      case "v": return .literal("\u{0B}")
      case "e": return .literal("\u{1B}")
      case "0": return .literal("\0")
      case "b": return inClass ? .literal("\u{08}") : .wordBoundary(negated: false)
      case "B": if !inClass { return .wordBoundary(negated: true) }
      case "A": if !inClass { return .startAnchor }
      case "z": if !inClass { return .endAnchor }
      case "u", "x":
        let width = scalar == "u" ? 4 : 2
        guard position + width <= scalars.count,
          let value = UInt32(String(String.UnicodeScalarView(scalars[position..<position + width])), radix: 16),
          let decoded = Unicode.Scalar(value)
        else { throw failure("an invalid \\\(scalar) escape") }
        position += width
        return .literal(decoded)
      default:
        break
      }
      if scalar.properties.isAlphabetic || ("1"..."9").contains(scalar) {
        throw failure("the escape \\\(scalar) is not supported", .unsupported)
      }
      return .literal(scalar)
    }

    private mutating func parseClass() throws(RegexSyntaxError) -> RegexNode {
      var negated = false
      if peek("^") {
        negated = true
        position += 1
      }
      var ranges: [ClosedRange<Unicode.Scalar>] = []
      var first = true
      while position < scalars.count, scalars[position] != "]" || first {
        first = false
        if scalars[position] == "[" {
          throw failure("nested classes and POSIX classes are not supported", .unsupported)
        }
        let lower: Unicode.Scalar
        if scalars[position] == "\\" {
          position += 1
          switch try parseEscape(inClass: true) {
          case .literal(let scalar): lower = scalar
          case .set(let inner, false):
            ranges += inner
            continue
          default: throw failure("a negated escape inside a class is not supported", .unsupported)
          }
        } else {
          lower = scalars[position]
          position += 1
        }
        if position + 1 < scalars.count, scalars[position] == "-", scalars[position + 1] != "]" {
          position += 1
          var upper = scalars[position]
          position += 1
          if upper == "\\" {
            guard case .literal(let escaped) = try parseEscape(inClass: true) else {
              throw failure("an invalid range in a class")
            }
            upper = escaped
          }
          guard lower <= upper else { throw failure("the range \(lower)-\(upper) is reversed") }
          ranges.append(lower...upper)
        } else {
          ranges.append(lower...lower)
        }
      }
      guard position < scalars.count else { throw failure("missing ']'") }
      position += 1
      return .set(ranges, negated: negated)
    }

    /// `{m}`, `{m,}`, `{m,n}` at `start`: (min, max, length) or nil when it is not a quantifier.
    private func peekBraces(from start: Int) -> (Int, Int?, Int)? {
      guard start < scalars.count, scalars[start] == "{",
        let close = scalars[start...].firstIndex(of: "}")
      else { return nil }
      let body = String(String.UnicodeScalarView(scalars[(start + 1)..<close]))
      let parts = body.split(separator: ",", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard parts.count <= 2, let minimum = Self.count(parts[0]) else { return nil }
      if parts.count == 1 { return (minimum, minimum, close - start + 1) }
      if parts[1].isEmpty { return (minimum, nil, close - start + 1) }
      guard let maximum = Self.count(parts[1]) else { return nil }
      return (minimum, maximum, close - start + 1)
    }

    /// A repetition count: ASCII digits only (so `{-1}` is literal text, as in Java), saturating past `Int.max`.
    private static func count(_ text: String) -> Int? {
      guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
      return Int(text) ?? Int.max
    }

    private mutating func parseQuantifier(_ atom: RegexNode) throws(RegexSyntaxError) -> RegexNode {
      guard position < scalars.count else { return atom }
      var minimum: Int
      var maximum: Int?
      switch scalars[position] {
      case "*":
        (minimum, maximum) = (0, nil)
        position += 1
      case "+":
        (minimum, maximum) = (1, nil)
        position += 1
      case "?":
        (minimum, maximum) = (0, 1)
        position += 1
      case "{":
        guard let (low, high, length) = peekBraces(from: position) else { return atom }
        if let high, high < low { throw failure("the quantifier {\(low),\(high)} is reversed") }
        if max(low, high ?? 0) > RegexSyntax.maximumRepetition {
          throw failure(
            "the repetition count \(max(low, high ?? 0)) is above \(RegexSyntax.maximumRepetition)", .tooComplex)
        }
        (minimum, maximum) = (low, high)
        position += length
      default:
        return atom
      }
      var greedy = true
      if peek("?") {
        greedy = false
        position += 1
      } else if peek("+") {
        throw failure("possessive quantifiers are not supported", .unsupported)
      }
      return .repeated(atom, min: minimum, max: maximum, greedy: greedy)
    }

    private func failure(_ reason: String, _ kind: RegexSyntaxError.Kind = .invalid) -> RegexSyntaxError {
      RegexSyntaxError(pattern: pattern, reason: reason, kind: kind)
    }
  }
}
