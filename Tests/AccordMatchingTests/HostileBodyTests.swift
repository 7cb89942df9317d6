import AccordMatching
import AccordModel
import Foundation
import Testing

/// Bodies and rules that once crashed or silently passed.
@Suite struct HostileBodyTests {
  func xmlResponse(_ body: String, rules: [String: RuleList] = [:]) -> PactResponse {
    PactResponse(
      status: 200, headers: ["Content-Type": "application/xml"], body: .text(body, contentType: nil),
      matchingRules: MatchingRules([.body: rules]))
  }

  @Test func xmlNested50000LevelsIsAMismatchNotACrash() {
    let deep = String(repeating: "<a>", count: 50_000) + String(repeating: "</a>", count: 50_000)
    let expected = xmlResponse("<a><a/></a>")
    let mismatches = ResponseMatcher(expected: expected).mismatches(for: xmlResponse(deep)).map(\.description)
    #expect(mismatches.count == 1)
    #expect(mismatches.first?.contains("nests deeper than 512 elements") == true, "\(mismatches)")
  }

  @Test func aRulePathOf64SegmentsOnXMLMatches() {
    let depth = 70
    let body = String(repeating: "<a>", count: depth) + "x" + String(repeating: "</a>", count: depth)
    let path = "$" + String(repeating: ".a", count: depth) + "['#text']"
    let expected = xmlResponse(body, rules: [path: RuleList([.regex("[a-z]")])])
    #expect(ResponseMatcher(expected: expected).mismatches(for: xmlResponse(body)).isEmpty)
  }

  @Test func differentInvalidUTF8BodiesDoNotBothPass() {
    let expected = PactResponse(status: 200, body: Body(data: Data([0x61, 0xEF, 0xBF, 0xBD]), contentType: .plainText))
    let actual = PactResponse(status: 200, body: Body(data: Data([0x61, 0xFF]), contentType: .plainText))
    let mismatches = ResponseMatcher(expected: expected).mismatches(for: actual).map(\.description)
    #expect(mismatches == ["$: the body is not valid UTF-8 text (an invalid byte sequence at byte 1)"])
  }
}

@Suite struct MismatchAbbreviationTests {
  @Test func aHugeValueIsCutSayingHowMuchWasLeftOut() {
    let huge = String(repeating: "é", count: 10_000)  // two bytes each
    let mismatch = Mismatch(
      kind: .body, path: "$.name", expected: "a", actual: huge, message: "expected \"a\" but got \"\(huge)\"")
    let cut = mismatch.abbreviated(to: 1001)
    #expect(cut.expected == "a" && cut.path == "$.name" && cut.kind == .body)
    let actual = cut.actual ?? ""
    // Cut at a whole character, never inside one.
    #expect(actual.hasPrefix(String(repeating: "é", count: 500) + "… (19000 more bytes)"), "\(actual.prefix(40))")
    #expect(cut.message.utf8.count < 1_100)
    #expect(mismatch.abbreviated(to: 100_000) == mismatch, "a short mismatch is kept as it is")
  }
}
