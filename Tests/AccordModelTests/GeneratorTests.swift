import AccordMatching
import AccordModel
import Foundation
import Testing

@Suite struct GeneratorTests {
  var random = SystemRandomNumberGenerator()
  let context = GeneratorContext(
    providerState: ["id": 42, "name": "Alice"], mockServerURL: "http://127.0.0.1:5050",
    now: Date(timeIntervalSince1970: 1_704_164_645), captures: RegexCapture.firstMatch)

  func fullMatch(_ pattern: String, _ text: String) -> Bool {
    text.range(of: "^(?:\(pattern))$", options: .regularExpression) != nil
  }

  @Test mutating func producesValuesOfTheRightShape() throws {
    for _ in 0..<50 {
      let number = try Generator.randomInt(min: 5, max: 7).value(replacing: 1, context: context, using: &random)
      #expect((5...7).contains(number.intValue ?? -1))
      let decimal = try Generator.randomDecimal(digits: 6).value(replacing: 1, context: context, using: &random)
      #expect(decimal.serialized().filter(\.isNumber).count <= 6)
      let hex = try Generator.randomHexadecimal(digits: 8).value(replacing: "", context: context, using: &random)
      #expect(fullMatch("[0-9a-f]{8}", hex.plainText))
      let string = try Generator.randomString(size: 12).value(replacing: "", context: context, using: &random)
      #expect(string.plainText.count == 12)
      let flag = try Generator.randomBoolean.value(replacing: false, context: context, using: &random)
      #expect(flag.boolValue != nil)
    }
    let uuid = try Generator.uuid(format: .lowerCaseHyphenated).value(replacing: "", context: context, using: &random)
    #expect(fullMatch("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", uuid.plainText))
    let simple = try Generator.uuid(format: .simple).value(replacing: "", context: context, using: &random)
    #expect(fullMatch("[0-9a-f]{32}", simple.plainText))
    let urn = try Generator.uuid(format: .urn).value(replacing: "", context: context, using: &random)
    #expect(urn.plainText.hasPrefix("urn:uuid:"))
  }

  @Test(arguments: [
    #"\d{3}-[A-Z]{2}"#, #"^user\.(created|updated)$"#, #"[^@]+@[^@]+\.[a-z]+"#, #"(?:ab|cd)+x?"#, #"\w{2,5}\s\d*"#,
    #"[a-f0-9]{8}(-[a-f0-9]{4}){3}-[a-f0-9]{12}"#, #"/users/\d+"#, "[-+]?[0-9]*\\.?[0-9]+", #"a.c"#, #"[\]x]"#,
  ])
  func generatesStringsMatchingTheirRegex(pattern: String) throws {
    var random = SystemRandomNumberGenerator()
    let generator = try RegexStringGenerator(pattern)
    for _ in 0..<40 {
      let text = try generator.generate(using: &random)
      #expect(fullMatch(pattern, text), "\(text)")
    }
  }

  @Test func refusesRegexFeaturesItCannotGenerate() {
    #expect(throws: RegexSyntaxError.self) { try RegexStringGenerator(#"(a)\1"#) }
    #expect(throws: RegexSyntaxError.self) { try RegexStringGenerator(#"(?=a)b"#) }
    #expect(throws: RegexSyntaxError.self) { try RegexStringGenerator(#"[a-"#) }
  }

  @Test mutating func writesDatesFromExpressions() throws {
    let date = try Generator.date(format: "yyyy-MM-dd", expression: "today + 1 day").value(
      replacing: "", context: context, using: &random)
    #expect(date == "2024-01-03")
    let time = try Generator.time(format: "HH:mm", expression: "now - 2 hours").value(
      replacing: "", context: context, using: &random)
    #expect(time == "01:04")
    let dateTime = try Generator.dateTime(format: nil, expression: nil).value(
      replacing: "", context: context, using: &random)
    #expect(dateTime == "2024-01-02T03:04:05Z")
    #expect(throws: GeneratorError.self) {
      try Generator.date(format: nil, expression: "whenever").value(replacing: "", context: context, using: &random)
    }
  }

  @Test mutating func fillsProviderStateValues() throws {
    let path = try Generator.providerState(expression: "/users/${id}", dataType: nil).value(
      replacing: "/users/1", context: context, using: &random)
    #expect(path == "/users/42")
    let raw = try Generator.providerState(expression: "${id}", dataType: nil).value(
      replacing: 1, context: context, using: &random)
    #expect(raw == 42)
    let typed = try Generator.providerState(expression: "${id}", dataType: .string).value(
      replacing: 1, context: context, using: &random)
    #expect(typed == "42")
    do {
      _ = try Generator.providerState(expression: "${missing}", dataType: nil).value(
        replacing: 1, context: context, using: &random)
      Issue.record("a missing value should throw")
    } catch {
      #expect(
        error.message
          == "the provider state gave no value for \"missing\" (used in \"${missing}\"); it returned id, name")
    }
  }

  @Test mutating func pointsURLsAtTheMockServer() throws {
    let url = try Generator.mockServerURL(example: "http://localhost:9999/orders/7", regex: #".*(/orders/\d+)$"#).value(
      replacing: "", context: context, using: &random)
    #expect(url == "http://127.0.0.1:5050/orders/7")
  }

  @Test mutating func mockServerURLRegexesRunOnTheMatchersEngine() throws {
    // \d is ASCII, as in matching (ICU alone would take the Arabic-Indic seven).
    #expect(throws: GeneratorError.self) {
      _ = try Generator.mockServerURL(example: "http://x/orders/\u{667}", regex: #".*(/orders/\d+)$"#).value(
        replacing: "", context: context, using: &random)
    }
    // A search that backtracks for ever is given up within the matcher's time limit, and says so.
    let hostile = "http://x/" + String(repeating: "a", count: 40) + "!"
    do {
      _ = try Generator.mockServerURL(example: hostile, regex: #"^http://x/(a+)+$"#).value(
        replacing: "", context: context, using: &random)
      Issue.record("a catastrophic pattern matched")
    } catch {
      #expect(error.message.contains("could not be evaluated") || error.message.contains("does not match"))
    }
    // Without the engine, the generator says what it needs instead of guessing.
    #expect(throws: GeneratorError.self) {
      _ = try Generator.mockServerURL(example: "http://x/orders/7", regex: #".*(/orders/\d+)$"#).value(
        replacing: "", context: GeneratorContext(mockServerURL: "http://127.0.0.1:1"), using: &random)
    }
  }

  @Test func appliesGeneratorsToEveryPartOfARequest() throws {
    let request = PactRequest(
      method: "POST", path: "/users/1", query: ["page": ["1"]], headers: ["X-Id": "1"],
      body: .json(["user": ["id": 1, "tags": [["v": 0], ["v": 0]]], "keep": "me"]),
      generators: Generators([
        .path: ["$": .providerState(expression: "/users/${id}", dataType: nil)],
        .query: ["page": .providerState(expression: "${id}", dataType: nil)],
        .header: ["X-Id": .providerState(expression: "${name}", dataType: nil)],
        .body: [
          "$.user.id": .providerState(expression: "${id}", dataType: nil),
          "$.user.tags[*].v": .randomInt(min: 5, max: 5),
        ],
      ]))
    var notes: [String] = []
    let generated = request.applyingGenerators(context, notes: &notes)
    #expect(notes.isEmpty)
    #expect(generated.path == "/users/42")
    #expect(generated.query["page"] == ["42"])
    #expect(generated.headers["X-Id"] == ["Alice"])
    #expect(generated.body?.json == ["user": ["id": 42, "tags": [["v": 5], ["v": 5]]], "keep": "me"])
  }

  @Test func keepsTheExampleAndSaysWhyWhenAGeneratorCannotRun() {
    let response = PactResponse(
      status: 200, body: .json(["next": "http://x/orders/1"]),
      generators: Generators([.body: ["$.next": .mockServerURL(example: "http://x/orders/1", regex: ".*(/orders/1)")]]))
    var notes: [String] = []
    let generated = response.applyingGenerators(GeneratorContext(), notes: &notes)
    #expect(generated.body == response.body)
    #expect(
      notes == [
        "$.next: MockServerURL needs the mock server's URL, which is only known while it runs; the example value was kept"
      ])
  }

  @Test func appliesGeneratorsToMessages() {
    let message = Message(
      contents: .json(["id": 1]), metadata: ["key": "1"],
      generators: Generators([
        .body: ["$.id": .randomInt(min: 9, max: 9)],
        .metadata: ["key": .providerState(expression: "k-${id}", dataType: nil)],
      ]))
    let generated = message.applyingGenerators(context)
    #expect(generated.contents?.json == ["id": 9])
    #expect(generated.metadata["key"] == "k-42")
  }
}
