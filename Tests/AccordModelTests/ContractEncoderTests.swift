import AccordFixtures
import AccordModel
import Foundation
import Testing

@Suite struct ContractEncoderTests {
  static let sample = Contract(
    consumer: "Web", provider: "Users",
    interactions: [
      Interaction(
        description: "a request for user 42",
        providerStates: [ProviderState("user 42 exists", params: ["id": 42])],
        exchange: .http(
          request: PactRequest(
            method: "GET", path: "/users/42", query: ["fields": ["full", "short"]],
            headers: ["Accept": "application/json"]),
          response: PactResponse(
            status: 200, headers: ["Content-Type": "application/json"], body: .json(["id": 42, "name": "Alice"]),
            matchingRules: MatchingRules([.body: ["$.id": RuleList([.integer]), "$.name": RuleList([.type()])]]),
            generators: Generators([.body: ["$.name": .randomString(size: 8)]]))),
        pending: true, comments: ["text": ["written by a test"]]),
      Interaction(
        description: "a user created event",
        exchange: .asynchronousMessage(
          Message(
            contents: .json(["id": 42]), metadata: ["topic": "users"],
            matchingRules: MatchingRules([
              .body: ["$.id": RuleList([.integer])], .metadata: ["topic": RuleList([.regex("users|people")])],
            ])))),
      Interaction(
        description: "an avatar upload",
        exchange: .http(
          request: PactRequest(
            method: "PUT", path: "/avatar",
            body: Body(data: Data([0, 1, 2, 255]), contentType: ContentType("image/png"))),
          response: PactResponse(status: 204))),
      Interaction(
        description: "a lookup over a queue",
        exchange: .synchronousMessages(
          request: Message(contents: .text("who is 42?")),
          responses: [Message(contents: .json("Alice"), metadata: ["status": "ok"])])),
    ])

  @Test func writesVersion4WithAccordsVersion() throws {
    let document = ContractEncoder().json(Self.sample)
    #expect(document["metadata"]?["pactSpecification"]?["version"] == "4.0")
    #expect(document["metadata"]?["accord"]?["version"] == .string(AccordVersion.current))
    let interactions = try #require(document["interactions"]?.arrayValue)
    #expect(
      interactions.map { $0["type"] } == [
        "Synchronous/HTTP", "Asynchronous/Messages", "Synchronous/HTTP", "Synchronous/Messages",
      ])
    let response = try #require(interactions[0]["response"])
    #expect(
      response["body"] == [
        "content": ["id": 42, "name": "Alice"], "contentType": "application/json", "encoded": false,
      ])
    #expect(response["matchingRules"]?["body"]?["$.id"] == ["combine": "AND", "matchers": [["match": "integer"]]])
    #expect(response["generators"]?["body"]?["$.name"] == ["type": "RandomString", "size": 8])
    #expect(interactions[0]["request"]?["query"] == ["fields": ["full", "short"]])
    #expect(interactions[0]["request"]?["headers"] == ["Accept": ["application/json"]])
    #expect(interactions[0]["pending"] == true)
    #expect(
      interactions[2]["request"]?["body"] == ["content": "AAEC/w==", "contentType": "image/png", "encoded": "base64"])
    #expect(interactions[3]["response"]?[0]?["contents"]?["encoded"] == "JSON")
  }

  @Test func writesTheSameBytesWhateverTheInsertionOrder() throws {
    var reordered = Self.sample
    reordered.metadata = ["b": 1, "a": 2]
    var again = Self.sample
    again.metadata = ["a": 2, "b": 1]
    let first = ContractEncoder().encode(reordered)
    #expect(first == ContractEncoder().encode(again))
    let text = String(decoding: first, as: UTF8.self)
    #expect(text.hasSuffix("}\n"))
    #expect(text.contains("\n  \"consumer\": {\n    \"name\": \"Web\"\n  },\n"))
  }

  /// The encoder writes straight from the model; its bytes must be exactly the canonical rendering (sorted keys,
  /// fixed layout) of the same document.
  @Test(arguments: [nil] + Fixtures.referenceContracts)
  func streamsTheCanonicalLayout(path: String?) throws {
    var contract = Self.sample
    if let path { contract = try ContractDecoder().decode(Fixtures.data(path)).contract }
    contract.metadata["zzz"] = ["b": [1, 2], "a": nil]
    contract.interactions[0].extra = ["aaa": 1, "zzz": "last", "request": "shadowed by the real request"]
    let streamed = ContractEncoder().encode(contract)
    var canonical = try JSONValue(parsing: streamed).data(.pretty)
    canonical.append(0x0A)
    #expect(String(decoding: streamed, as: UTF8.self) == String(decoding: canonical, as: UTF8.self))
  }

  @Test func roundTripsThroughVersion4() throws {
    let data = ContractEncoder().encode(Self.sample)
    var decoded = try ContractDecoder().decode(data).contract
    #expect(decoded.specification == .v4)
    decoded.metadata["accord"] = nil
    #expect(decoded == Self.sample)
    #expect(ContractEncoder().encode(decoded) == data)
  }

  @Test(arguments: Fixtures.referenceContracts)
  func referenceContractsRoundTrip(path: String) throws {
    let original = try ContractDecoder().decode(Fixtures.data(path), source: path)
    #expect(original.warnings.isEmpty)
    #expect(!original.contract.interactions.isEmpty)
    let rewritten = ContractEncoder().encode(original.contract)
    var reread = try ContractDecoder().decode(rewritten, source: "rewritten \(path)").contract
    #expect(reread.specification == .v4)
    reread.specification = original.contract.specification
    reread.metadata["accord"] = nil
    #expect(reread == original.contract)
  }

  @Test func readsTheReferenceV4HTTPContractFaithfully() throws {
    let contract = try ContractDecoder().decode(Fixtures.data("pact-files/v4/SwiftPeerConsumer-UserService.json"))
      .contract
    #expect(contract.consumer.name == "SwiftPeerConsumer")
    #expect(contract.provider.name == "UserService")
    #expect(contract.interactions.count == 3)
    let user = try #require(contract.interactions.first { $0.description == "a request for user 123" })
    #expect(user.providerStates == [ProviderState("user exists", params: ["id": 123, "name": "Alice"])])
    guard case .http(let request, let response) = user.exchange else {
      Issue.record("expected HTTP")
      return
    }
    #expect(request.query["fields"] == ["full"])
    #expect(request.matchingRules[.query, "fields"] == RuleList([.regex("^(full|short)$")]))
    #expect(response.matchingRules[.body, "$.createdAt"] == RuleList([.dateTime(format: "yyyy-MM-dd'T'HH:mm:ssZ")]))
    #expect(response.matchingRules[.body, "$.addresses"] == RuleList([.type(min: 1)]))
    #expect(response.body?.json?["score"] == 4.5)
  }
}
