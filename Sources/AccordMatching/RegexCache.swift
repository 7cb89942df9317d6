import AccordModel
import Foundation
import Synchronization

/// Compiled regular expressions, shared: a contract's rules use few patterns many times.
///
/// Pact regexes match the whole value (as Pact-JVM's `matches()` and the Rust core do), so `\d+` does not
/// match `"12a"`.
final class RegexCache: Sendable {
  static let shared = RegexCache()

  private struct Compiled: @unchecked Sendable {
    /// Accord's own machine, when the pattern is in its subset.
    let program: RegexProgram?
    // NSRegularExpression is immutable and documented as safe to share between threads.
    let expression: NSRegularExpression

    func wholeMatch(_ text: String) -> Bool {
      if let program, let result = program.wholeMatch(text) { return result }
      let range = NSRange(text.startIndex..<text.endIndex, in: text)
      guard let match = expression.firstMatch(in: text, options: [.anchored], range: range) else { return false }
      return match.range.location == 0 && match.range.length == range.length
    }
  }

  private let cache = Mutex<[String: Result<Compiled, RegexError>]>([:])

  struct RegexError: Error, Sendable {
    let message: String
  }

  /// Whether `text` matches `pattern` as a whole; an error message when the pattern does not compile.
  func wholeMatch(_ pattern: String, _ text: String) -> Result<Bool, RegexError> {
    compile(pattern).map { $0.wholeMatch(text) }
  }

  /// The first match's capture groups (group 0 is the whole match), for generators.
  func firstMatchGroups(_ pattern: String, _ text: String) -> [String?]? {
    guard case .success(let compiled) = compile(pattern) else { return nil }
    let range = NSRange(text.startIndex..<text.endIndex, in: text)
    guard let match = compiled.expression.firstMatch(in: text, range: range) else { return nil }
    return (0..<match.numberOfRanges).map { index in
      Range(match.range(at: index), in: text).map { String(text[$0]) }
    }
  }

  private func compile(_ pattern: String) -> Result<Compiled, RegexError> {
    if let cached = cache.withLock({ $0[pattern] }) { return cached }
    let result: Result<Compiled, RegexError>
    do {
      // Wrapped so that a pattern with alternatives is anchored as a whole: a|b must match all of "b".
      let expression = try NSRegularExpression(pattern: "(?:\(pattern))\\z")
      let program = (try? RegexSyntax.parse(pattern)).flatMap(RegexProgram.init)
      result = .success(Compiled(program: program, expression: expression))
    } catch {
      result = .failure(RegexError(message: "/\(pattern)/ is not a valid regular expression"))
    }
    cache.withLock { $0[pattern] = result }
    return result
  }
}
