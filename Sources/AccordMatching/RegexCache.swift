import AccordModel
import Foundation
import Synchronization

/// Compiled regular expressions, shared: a contract's rules use few patterns many times.
///
/// Pact regexes match the whole value (as Pact-JVM's `matches()` and the Rust core do), so `\d+` does not
/// match `"12a"`. One semantics whichever engine runs: `\d`, `\w`, `\s` and `\b` are ASCII, as in Java, and `.`
/// stops at line terminators. Accord's own machine (``RegexProgram``) runs every pattern in its subset, in time
/// linear in the value; patterns outside it (look-arounds, back-references, inline flags) run on
/// `NSRegularExpression` with the classes rewritten to ASCII and a time limit. A pattern past the limits, or a match
/// that takes too long, is "could not be evaluated", never a mismatch.
final class RegexCache: Sendable {
  static let shared = RegexCache()

  /// How long the full engine may take for one value before the match is given up.
  static let fullEngineTimeLimit: Duration = .milliseconds(250)

  enum Compiled: @unchecked Sendable {
    case program(RegexProgram)
    // NSRegularExpression is immutable and documented as safe to share between threads.
    case expression(NSRegularExpression)
  }

  private let cache = Mutex<[String: Result<Compiled, RegexError>]>([:])

  struct RegexError: Error, Sendable {
    let message: String
  }

  /// Whether `text` matches `pattern` as a whole; an error when the pattern does not compile or the match could not
  /// be decided.
  func wholeMatch(_ pattern: String, _ text: String) -> Result<Bool, RegexError> {
    compile(pattern).flatMap { compiled in
      let decided: Bool?
      switch compiled {
      case .program(let program): decided = program.wholeMatch(text)
      case .expression(let expression): decided = Self.wholeMatch(expression, text)
      }
      guard let decided else {
        return .failure(
          RegexError(
            message: "/\(Self.shown(pattern))/ could not be evaluated against a value of \(text.unicodeScalars.count) "
              + "characters in the time allowed"))
      }
      return .success(decided)
    }
  }

  /// The first match's capture groups (group 0 is the whole match), for generators; `nil` for no match. The same
  /// classes as matching (ASCII), and the same time limit: a search that takes too long is an error.
  func firstMatchGroups(_ pattern: String, _ text: String) -> Result<[String?]?, RegexError> {
    let key = "search:" + pattern
    let compiled: Result<NSRegularExpressionBox, RegexError>
    if let cached = searches.withLock({ $0[key] }) {
      compiled = cached
    } else {
      compiled =
        (try? NSRegularExpression(pattern: ASCIIClasses.rewrite(pattern))).map { .success(NSRegularExpressionBox($0)) }
        ?? .failure(RegexError(message: "/\(Self.shown(pattern))/ is not a valid regular expression"))
      searches.withLock { $0[key] = compiled }
    }
    return compiled.flatMap { box in
      let range = NSRange(text.startIndex..<text.endIndex, in: text)
      let clock = ContinuousClock()
      let deadline = clock.now + Self.fullEngineTimeLimit
      var found: NSTextCheckingResult?
      var gaveUp = false
      box.expression.enumerateMatches(in: text, options: [.reportProgress], range: range) { match, _, stop in
        if let match {
          found = match
          stop.pointee = true
        } else if clock.now > deadline {
          gaveUp = true
          stop.pointee = true
        }
      }
      if gaveUp {
        return .failure(
          RegexError(
            message: "/\(Self.shown(pattern))/ could not be evaluated against a value of \(text.unicodeScalars.count) "
              + "characters in the time allowed"))
      }
      guard let found else { return .success(nil) }
      return .success(
        (0..<found.numberOfRanges).map { index in Range(found.range(at: index), in: text).map { String(text[$0]) } })
    }
  }

  /// Searches compiled for ``firstMatchGroups(_:_:)`` (unanchored, unlike the whole-match cache).
  private let searches = Mutex<[String: Result<NSRegularExpressionBox, RegexError>]>([:])

  /// NSRegularExpression is immutable and documented as safe to share between threads.
  struct NSRegularExpressionBox: @unchecked Sendable {
    let expression: NSRegularExpression
    init(_ expression: NSRegularExpression) { self.expression = expression }
  }

  private func compile(_ pattern: String) -> Result<Compiled, RegexError> {
    if let cached = cache.withLock({ $0[pattern] }) { return cached }
    let result = Self.compileUncached(pattern)
    cache.withLock { $0[pattern] = result }
    return result
  }

  private static func compileUncached(_ pattern: String) -> Result<Compiled, RegexError> {
    let invalid = RegexError(message: "/\(shown(pattern))/ is not a valid regular expression")
    do {
      let node = try RegexSyntax.parse(pattern)
      guard let program = RegexProgram(node) else {
        return .failure(RegexError(message: "/\(shown(pattern))/ could not be evaluated: it is too large"))
      }
      return .success(.program(program))
    } catch {
      switch error.kind {
      case .tooComplex:
        return .failure(RegexError(message: "\(error.description); it could not be evaluated"))
      case .unsupported, .invalid:
        // Wrapped so that a pattern with alternatives is anchored as a whole: a|b must match all of "b".
        guard let expression = try? NSRegularExpression(pattern: "(?:\(ASCIIClasses.rewrite(pattern)))\\z") else {
          return .failure(invalid)
        }
        return .success(.expression(expression))
      }
    }
  }

  /// A whole match on the full engine, given up (nil) after ``fullEngineTimeLimit``.
  private static func wholeMatch(_ expression: NSRegularExpression, _ text: String) -> Bool? {
    let range = NSRange(text.startIndex..<text.endIndex, in: text)
    let clock = ContinuousClock()
    let deadline = clock.now + fullEngineTimeLimit
    var matched = false
    var gaveUp = false
    expression.enumerateMatches(in: text, options: [.anchored, .reportProgress], range: range) { match, _, stop in
      if let match {
        matched = match.range.location == 0 && match.range.length == range.length
        stop.pointee = true
      } else if clock.now > deadline {
        gaveUp = true
        stop.pointee = true
      }
    }
    return gaveUp ? nil : matched
  }

  static func shown(_ pattern: String) -> String {
    pattern.count > 200 ? String(pattern.prefix(200)) + "…" : pattern
  }
}
