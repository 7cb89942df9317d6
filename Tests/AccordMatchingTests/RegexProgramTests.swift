import AccordModel
import Foundation
import Testing

@testable import AccordMatching

/// Accord's regex machine must agree with a full engine (ICU, through NSRegularExpression) on whole-text matches.
@Suite struct RegexProgramTests {
  static let patterns = [
    #"\d+"#, #"^\d{5}$"#, #"[A-Z]{2}-\d{5}"#, "red|blue", "a|ab|abc", #"(ab)*c?"#, #"(?:ab|cd)+x?"#,
    #"\w+@\w+\.[a-z]{2,3}"#,
    #"[^@]+@[^@]+\.[a-z]+"#, "a.c", #"\s*hello\s+world\s*"#, "[-+]?[0-9]*\\.?[0-9]+", #"a{2,}"#, #"a{0,2}b"#, "x*?y",
    #"\bcat\b"#, "colou?r", #"[a-f0-9]{8}(-[a-f0-9]{4}){3}-[a-f0-9]{12}"#, #"/users/\d+"#, #"\/path\/to\/\d{4}"#, "()",
    "", "(a|)+b", #"[\]x]+"#, #"[\d.]+"#, #"\D\W\S"#, "^user\\.(created|updated)$", "café|naïve",
    "(?<year>\\d{4})-\\d{2}",
  ]
  static let texts = [
    "", "1", "12345", "1234", "123456", "AB-12345", "ab-12345", "red", "blue", "redblue", "a", "ab", "abc", "abab",
    "ababc",
    "cdx", "abcdx", "x", "me@home.com", "me@home.comx", "a@b.org", "abc", "a\nc", " hello  world ", "hello world",
    "+1.5",
    "-.5", "1.", "aa", "aaaa", "b", "aab", "aaab", "xxxy", "y", "cat", "a cat", "color", "colour", "colouur",
    "936da01f-9abd-4d9d-80c7-02af85c822a8", "/users/42", "/users/", "/path/to/1234", "]x]", "1.2.3", "a_ b", "a! b",
    "user.created", "user.deleted", "café", "naïve", "2024-01", "λ",
  ]

  @Test func agreesWithAFullEngine() throws {
    var compared = 0
    for pattern in Self.patterns {
      let node = try RegexSyntax.parse(pattern)
      let program = try #require(RegexProgram(node), "/\(pattern)/ should compile")
      let reference = try NSRegularExpression(pattern: "^(?:\(pattern))$")
      for text in Self.texts {
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        let expected = reference.firstMatch(in: text, range: range) != nil
        #expect(program.wholeMatch(text) == expected, "/\(pattern)/ on \(JSONValue.string(text))")
        compared += 1
      }
    }
    #expect(compared == Self.patterns.count * Self.texts.count)
  }

  @Test func leavesUnsupportedSyntaxToTheFullEngine() throws {
    for pattern in [#"(a)\1"#, "(?=a)a", "(?i)abc", #"\p{L}+"#, "[[:alpha:]]", "a++"] {
      #expect(throws: RegexSyntaxError.self) { try RegexSyntax.parse(pattern) }
      // …and the cache still answers, through NSRegularExpression.
      if case .failure(let error) = RegexCache.shared.wholeMatch(pattern, "abc") {
        Issue.record("\(pattern): \(error.message)")
      }
    }
    #expect(try RegexCache.shared.wholeMatch("(?i)abc", "ABC").get() == true)
    #expect(try RegexCache.shared.wholeMatch(#"(a)\1"#, "aa").get() == true)
  }

  @Test func staysLinearOnPathologicalPatterns() {
    let text = String(repeating: "a", count: 5_000) + "!"
    #expect(RegexCache.shared.wholeMatch("(a+)+$", text) == .success(false))
  }
}

extension RegexCache.RegexError: Equatable {
  public static func == (lhs: Self, rhs: Self) -> Bool { lhs.message == rhs.message }
}
