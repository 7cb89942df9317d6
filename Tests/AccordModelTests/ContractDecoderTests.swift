import AccordModel
import Foundation
import Testing

@Suite struct ContractDecoderTests {
  func decode(_ text: String, source: String = "test.json") throws(ContractError) -> ContractDecoder.Decoded {
    try ContractDecoder().decode(Data(text.utf8), source: source)
  }

  @Test func readsAVersion2File() throws {
    let decoded = try decode(
      """
      {
        "consumer": {"name": "Web"}, "provider": {"name": "Users"},
        "interactions": [{
          "description": "a request for alligators",
          "providerState": "there are alligators",
          "request": {"method": "get", "path": "/alligators", "query": "name=Mary&name=Fred&size=big",
                      "headers": {"Accept": "application/json"}},
          "response": {
            "status": 200, "headers": {"Content-Type": "application/json"},
            "body": {"alligators": [{"name": "Mary", "age": 3}]},
            "matchingRules": {
              "$.body.alligators": {"min": 1},
              "$.body.alligators[*].name": {"match": "regex", "regex": "\\\\w+"},
              "$.headers.Content-Type": {"regex": "application/json.*"}
            }
          }
        }],
        "metadata": {"pactSpecification": {"version": "2.0.0"}}
      }
      """)
    let contract = decoded.contract
    #expect(contract.specification == .v2)
    #expect(contract.consumer.name == "Web")
    let interaction = try #require(contract.interactions.first)
    #expect(interaction.providerStates == [ProviderState("there are alligators")])
    guard case .http(let request, let response) = interaction.exchange else {
      Issue.record("expected an HTTP interaction")
      return
    }
    #expect(request.query["name"] == ["Mary", "Fred"])
    #expect(request.query["size"] == ["big"])
    #expect(response.matchingRules[.body, "$.alligators"] == RuleList([.type(min: 1, max: nil)]))
    #expect(response.matchingRules[.body, "$.alligators[*].name"] == RuleList([.regex("\\w+")]))
    #expect(response.matchingRules[.header, "Content-Type"] == RuleList([.regex("application/json.*")]))
    #expect(response.body?.json == ["alligators": [["name": "Mary", "age": 3]]])
    #expect(response.body?.contentType == .json)
  }

  @Test func readsVersion3MessagesAndProviderStateParameters() throws {
    let contract = try decode(
      """
      {
        "consumer": {"name": "Billing"}, "provider": {"name": "Orders"},
        "messages": [{
          "description": "an order was placed",
          "providerStates": [{"name": "order 7 exists", "params": {"id": 7}}],
          "contents": {"orderId": 7},
          "metaData": {"contentType": "application/json", "topic": "orders"},
          "matchingRules": {"body": {"$.orderId": {"matchers": [{"match": "integer"}]}}}
        }],
        "metadata": {"pactSpecification": {"version": "3.0.0"}}
      }
      """
    ).contract
    let interaction = try #require(contract.interactions.first)
    #expect(interaction.providerStates == [ProviderState("order 7 exists", params: ["id": 7])])
    guard case .asynchronousMessage(let message) = interaction.exchange else {
      Issue.record("expected a message")
      return
    }
    #expect(message.metadata["topic"] == "orders")
    #expect(message.contents?.json == ["orderId": 7])
    #expect(message.matchingRules[.body, "$.orderId"] == RuleList([.integer]))
  }

  @Test func readsEveryV4MatcherAndCategory() throws {
    let contract = try decode(
      """
      {
        "consumer": {"name": "A"}, "provider": {"name": "B"},
        "interactions": [{
          "type": "Synchronous/HTTP", "description": "all matchers",
          "request": {"method": "GET", "path": "/things/1",
            "matchingRules": {"path": {"combine": "AND", "matchers": [{"match": "regex", "regex": "/things/\\\\d+"}]}}},
          "response": {
            "status": 200,
            "body": {"contentType": "application/json", "encoded": false, "content": {"a": 1}},
            "matchingRules": {
              "status": {"combine": "AND", "matchers": [{"match": "statusCode", "status": "success"}]},
              "body": {
                "$.a": {"combine": "OR", "matchers": [{"match": "integer"}, {"match": "null"}]},
                "$.b": {"matchers": [{"match": "decimal"}, {"match": "number"}, {"match": "boolean"}]},
                "$.c": {"matchers": [{"match": "date", "format": "yyyy-MM-dd"}, {"match": "time", "format": "HH:mm"},
                                      {"match": "datetime", "format": "yyyy-MM-dd'T'HH:mm:ss"}, {"match": "timestamp", "timestamp": "yyyy"}]},
                "$.d": {"matchers": [{"match": "include", "value": "x"}, {"match": "contentType", "value": "image/png"},
                                      {"match": "values"}, {"match": "notEmpty"}, {"match": "semver"}, {"match": "equality"}]},
                "$.e": {"matchers": [{"match": "type", "min": 1, "max": 3}, {"match": "statusCode", "status": [200, 201]}]},
                "$.f": {"matchers": [{"match": "arrayContains", "variants": [
                  {"index": 0, "rules": {"$.id": {"combine": "AND", "matchers": [{"match": "integer"}]}},
                   "generators": {"$.id": {"type": "RandomInt", "min": 1, "max": 9}}}]}]},
                "$.g": {"matchers": [{"match": "eachKey", "rules": [{"match": "regex", "regex": "[a-z]+"}], "value": "abc"},
                                      {"match": "eachValue", "rules": [{"match": "type"}]}]}
              }
            }
          }
        }],
        "metadata": {"pactSpecification": {"version": "4.0"}}
      }
      """
    ).contract
    guard case .http(let request, let response) = contract.interactions[0].exchange else {
      Issue.record("expected an HTTP interaction")
      return
    }
    #expect(request.matchingRules[.path, "$"] == RuleList([.regex("/things/\\d+")]))
    #expect(response.matchingRules[.status, "$"] == RuleList([.statusCode(.success)]))
    let body = response.matchingRules[.body]
    #expect(body["$.a"] == RuleList([.integer, .null], combine: .or))
    #expect(body["$.b"]?.rules == [.decimal, .number, .boolean])
    #expect(
      body["$.c"]?.rules == [
        .date(format: "yyyy-MM-dd"), .time(format: "HH:mm"), .dateTime(format: "yyyy-MM-dd'T'HH:mm:ss"),
        .dateTime(format: "yyyy"),
      ])
    #expect(body["$.d"]?.rules == [.include("x"), .contentType("image/png"), .values, .notEmpty, .semver, .equality])
    #expect(body["$.e"]?.rules == [.type(min: 1, max: 3), .statusCode(.codes([200, 201]))])
    #expect(
      body["$.f"]?.rules == [
        .arrayContains([
          ArrayContainsVariant(
            index: 0, rules: ["$.id": RuleList([.integer])], generators: ["$.id": .randomInt(min: 1, max: 9)])
        ])
      ])
    #expect(
      body["$.g"]?.rules == [
        .eachKey(EachRule(rules: [.regex("[a-z]+")], value: "abc")), .eachValue(EachRule(rules: [.type()])),
      ])
  }

  @Test func readsAllV4BodyEncodings() throws {
    let contract = try decode(
      """
      {
        "consumer": {"name": "A"}, "provider": {"name": "B"},
        "interactions": [
          {"type": "Synchronous/HTTP", "description": "binary",
           "request": {"method": "PUT", "path": "/avatar",
                       "body": {"contentType": "image/png", "encoded": "base64", "content": "iVBORw0KGgo="}},
           "response": {"status": 204}},
          {"type": "Synchronous/HTTP", "description": "json as text",
           "request": {"method": "POST", "path": "/x",
                       "body": {"contentType": "application/json", "encoded": "JSON", "content": "{\\"a\\":1}"}},
           "response": {"status": 200, "body": {"contentType": "text/plain", "encoded": false, "content": "hi"}}},
          {"type": "Synchronous/HTTP", "description": "empty",
           "request": {"method": "POST", "path": "/y", "body": {"content": ""}},
           "response": {"status": 200}}
        ],
        "metadata": {"pactSpecification": {"version": "4.0"}}
      }
      """
    ).contract
    guard case .http(let binary, _) = contract.interactions[0].exchange,
      case .http(let jsonText, let textResponse) = contract.interactions[1].exchange,
      case .http(let empty, _) = contract.interactions[2].exchange
    else {
      Issue.record("expected HTTP interactions")
      return
    }
    #expect(binary.body?.data == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    #expect(binary.body?.contentType?.essence == "image/png")
    #expect(jsonText.body?.json == ["a": 1])
    #expect(textResponse.body?.text == "hi")
    #expect(empty.body == Body.empty)
  }

  @Test func keepsUnknownAttributesAndWarnsAboutUnknownMatchers() throws {
    let decoded = try decode(
      """
      {
        "consumer": {"name": "A", "team": "web"}, "provider": {"name": "B"},
        "futureTopLevel": {"x": 1},
        "interactions": [{
          "type": "Synchronous/Messages", "description": "sync", "transport": "grpc",
          "pluginConfiguration": {"protobuf": {"descriptorKey": "abc"}},
          "request": {"contents": {"contentType": "application/json", "encoded": false, "content": {"q": 1}},
                      "matchingRules": {"content": {"$.q": {"combine": "AND", "matchers": [{"match": "mystery", "level": 3}]}}}},
          "response": [{"contents": {"contentType": "application/json", "encoded": false, "content": {"r": 2}},
                        "metadata": {"grpc-status": "OK"}}]
        }],
        "metadata": {"pactSpecification": {"version": "4.0"}, "pactRust": {"ffi": "0.5.12"}}
      }
      """)
    let contract = decoded.contract
    #expect(contract.extra["futureTopLevel"] == ["x": 1])
    #expect(contract.consumer.extra["team"] == "web")
    #expect(contract.metadata["pactRust"] == ["ffi": "0.5.12"])
    let interaction = contract.interactions[0]
    #expect(interaction.extra["transport"] == "grpc")
    #expect(interaction.extra["pluginConfiguration"] != nil)
    guard case .synchronousMessages(let request, let responses) = interaction.exchange else {
      Issue.record("expected a synchronous message")
      return
    }
    #expect(request.matchingRules[.body, "$.q"] == RuleList([.unknown(name: "mystery", attributes: ["level": 3])]))
    #expect(responses.first?.metadata["grpc-status"] == "OK")
    #expect(
      decoded.warnings.map(\.description) == [
        "$.interactions[0].request.matchingRules.content['$.q'].matchers[0]: unknown matcher \"mystery\"; it is kept in the contract but nothing matches it"
      ])
  }

  @Test(arguments: [
    (
      "{\"consumer\": ",
      "broken.json: $: not valid JSON (line 1, column 14: unexpected end of input; expected a JSON value); a contract is a JSON document written by Accord or another Pact tool"
    ),
    ("[1, 2]", "broken.json: $: expected a Pact contract (a JSON object) but found an array of 2 items"),
    (
      "{\"name\": \"x\"}",
      "broken.json: $: this is not a Pact contract: expected an object with \"consumer\", \"provider\" and \"interactions\""
    ),
    (
      "{\"consumer\": {\"name\": \"A\"}, \"provider\": {\"name\": \"B\"}, \"interactions\": [{\"description\": \"d\", \"request\": {\"path\": \"/\"}, \"response\": {\"status\": \"OK\"}}]}",
      "broken.json: $.interactions[0].response.status: expected an HTTP status code (an integer from 100 to 999) but found \"OK\" (string)"
    ),
    (
      "{\"consumer\": {\"name\": \"A\"}, \"provider\": {\"name\": \"B\"}, \"interactions\": [{\"request\": {}, \"response\": {}}]}",
      "broken.json: $.interactions[0]: missing \"description\": expected a description of the interaction"
    ),
    (
      "{\"consumer\": {\"name\": \"A\"}, \"provider\": {\"name\": \"B\"}, \"interactions\": [{\"description\": \"d\", \"request\": {}, \"response\": {\"matchingRules\": {\"body\": {\"$.a[\": {\"matchers\": []}}}}}]}",
      "broken.json: $.interactions[0].response.matchingRules.body['$.a[']: \"$.a[\" is not a valid path expression: expected an index, '*' or a quoted name after '[' at position 4 of \"$.a[\""
    ),
    (
      "{\"consumer\": {\"name\": \"A\"}, \"provider\": {\"name\": \"B\"}, \"interactions\": [{\"type\": \"Synchronous/Carrier-Pigeon\", \"description\": \"d\"}]}",
      "broken.json: $.interactions[0].type: unknown interaction type \"Synchronous/Carrier-Pigeon\"; expected Synchronous/HTTP, Asynchronous/Messages or Synchronous/Messages"
    ),
    (
      "{\"consumer\": {\"name\": \"A\"}, \"provider\": {\"name\": \"B\"}, \"metadata\": {\"pactSpecification\": {\"version\": \"9.0\"}}}",
      "broken.json: $.metadata.pactSpecification.version: unknown Pact specification version \"9.0\"; expected one of 1.0.0, 1.1.0, 2.0.0, 3.0.0 or 4.0"
    ),
  ])
  func namesTheFileThePathAndWhatWasExpected(text: String, message: String) {
    do {
      _ = try decode(text, source: "broken.json")
      Issue.record("should not decode: \(text)")
    } catch {
      #expect(error.description == message)
    }
  }
}
