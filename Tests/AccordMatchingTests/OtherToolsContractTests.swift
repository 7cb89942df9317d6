import AccordMatching
import AccordModel
import Foundation
import Testing

/// Contracts as other Pact tools write them, and what the Pact reference does with them.
@Suite struct OtherToolsContractTests {
  /// The first interaction of a V3 contract whose only interaction is `interaction` (JSON text).
  func interaction(_ interaction: String, version: String = "3.0.0") throws -> Interaction {
    let text = """
      {"consumer": {"name": "C"}, "provider": {"name": "P"}, "interactions": [\(interaction)],
       "metadata": {"pactSpecification": {"version": "\(version)"}}}
      """
    return try #require(try ContractDecoder().decode(Data(text.utf8)).contract.interactions.first)
  }

  func exchange(_ json: String, version: String = "3.0.0") throws -> (PactRequest, PactResponse) {
    guard case .http(let request, let response) = try interaction(json, version: version).exchange else {
      throw CancellationError()
    }
    return (request, response)
  }

  @Test func binaryBodiesOfV3FilesAreBase64() throws {
    let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF]
    let encoded = Data(png).base64EncodedString()
    let (request, response) = try exchange(
      """
      {"description": "an image", "request": {"method": "PUT", "path": "/img",
         "headers": {"Content-Type": "application/octet-stream"}, "body": "\(encoded)"},
       "response": {"status": 200, "headers": {"Content-Type": "image/png"}, "body": "\(encoded)"}}
      """)
    #expect(request.body?.data == Data(png))
    #expect(response.body?.data == Data(png))
    let actual = PactResponse(
      status: 200, headers: ["Content-Type": "image/png"], body: Body(data: Data(png), contentType: nil))
    #expect(ResponseMatcher(expected: response).mismatches(for: actual).isEmpty)
    let sent = PactRequest(
      method: "PUT", path: "/img", headers: ["Content-Type": "application/octet-stream"], body: Body(data: Data(png)))
    #expect(RequestMatcher(expected: request).mismatches(for: sent).isEmpty)
  }

  @Test func textBodiesOfV3FilesStayText() throws {
    // "abcd" is valid base64, but a text body is never decoded.
    let (_, response) = try exchange(
      """
      {"description": "text", "request": {"method": "GET", "path": "/"},
       "response": {"status": 200, "headers": {"Content-Type": "text/plain"}, "body": "abcd"}}
      """)
    #expect(response.body?.text == "abcd")
  }

  @Test func numberRulesOnQueryAndHeaderValuesAcceptTheStringForm() throws {
    let (request, response) = try exchange(
      """
      {"description": "numbers", "request": {"method": "GET", "path": "/items", "query": {"limit": ["10"],
         "ratio": ["0.5"], "n": ["1"]},
         "matchingRules": {"query": {"limit": {"matchers": [{"match": "integer"}]},
           "ratio": {"matchers": [{"match": "decimal"}]}, "n": {"matchers": [{"match": "number"}]}}}},
       "response": {"status": 200, "headers": {"X-Count": "3"},
         "matchingRules": {"header": {"X-Count": {"matchers": [{"match": "integer"}]}}}}}
      """)
    let good = PactRequest(
      method: "GET", path: "/items", query: Query(parsing: "limit=100&ratio=12.25&n=-3e2"))
    #expect(RequestMatcher(expected: request).mismatches(for: good).isEmpty)
    let bad = PactRequest(method: "GET", path: "/items", query: Query(parsing: "limit=1.5&ratio=12&n=x"))
    #expect(
      RequestMatcher(expected: request).mismatches(for: bad).map(\.description).sorted() == [
        #"query parameter 'limit': expected an integer but got "1.5" (string)"#,
        #"query parameter 'n': expected a number but got "x" (string)"#,
        #"query parameter 'ratio': expected a decimal number but got "12" (string)"#,
      ])
    #expect(
      ResponseMatcher(expected: response).mismatches(for: PactResponse(status: 200, headers: ["X-Count": "100"]))
        .isEmpty)
    #expect(
      ResponseMatcher(expected: response).mismatches(for: PactResponse(status: 200, headers: ["X-Count": "many"]))
        .count == 1)
  }

  @Test func numberRulesInJSONBodiesStillWantNumbers() {
    #expect(
      responseBodyMismatches(["n": 1], ["n": "100"], rules: ["$.n": RuleList([.integer])])
        == [#"$.n: expected an integer but got "100" (string)"#])
  }

  @Test func notEmptyOnABinaryBodyAcceptsAnyBytes() throws {
    let (_, response) = try exchange(
      """
      {"description": "a pdf", "request": {"method": "GET", "path": "/doc"},
       "response": {"status": 200, "headers": {"Content-Type": "application/pdf"},
         "body": "\(Data("%PDF-1.4 example".utf8).base64EncodedString())",
         "matchingRules": {"body": {"$": {"matchers": [{"match": "notEmpty"}]}}}}}
      """)
    let other = PactResponse(
      status: 200, headers: ["Content-Type": "application/pdf"], body: Body(data: Data("%PDF-1.7 other".utf8)))
    #expect(ResponseMatcher(expected: response).mismatches(for: other).isEmpty)
    let empty = PactResponse(status: 200, headers: ["Content-Type": "application/pdf"])
    #expect(ResponseMatcher(expected: response).mismatches(for: empty).count == 1)
  }

  @Test func eachKeyChecksNewKeysOnlyByValueRules() {
    let rules: [String: RuleList] = ["$": RuleList([.eachKey(EachRule(rules: [.regex("[a-z]+")]))])]
    #expect(
      responseBodyMismatches(["one": "a", "two": "b"], ["one": "a", "four": "d", "five": 5], rules: rules).isEmpty)
    #expect(
      responseBodyMismatches(["one": "a"], ["one": "a", "Four": "d"], rules: rules) == [
        #"$.Four: key "Four": expected a value matching /[a-z]+/ but got "Four" (string)"#
      ])
    // A key the example has is still compared with its example value.
    #expect(responseBodyMismatches(["one": "a"], ["one": "b"], rules: rules) == [#"$.one: expected "a" but got "b""#])
    // Value rules apply to the new keys' values.
    var typed = rules
    typed["$.*"] = RuleList([.type()])
    #expect(
      responseBodyMismatches(["one": "a"], ["one": "a", "four": 4], rules: typed) == [
        "$.four: expected a string but got 4 (integer)"
      ])
  }

  @Test func aLowerCaseMethodMatchesTheUpperCaseOne() throws {
    let (request, _) = try exchange(
      #"{"description": "post", "request": {"method": "post", "path": "/x"}, "response": {"status": 201}}"#)
    #expect(RequestMatcher(expected: request).mismatches(for: PactRequest(method: "POST", path: "/x")).isEmpty)
  }

  @Test func attributeRulesApplyToEveryRepeatedElement() throws {
    for rulePath in [
      "$.animals[*].alligator['@phoneNumber']", "$.animals.alligator[*]['@phoneNumber']",
      "$.animals.alligator['@phoneNumber']",
    ] {
      let (_, response) = try exchange(
        """
        {"description": "xml", "request": {"method": "GET", "path": "/"},
         "response": {"status": 200, "headers": {"Content-Type": "application/xml"},
           "body": "<animals><alligator phoneNumber=\\"0415674567\\"/></animals>",
           "matchingRules": {"body": {"$.animals.alligator": {"matchers": [{"match": "type"}]},
             "\(rulePath)": {"matchers": [{"match": "regex", "regex": "\\\\d+"}]}}}}}
        """)
      let good = PactResponse(
        status: 200, headers: ["Content-Type": "application/xml"],
        body: .text(
          #"<animals><alligator phoneNumber="333"/><alligator phoneNumber="98"/></animals>"#, contentType: nil))
      #expect(ResponseMatcher(expected: response).mismatches(for: good).isEmpty, "\(rulePath)")
      let bad = PactResponse(
        status: 200, headers: ["Content-Type": "application/xml"],
        body: .text(
          #"<animals><alligator phoneNumber="333"/><alligator phoneNumber="x9"/></animals>"#, contentType: nil))
      #expect(
        ResponseMatcher(expected: response).mismatches(for: bad).map(\.description) == [
          #"$.animals.alligator['@phoneNumber']: expected a value matching /\d+/ but got "x9" (string)"#
        ], "\(rulePath)")
    }
  }

  @Test func aRulePathOfManySegmentsDoesNotOverflow() {
    var document: JSONValue = "leaf"
    for _ in 0..<80 { document = ["a": document] }
    let path = "$" + String(repeating: ".a", count: 80)
    #expect(responseBodyMismatches(document, document, rules: [path: RuleList([.type()])]).isEmpty)
    #expect(requestBodyMismatches(document, document, rules: [path: RuleList([.type()])]).isEmpty)
  }
}
