import AccordMatching
import AccordModel
import Foundation
import Testing

@Suite struct RuleMatchingTests {
  @Test func saysWhatWasExpectedAndWhatCame() {
    #expect(
      responseBodyMismatches(["id": 123], ["id": "123"], rules: ["$.id": RuleList([.integer])])
        == [#"$.id: expected an integer but got "123" (string)"#])
    #expect(responseBodyMismatches(["name": "Mary"], ["name": "Fred"]) == [#"$.name: expected "Mary" but got "Fred""#])
    #expect(
      responseBodyMismatches(["name": "Mary"], ["name": 3]) == [
        #"$.name: expected "Mary" (string) but got 3 (integer)"#
      ])
    #expect(
      responseBodyMismatches(["a": ["b": 1]], [:]) == ["$.a: expected an object with 1 key but the key is missing"])
    #expect(
      responseBodyMismatches(["items": [["id": 1], ["id": 2]]], ["items": [["id": 1], ["id": 3]]])
        == ["$.items[1].id: expected 2 but got 3"])
  }

  @Test(arguments: [
    (MatchingRule.equality, JSONValue.string("a"), JSONValue.string("a"), nil as String?),
    (.equality, 1, 1.0, nil),
    (.equality, "a", "b", #"$.v: expected "a" but got "b""#),
    (.regex(#"\d{3}"#), "000", "123", nil),
    (.regex(#"\d{3}"#), "000", "1234", #"$.v: expected a value matching /\d{3}/ but got "1234" (string)"#),
    (.regex(#"\d+"#), 1, 42, nil),
    (.regex("red|blue"), "red", "blue", nil),
    (.regex("red|blue"), "red", "blueish", #"$.v: expected a value matching /red|blue/ but got "blueish" (string)"#),
    (.regex("("), "a", "a", "$.v: /(/ is not a valid regular expression; fix the matching rule in the contract"),
    (.type(), "x", "y", nil),
    (.type(), 1, 2.5, nil),
    (.type(), "x", 1, "$.v: expected a string but got 1 (integer)"),
    (.type(), JSONValue.object(["a": 1]), JSONValue.array([1]), "$.v: expected an object but got an array of 1 item"),
    (.include("ligat"), "alligator", "alligators", nil),
    (
      .include("ligat"), "alligator", "crocodile",
      #"$.v: expected a value including "ligat" but got "crocodile" (string)"#
    ),
    (.integer, 1, 100, nil),
    (.integer, 1, 1.5, "$.v: expected an integer but got 1.5 (decimal)"),
    (.decimal, 1.5, 2.25, nil),
    (.decimal, 1.5, 2, "$.v: expected a decimal number but got 2 (integer)"),
    (.number, 1, 2.5, nil),
    (.number, 1, "2", #"$.v: expected a number but got "2" (string)"#),
    (.boolean, true, false, nil),
    (.boolean, true, "true", nil),
    (.boolean, true, "yes", #"$.v: expected a boolean but got "yes" (string)"#),
    (.null, nil, nil, nil),
    (.null, nil, 0, "$.v: expected null but got 0 (integer)"),
    (.date(format: "yyyy-MM-dd"), "2000-01-01", "2024-02-29", nil),
    (
      .date(format: "yyyy-MM-dd"), "2000-01-01", "2023-02-29",
      #"$.v: expected a date in the format 'yyyy-MM-dd' but got "2023-02-29" (string): day 29 does not exist in month 2 of 2023"#
    ),
    (
      .date(format: nil), "2000-01-01", "01/01/2000",
      #"$.v: expected a date in the format ISO 8601 but got "01/01/2000" (string)"#
    ),
    (.time(format: "HH:mm:ss"), "10:00:00", "23:59:59", nil),
    (.dateTime(format: "yyyy-MM-dd'T'HH:mm:ssZ"), "2024-01-02T03:04:05+0000", "2025-12-31T23:59:59-0700", nil),
    (
      .dateTime(format: "yyyy-JJ"), "x", "y",
      #"$.v: unknown pattern letter 'J' at position 6 in the date/time pattern "yyyy-JJ"; fix the date-time matcher in the contract"#
    ),
    (.notEmpty, "x", "y", nil),
    (.notEmpty, "x", "", #"$.v: expected a value that is not empty but got "" (string)"#),
    (.notEmpty, "x", 1, "$.v: expected a string but got 1 (integer)"),
    (.semver, "1.0.0", "2.10.3-beta.1+build.7", nil),
    (.semver, "1.0.0", "1.0", #"$.v: expected a semantic version such as 1.2.3 but got "1.0" (string)"#),
    (.statusCode(.clientError), 404, 418, nil),
    (.statusCode(.success), 200, 404, "$.v: expected a success (2xx) status but got 404"),
    (
      .unknown(name: "mystery", attributes: [:]), 1, 1,
      #"$.v: the contract uses the matcher "mystery", which Accord does not know; upgrade Accord or change the contract"#
    ),
  ])
  func appliesEachMatcher(rule: MatchingRule, expected: JSONValue, actual: JSONValue, message: String?) {
    #expect(valueMismatches(RuleList([rule]), expected: expected, actual: actual) == (message.map { [$0] } ?? []))
  }

  @Test func combinesRulesWithAndOr() {
    let either = RuleList([.integer, .null], combine: .or)
    #expect(valueMismatches(either, expected: 1, actual: nil).isEmpty)
    #expect(valueMismatches(either, expected: 1, actual: 7).isEmpty)
    #expect(
      valueMismatches(either, expected: 1, actual: "x")
        == [#"$.v: expected an integer but got "x" (string), or expected null but got "x" (string)"#])
    let both = RuleList([.type(), .regex("[a-z]+")])
    #expect(valueMismatches(both, expected: "a", actual: "abc").isEmpty)
    #expect(
      valueMismatches(both, expected: "a", actual: "ABC") == [
        #"$.v: expected a value matching /[a-z]+/ but got "ABC" (string)"#
      ])
  }

  @Test func arraysUnderATypeRuleMatchEachItemAgainstTheFirstExample() {
    let rules = ["$.items": RuleList([.type(min: 1)]), "$.items[*].id": RuleList([.integer])]
    #expect(
      responseBodyMismatches(
        ["items": [["id": 1, "name": "a"]]], ["items": [["id": 5, "name": "b"], ["id": 6, "name": "c"]]], rules: rules
      ).isEmpty)
    #expect(
      responseBodyMismatches(["items": [["id": 1]]], ["items": []], rules: rules) == [
        "$.items: expected at least 1 item but got 0"
      ])
    #expect(
      responseBodyMismatches(
        ["items": [["id": 1, "name": "a"]]], ["items": [["id": 5, "name": "b"], ["id": "6", "name": "c"]]], rules: rules
      )
        == [#"$.items[1].id: expected an integer but got "6" (string)"#])
    #expect(
      responseBodyMismatches(["items": [1]], ["items": [1, 2, 3, 4]], rules: ["$.items": RuleList([.type(max: 3)])])
        == ["$.items: expected at most 3 items but got 4"])
  }

  @Test func arraysWithoutRulesMatchPositionally() {
    #expect(responseBodyMismatches([1, 2], [2, 1]) == ["$[0]: expected 1 but got 2", "$[1]: expected 2 but got 1"])
    #expect(responseBodyMismatches([1, 2], [1, 2, 3]) == ["$: expected 2 items but got 3"])
    #expect(responseBodyMismatches([], [1]) == ["$: expected an empty array but got an array of 1 item"])
  }

  @Test func typeRulesCascadeAndEqualityResetsThem() {
    let rules = ["$": RuleList([.type()]), "$.fixed": RuleList([.equality])]
    let expected: JSONValue = ["name": "Mary", "fixed": ["kind": "reptile"], "tags": ["a"]]
    #expect(
      responseBodyMismatches(
        expected, ["name": "Fred", "fixed": ["kind": "reptile"], "tags": ["x", "y"]], rules: rules
      ).isEmpty)
    #expect(
      responseBodyMismatches(expected, ["name": "Fred", "fixed": ["kind": "mammal"], "tags": []], rules: rules)
        == [#"$.fixed.kind: expected "reptile" but got "mammal""#])
    #expect(
      responseBodyMismatches(expected, ["name": 1, "fixed": ["kind": "reptile"], "tags": []], rules: rules) == [
        "$.name: expected a string but got 1 (integer)"
      ])
  }

  @Test func theMostSpecificPathWins() {
    let rules = [
      "$.*": RuleList([.type()]), "$.id": RuleList([.integer]), "$.items[*]": RuleList([.type()]),
      "$.items[1]": RuleList([.equality]),
    ]
    #expect(responseBodyMismatches(["id": 1, "name": "a"], ["id": 2, "name": "b"], rules: rules).isEmpty)
    #expect(
      responseBodyMismatches(["id": 1], ["id": 2.5], rules: rules) == [
        "$.id: expected an integer but got 2.5 (decimal)"
      ])
  }

  @Test func requestsRefuseUnexpectedKeysAndResponsesAllowThem() {
    #expect(responseBodyMismatches(["a": 1], ["a": 1, "b": 2]).isEmpty)
    #expect(
      requestBodyMismatches(["a": 1], ["a": 1, "b": 2]) == [
        "$.b: unexpected key (the request must only contain keys the contract expects)"
      ])
  }

  @Test func valuesAndEachValueIgnoreKeyNames() {
    let values = ["$.scores": RuleList([.values])]
    #expect(
      responseBodyMismatches(
        ["scores": ["alice": 1]], ["scores": ["bob": 2, "carol": 3]],
        rules: values + ["$.scores.*": RuleList([.type()])]
      ).isEmpty)
    let eachValue = ["$.scores": RuleList([.eachValue(EachRule(rules: [.integer]))])]
    #expect(
      responseBodyMismatches(["scores": ["alice": 1]], ["scores": ["bob": 2, "carol": 3]], rules: eachValue).isEmpty)
    #expect(
      responseBodyMismatches(["scores": ["alice": 1]], ["scores": ["bob": 2, "carol": "three"]], rules: eachValue)
        == [#"$.scores.carol: expected an integer but got "three" (string)"#])
    let eachValueOnArray = ["$.ids": RuleList([.eachValue(EachRule(rules: [.regex("[a-f0-9]+")]))])]
    #expect(responseBodyMismatches(["ids": ["ab"]], ["ids": ["cd", "ef01"]], rules: eachValueOnArray).isEmpty)
    #expect(
      responseBodyMismatches(["ids": ["ab"]], ["ids": ["cd", "xyz"]], rules: eachValueOnArray)
        == [#"$.ids[1]: expected a value matching /[a-f0-9]+/ but got "xyz" (string)"#])
  }

  @Test func eachKeyChecksEveryKey() {
    let rules = [
      "$.byId": RuleList([.eachKey(EachRule(rules: [.regex(#"\d+"#)])), .eachValue(EachRule(rules: [.type()]))])
    ]
    #expect(responseBodyMismatches(["byId": ["1": "a"]], ["byId": ["22": "b", "333": "c"]], rules: rules).isEmpty)
    #expect(
      responseBodyMismatches(["byId": ["1": "a"]], ["byId": ["22": "b", "x": "c"]], rules: rules)
        == [#"$.byId.x: key "x": expected a value matching /\d+/ but got "x" (string)"#])
  }

  @Test func arrayContainsFindsEachVariantAnywhere() {
    let rules = [
      "$.events": RuleList([
        .arrayContains([
          ArrayContainsVariant(index: 0, rules: ["$.id": RuleList([.integer])]),
          ArrayContainsVariant(index: 1, rules: ["$.at": RuleList([.date(format: "yyyy-MM-dd")])]),
        ])
      ])
    ]
    let expected: JSONValue = ["events": [["type": "created", "id": 1], ["type": "shipped", "at": "2024-01-01"]]]
    let actual: JSONValue = [
      "events": [["type": "paid"], ["type": "shipped", "at": "2024-05-06"], ["type": "created", "id": 9]]
    ]
    #expect(responseBodyMismatches(expected, actual, rules: rules).isEmpty)
    let missing: JSONValue = ["events": [["type": "created", "id": 9]]]
    #expect(
      responseBodyMismatches(expected, missing, rules: rules)
        == [#"$.events: expected an item matching {"at":"2024-01-01","type":"shipped"} (variant 1) but no item did"#])
  }

  @Test func rulesOnHeadersQueryPathAndStatus() {
    let request = PactRequest(
      method: "GET", path: "/users/1", query: ["page": ["1"]], headers: ["X-Trace": "abc"],
      matchingRules: MatchingRules([
        .path: ["$": RuleList([.regex(#"/users/\d+"#)])], .query: ["page": RuleList([.regex(#"\d+"#)])],
        .header: ["x-trace": RuleList([.regex("[a-z]+")])],
      ]))
    let matcher = RequestMatcher(expected: request)
    #expect(
      matcher.mismatches(
        for: PactRequest(method: "get", path: "/users/77", query: ["page": ["3"]], headers: ["X-TRACE": "xyz"])
      ).isEmpty)
    #expect(
      matcher.mismatches(
        for: PactRequest(method: "POST", path: "/users/x", query: ["page": ["a"], "extra": ["1"]], headers: [:])
      )
      .map(\.description) == [
        "method: expected GET but got POST",
        #"path: expected a value matching /\/users\/\d+/ but got "/users/x" (string)"#.replacingOccurrences(
          of: "\\/", with: "/"),
        #"query parameter 'page': expected a value matching /\d+/ but got "a" (string)"#,
        #"query parameter 'extra': unexpected parameter with value ["1"]; the contract does not expect it"#,
        #"header 'X-Trace': expected "abc" but the header is missing"#,
      ])
    let response = PactResponse(
      status: 200, matchingRules: MatchingRules([.status: ["$": RuleList([.statusCode(.success)])]]))
    #expect(ResponseMatcher(expected: response).mismatches(for: PactResponse(status: 201)).isEmpty)
    #expect(
      ResponseMatcher(expected: response).mismatches(for: PactResponse(status: 500)).map(\.description) == [
        "status: expected a success (2xx) status but got 500"
      ])
  }

  @Test func versionOneComparesQueryStringsAsText() {
    let expected = PactRequest(query: Query(parsing: "a=1&b=2"))
    #expect(
      RequestMatcher(expected: expected, options: MatchOptions(specification: .v1)).mismatches(
        for: PactRequest(query: Query(parsing: "b=2&a=1"))
      ).count == 1)
    #expect(RequestMatcher(expected: expected).mismatches(for: PactRequest(query: Query(parsing: "b=2&a=1"))).isEmpty)
  }

  @Test func textFormAndBinaryBodies() {
    let text = PactResponse(
      body: .text("hello world"), matchingRules: MatchingRules([.body: ["$": RuleList([.regex("hello .*")])]]))
    #expect(ResponseMatcher(expected: text).mismatches(for: PactResponse(body: .text("hello there"))).isEmpty)
    #expect(
      ResponseMatcher(expected: text).mismatches(for: PactResponse(body: .text("bye"))).map(\.description) == [
        #"$: expected a value matching /hello .*/ but got "bye" (string)"#
      ])

    let form = PactRequest(
      method: "POST", body: .text("name=Mary&age=3", contentType: .formURLEncoded),
      matchingRules: MatchingRules([.body: ["$.age": RuleList([.regex(#"\d+"#)])]]))
    #expect(
      RequestMatcher(expected: form).mismatches(
        for: PactRequest(method: "POST", body: .text("age=7&name=Mary", contentType: .formURLEncoded))
      ).isEmpty)
    #expect(
      RequestMatcher(expected: form).mismatches(
        for: PactRequest(method: "POST", body: .text("age=x&name=Mary&x=1", contentType: .formURLEncoded))
      )
      .map(\.description) == [
        #"$.age[0]: expected a value matching /\d+/ but got "x" (string)"#, #"$.x: unexpected form field "x""#,
      ])

    let png = Body(
      data: .init([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1]), contentType: ContentType("image/png"))
    let binary = PactResponse(
      body: png, matchingRules: MatchingRules([.body: ["$": RuleList([.contentType("image/png")])]]))
    let otherPNG = Body(
      data: .init([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 2, 3]), contentType: ContentType("image/png"))
    #expect(ResponseMatcher(expected: binary).mismatches(for: PactResponse(body: otherPNG)).isEmpty)
    let notPNG = Body(data: .init("GIF89a....".utf8), contentType: ContentType("image/png"))
    #expect(
      ResponseMatcher(expected: binary).mismatches(for: PactResponse(body: notPNG)).map(\.description) == [
        "$: expected content of type image/png but it looks like image/gif"
      ])
  }

  @Test func bodyTypeAndPresence() {
    let json = PactResponse(headers: ["Content-Type": "application/json"], body: .json(["a": 1]))
    #expect(
      ResponseMatcher(expected: json).mismatches(
        for: PactResponse(headers: ["Content-Type": "text/html"], body: .text("<p>", contentType: nil))
      ).map(\.description) == [
        #"header 'Content-Type': expected "application/json" but got "text/html""#,
        "body: expected a body of type application/json but got text/html",
      ])
    #expect(
      ResponseMatcher(expected: json).mismatches(for: PactResponse(headers: ["Content-Type": "application/json"])).map(
        \.description) == [
          "$: expected a body (application/json) but it was missing or empty"
        ])
    #expect(
      ResponseMatcher(expected: json).mismatches(
        for: PactResponse(headers: ["Content-Type": "application/json"], body: Body(data: .init("{oops".utf8)))
      ).map(\.description) == [
        "$: the body is not valid JSON (line 1, column 2: expected a member name in double quotes, found 'o')"
      ])
    #expect(
      ResponseMatcher(expected: PactResponse(body: .empty)).mismatches(for: PactResponse(body: .text("x"))).map(
        \.description) == [
          "$: expected an empty body but got 1 byte"
        ])
  }

  @Test func xmlWithRulesOnAttributesAndText() {
    let expected = PactResponse(
      body: .text(#"<animals><alligator name="Mary" id="1"><age>3</age></alligator></animals>"#, contentType: .xml),
      matchingRules: MatchingRules([
        .body: [
          "$.animals": RuleList([.type(min: 1)]), "$.animals.alligator['@id']": RuleList([.regex(#"\d+"#)]),
          "$.animals.alligator.age['#text']": RuleList([.regex(#"\d+"#)]),
        ]
      ]))
    let matcher = ResponseMatcher(expected: expected)
    let good =
      #"<animals><alligator name="Fred" id="22"><age>7</age></alligator><alligator name="Jo" id="3"><age>1</age></alligator></animals>"#
    #expect(matcher.mismatches(for: PactResponse(body: .text(good, contentType: .xml))).isEmpty)
    let bad = #"<animals><alligator name="Fred" id="x"><age>old</age></alligator></animals>"#
    #expect(
      matcher.mismatches(for: PactResponse(body: .text(bad, contentType: .xml))).map(\.description) == [
        #"$.animals.alligator['@id']: expected a value matching /\d+/ but got "x" (string)"#,
        #"$.animals.alligator.age['#text']: expected a value matching /\d+/ but got "old" (string)"#,
      ])
    #expect(
      matcher.mismatches(for: PactResponse(body: .text("<animals><oops></animals>", contentType: .xml))).map(
        \.description) == [
          "$: the body is not well-formed XML (line 1, column 26)"
        ])
  }

  @Test func messageMetadata() {
    let expected = Message(
      contents: .json(["id": 1]), metadata: ["topic": "orders", "key": "1", "contentType": "application/json"],
      matchingRules: MatchingRules([.metadata: ["key": RuleList([.regex(#"\d+"#)])]]))
    let matcher = MessageMatcher(expected: expected)
    #expect(
      matcher.mismatches(
        for: Message(
          contents: .json(["id": 1]),
          metadata: ["topic": "orders", "key": "99", "contentType": "application/json; charset=utf-8"])
      ).isEmpty)
    #expect(
      matcher.mismatches(for: Message(contents: .json(["id": 2]), metadata: ["topic": "payments", "key": "k"])).map(
        \.description) == [
          "$.id: expected 1 but got 2",
          #"metadata 'key': expected a value matching /\d+/ but got "k" (string)"#,
          #"metadata 'topic': expected "orders" but got "payments""#,
        ])
    // A producer that declares its content type on the contents only: the contentType entry is that type.
    let plain = Message(
      contents: Body(data: Data("1".utf8), contentType: ContentType("text/plain")),
      metadata: ["topic": "orders", "key": "1"])
    #expect(
      matcher.mismatches(for: plain).map(\.description).contains(
        "metadata 'contentType': expected application/json but got text/plain"
      ))
    #expect(
      MessageMatcher(expected: Message(contents: .json(["id": 1]), metadata: ["contentType": "application/json"]))
        .mismatches(for: Message(contents: Body(data: Data("1".utf8)), metadata: [:])).map(\.description)
        .contains(#"metadata 'contentType': expected "application/json" but the entry is missing"#))
  }
}

extension Dictionary {
  static func + (lhs: Self, rhs: Self) -> Self { lhs.merging(rhs) { _, new in new } }
}
