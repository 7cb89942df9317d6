import Foundation
import Synchronization

/// Compiled regular expressions, shared: a contract's rules use few patterns many times.
///
/// Pact regexes match the whole value (as Pact-JVM's `matches()` and the Rust core do), so `\d+` does not
/// match `"12a"`.
final class RegexCache: Sendable {
  static let shared = RegexCache()

  private struct Compiled: @unchecked Sendable {
    // NSRegularExpression is immutable and documented as safe to share between threads.
    let expression: NSRegularExpression
  }

  private let cache = Mutex<[String: Result<Compiled, RegexError>]>([:])

  struct RegexError: Error, Sendable {
    let message: String
  }

  /// Whether `text` matches `pattern` as a whole; an error message when the pattern does not compile.
  func wholeMatch(_ pattern: String, _ text: String) -> Result<Bool, RegexError> {
    compile(pattern).map { compiled in
      let range = NSRange(text.startIndex..<text.endIndex, in: text)
      guard let match = compiled.expression.firstMatch(in: text, options: [.anchored], range: range) else {
        return false
      }
      return match.range.location == 0 && match.range.length == range.length
    }
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
      result = .success(Compiled(expression: try NSRegularExpression(pattern: "(?:\(pattern))\\z")))
    } catch {
      result = .failure(RegexError(message: "/\(pattern)/ is not a valid regular expression"))
    }
    cache.withLock { $0[pattern] = result }
    return result
  }
}
