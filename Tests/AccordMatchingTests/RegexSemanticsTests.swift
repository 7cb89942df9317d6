import AccordMatching
import AccordModel
import Testing

/// One regex semantics whichever engine runs, linear time on long values, and "could not be evaluated" instead of
/// a false mismatch.
@Suite struct RegexSemanticsTests {
  func failures(_ pattern: String, _ value: String) -> [String] {
    valueMismatches(RuleList([.regex(pattern)]), expected: "x", actual: .string(value))
  }

  @Test(arguments: [
    // Built-in engine and the full engine (a look-ahead forces it) agree that \d, \w and \s are ASCII.
    (#"\d+"#, "١٢٣", false), (#"(?=.)\d+"#, "١٢٣", false), (#"\d+"#, "123", true), (#"(?=.)\d+"#, "123", true),
    (#"\w+"#, "héllo", false), (#"(?=.)\w+"#, "héllo", false), (#"(?=.)[\w]+"#, "abc_9", true),
    (#"(?=.)[^\d]+"#, "abc", true), (#"(?=.)[^\d]+"#, "a1", false), (#"(?=.)\s"#, "\u{2003}", false),
    (#"a.c"#, "a\u{2028}c", false), (#"(?=.)a.c"#, "a\u{2028}c", false),
    (#"(?=.)\bab\b"#, "ab", true), (#"(?=.)\Q\d\E"#, #"\d"#, true),
  ])
  func bothEnginesAgree(pattern: String, value: String, matches: Bool) {
    #expect(failures(pattern, value).isEmpty == matches, "/\(pattern)/ on \(value)")
  }

  @Test func aLongValueStaysOnTheLinearEngine() {
    // Catastrophic for a plain backtracker; linear here, whatever the length.
    let value = String(repeating: "a", count: 200_000) + "!"
    #expect(failures("(a+)+b", value).count == 1)
    #expect(failures("(a|aa)*", String(repeating: "a", count: 200_000)).isEmpty)
  }

  @Test func aMatchThatTakesTooLongIsNotEvaluatedRatherThanFailed() {
    // Back-references need the full engine, which backtracks exponentially here; it is stopped.
    let value = String(repeating: "a", count: 40) + "c"
    let result = failures(#"(a+)+\1(?=b)"#, value)
    #expect(result.count == 1)
    #expect(result.first?.contains("could not be evaluated") == true, "\(result)")
  }

  @Test func patternsPastTheLimitsCannotBeEvaluated() {
    let result = failures("(a{5000}){5000}", "a")
    #expect(result.first?.contains("could not be evaluated") == true, "\(result)")
    let nested = String(repeating: "(", count: 4000) + "a" + String(repeating: ")", count: 4000)
    #expect(failures(nested, "a").first?.contains("nest deeper") == true, "\(failures(nested, "a"))")
  }
}
