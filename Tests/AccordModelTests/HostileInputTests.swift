import AccordModel
import Foundation
import Testing

/// Inputs that once crashed, hung or silently passed: each is answered with a clear error or a bounded result.
@Suite struct HostileInputTests {
  func contract(request: String = #"{"method": "GET", "path": "/"}"#, response: String = #"{"status": 200}"#)
    -> String
  {
    """
    {"consumer": {"name": "C"}, "provider": {"name": "P"},
     "interactions": [{"description": "d", "request": \(request), "response": \(response)}],
     "metadata": {"pactSpecification": {"version": "3.0.0"}}}
    """
  }

  func decodingError(_ text: String) -> String? {
    do {
      _ = try ContractDecoder().decode(Data(text.utf8), source: "c.json")
      return nil
    } catch {
      return error.description
    }
  }

  @Test func aMethodWithALineBreakCannotInjectASecondRequest() {
    let error = decodingError(contract(request: #"{"method": "GET / HTTP/1.1\r\nHost: x\r\n\r\nDELETE", "path": "/"}"#))
    #expect(error?.contains("$.interactions[0].request.method") == true, "\(error ?? "")")
    #expect(error?.contains("is not an HTTP method") == true)
    #expect(error?.contains(#"\r\n"#) == true, "the method is shown escaped")
  }

  @Test func anUnsatisfiableSizeRuleIsAContractError() {
    let error = decodingError(
      contract(
        response:
          #"{"status": 200, "body": [1], "matchingRules": {"body": {"$": {"matchers": [{"match": "type", "min": 3, "max": 1}]}}}}"#
      ))
    #expect(error?.contains("min 3 is above max 1") == true, "\(error ?? "")")
    #expect(error?.contains("matchingRules") == true)
  }

  @Test(arguments: [
    (#"{"type": "RandomString", "size": 10000000000000}"#, "RandomString size must be from 0 to 65536"),
    (#"{"type": "RandomDecimal", "digits": 100000000}"#, "RandomDecimal digits must be from 1 to 100"),
    (#"{"type": "RandomHexadecimal", "digits": -4}"#, "RandomHexadecimal digits must be from 0 to 65536"),
    (#"{"type": "RandomInt", "min": 10, "max": 1}"#, "RandomInt has min 10 above max 1"),
  ])
  func generatorsThatWouldBurnACoreAreRefused(generator: String, message: String) {
    let error = decodingError(
      contract(response: #"{"status": 200, "body": {"a": "x"}, "generators": {"body": {"$.a": \#(generator)}}}"#))
    #expect(error?.contains(message) == true, "\(error ?? "")")
    #expect(error?.contains("generators") == true)
  }

  @Test(arguments: [#"a{-1}"#, #"a{9223372036854775807,}"#, #"a{2000000000}"#])
  func regexGeneratorsWithHugeOrNegativeCountsEndQuickly(pattern: String) {
    var random = SystemRandomNumberGenerator()
    // {-1} is literal text (as in Java); the others are past the repetition limit.
    if pattern == #"a{-1}"# {
      #expect((try? RegexStringGenerator(pattern).generate(using: &random)) == "a{-1}")
    } else {
      #expect(throws: RegexSyntaxError.self) { try RegexStringGenerator(pattern) }
    }
  }

  @Test func deeplyNestedRegexGroupsAreRefusedNotOverflowed() {
    let pattern = String(repeating: "(", count: 100_000) + "a" + String(repeating: ")", count: 100_000)
    #expect(throws: RegexSyntaxError.self) { try RegexStringGenerator(pattern) }
  }

  @Test func aGeneratedRegexValueIsBounded() {
    var random = SystemRandomNumberGenerator()
    #expect(throws: RegexSyntaxError.self) { try RegexStringGenerator("(a{10000}){10000}").generate(using: &random) }
    #expect(throws: RegexSyntaxError.self) { try RegexStringGenerator("(){10000}{10000}").generate(using: &random) }
  }

  @Test func aStatusGeneratorOutsideTheRangeKeepsTheStatus() throws {
    var response = PactResponse(status: 200)
    response.generators[.status, "$"] = .providerState(expression: "${code}", dataType: .integer)
    var notes: [String] = []
    let generated = response.applyingGenerators(
      GeneratorContext(providerState: ["code": .double(1e30)]), notes: &notes)
    #expect(generated.status == 200)
    #expect(!notes.isEmpty)
    let nan = response.applyingGenerators(GeneratorContext(providerState: ["code": "nan"]), notes: &notes)
    #expect(nan.status == 200)
    let bad = response.applyingGenerators(GeneratorContext(providerState: ["code": .int(5)]), notes: &notes)
    #expect(bad.status == 200)
    #expect(notes.last?.contains("not a status from 100 to 999") == true)
  }

  @Test func hugeNumbersAreAnErrorNotInfinity() {
    #expect(throws: JSONParseError.self) { try JSONValue(parsing: Data("[1e999]".utf8)) }
    #expect(throws: JSONParseError.self) { try JSONValue(parsing: Data("-1e400".utf8)) }
    #expect((try? JSONValue(parsing: Data("1e-999".utf8))) == .double(0))
  }

  @Test func invalidUTF8InAStringIsAnError() {
    #expect(throws: JSONParseError.self) { try JSONValue(parsing: Data([0x22, 0xFF, 0xFE, 0x22])) }
    #expect(throws: JSONParseError.self) { try JSONValue(parsing: Data([0x22, 0x5C, 0x6E, 0xC3, 0x22])) }
  }

  @Test func aLoneHighSurrogateDoesNotSwallowWhatFollows() throws {
    #expect(try JSONValue(parsing: Data(#""\ud800A""#.utf8)) == "\u{FFFD}A")
    #expect(try JSONValue(parsing: Data(#""\ud800\u0041""#.utf8)) == "\u{FFFD}A")
    #expect(try JSONValue(parsing: Data(#""\ud83d\ude00""#.utf8)) == "😀")
  }

  @Test func datePatternsPastTheLimitsAreRefused() {
    #expect(throws: DateTimePatternError.self) { try DateTimePattern(String(repeating: "[", count: 50_000)) }
    #expect(throws: DateTimePatternError.self) { try DateTimePattern(String(repeating: "yyyy-", count: 100)) }
    #expect(
      throws: DateTimePatternError.self,
      performing: {
        try DateTimePattern(String(repeating: "[", count: 20) + "y" + String(repeating: "]", count: 20))
      })
  }

  @Test func aBacktrackingDatePatternIsStoppedNotHung() throws {
    let pattern = try DateTimePattern(String(repeating: "[d]", count: 60) + "'x'")
    let result = pattern.mismatch(String(repeating: "1", count: 80) + "y")
    #expect(result != nil)
  }
}

/// Found by the regex fuzz target.
@Suite struct FuzzFoundTests {
  @Test func aClassAcrossTheSurrogatesGeneratesOneCharacterPerRepetition() throws {
    var random = SystemRandomNumberGenerator()
    let generator = try RegexStringGenerator("[\u{0}-\u{FFFD}]{200}")
    for _ in 0..<20 {
      #expect(try generator.generate(using: &random).unicodeScalars.count == 200)
    }
  }
}
