import Accord
import AccordModel
import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// What the DSL writes into a contract, and that the mock server honours it.
@Suite struct DSLFeatureTests {
  static func send(
    _ method: String, _ url: URL, path: String, headers: [(String, String)] = [], body: String? = nil
  ) async throws -> (status: Int, headers: [(String, String)], body: String) {
    var request = HTTPClientRequest(url: url.absoluteString + path)
    request.method = .init(rawValue: method)
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    if let body { request.body = .bytes(ByteBuffer(string: body)) }
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
    let collected = try await response.body.collect(upTo: 1 << 20)
    return (Int(response.status.code), response.headers.map { ($0.name, $0.value) }, String(buffer: collected))
  }

  static func contract(_ pact: Pact) throws -> Contract {
    try Pact.writeContracts()
    return try ContractDecoder().decode(Data(contentsOf: pact.contractFile)).contract
  }

  @Test func pathQueryAndHeaderMatchers() async throws {
    let pact = Pact(consumer: "Web", provider: "Orders", contractsDirectory: TemporaryContracts.directory())
    try await pact.interaction("a search for orders")
      .withRequest(
        .get, .regex(#"/customers/\d+/orders"#, example: "/customers/1/orders"),
        query: ["status": .regex("open|paid", example: "open"), "page": "1", "tag": ["a", "b"]],
        headers: ["Authorization": .regex("Bearer .+", example: "Bearer token")]
      )
      .willRespond(
        200, headers: ["X-Total": .regex(#"\d+"#, example: "3")], body: ["orders": .eachLike(["id": .integer(1)])]
      )
      .run { baseURL in
        let response = try await Self.send(
          "GET", baseURL, path: "/customers/77/orders?status=paid&page=1&tag=a&tag=b",
          headers: [("Authorization", "Bearer other")])
        #expect(response.status == 200)
        #expect(response.headers.contains { $0.0 == "X-Total" && $0.1 == "3" })
      }
    let contract = try Self.contract(pact)
    guard case .http(let request, let response) = contract.interactions[0].exchange else {
      Issue.record("expected HTTP")
      return
    }
    #expect(request.path == "/customers/1/orders")
    #expect(request.matchingRules[.path, "$"] == RuleList([.regex(#"/customers/\d+/orders"#)]))
    #expect(request.query["tag"] == ["a", "b"])
    #expect(request.matchingRules[.query, "status"] == RuleList([.regex("open|paid")]))
    #expect(request.matchingRules[.header, "Authorization"] == RuleList([.regex("Bearer .+")]))
    #expect(response.matchingRules[.body, "$.orders"] == RuleList([.type(min: 1, max: nil)]))
    #expect(response.matchingRules[.body, "$.orders[*].id"] == RuleList([.integer]))
  }

  @Test func generatorsFromProviderStateAndTheMockServerURL() async throws {
    let pact = Pact(consumer: "Web", provider: "Orders", contractsDirectory: TemporaryContracts.directory())
    try await pact.interaction("a request for the new order")
      .given("an order exists", ["id": 7])
      .withRequest(.get, .fromProviderState("/orders/${id}", example: "/orders/7"))
      .willRespond(
        200,
        body: [
          "id": .fromProviderState("${id}", example: 7),
          "self": .mockServerURL(".*(/orders/\\d+)$", example: "http://localhost:8080/orders/7"),
          "token": .uuid(),
        ]
      )
      .run { baseURL in
        let response = try await Self.send("GET", baseURL, path: "/orders/7")
        let body = try JSONValue(parsing: response.body)
        #expect(body["id"] == 7)
        #expect(body["self"] == .string(baseURL.absoluteString + "/orders/7"))
        #expect(body["token"] != "936da01f-9abd-4d9d-80c7-02af85c822a8", "a fresh UUID each time")
      }
    let contract = try Self.contract(pact)
    guard case .http(let request, let response) = contract.interactions[0].exchange else {
      Issue.record("expected HTTP")
      return
    }
    #expect(request.generators[.path, "$"] == .providerState(expression: "/orders/${id}", dataType: .string))
    #expect(response.generators[.body, "$.id"] == .providerState(expression: "${id}", dataType: .integer))
    #expect(
      response.generators[.body, "$.self"]
        == .mockServerURL(example: "http://localhost:8080/orders/7", regex: ".*(/orders/\\d+)$"))
  }

  @Test func textFormXMLAndBinaryBodies() async throws {
    let pact = Pact(consumer: "Web", provider: "Files", contractsDirectory: TemporaryContracts.directory())
    let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
    let text = pact.interaction("a greeting")
      .withRequest(
        .post, "/greet", headers: ["Content-Type": "text/plain"],
        body: .text(.regex("hello .+", example: "hello world"))
      )
      .willRespond(200, body: .text("hi"))
    let form = pact.interaction("a login")
      .withRequest(
        .post, "/login", headers: ["Content-Type": "application/x-www-form-urlencoded"],
        body: .form(["user": "mary", "age": .regex(#"\d+"#, example: "30")])
      )
      .willRespond(204)
    let xml = pact.interaction("an XML user")
      .withRequest(.get, "/users/1.xml")
      .willRespond(
        200,
        body: .xml(
          #"<user id="1"><name>Mary</name></user>"#, matching: ["$.user['@id']": .regex(#"\d+"#, example: "1")]))
    let binary = pact.interaction("an avatar")
      .withRequest(
        .put, "/avatar", headers: ["Content-Type": "image/png"], body: .binary(png, contentType: "image/png")
      )
      .willRespond(201)
    try await pact.run(text, form, xml, binary) { baseURL in
      #expect(
        try await Self.send(
          "POST", baseURL, path: "/greet", headers: [("Content-Type", "text/plain")], body: "hello there"
        ).status == 200)
      #expect(
        try await Self.send(
          "POST", baseURL, path: "/login", headers: [("Content-Type", "application/x-www-form-urlencoded")],
          body: "age=41&user=mary"
        ).status == 204)
      let user = try await Self.send("GET", baseURL, path: "/users/1.xml")
      #expect(user.body == #"<user id="1"><name>Mary</name></user>"#)
      #expect(user.headers.contains { $0.0.lowercased() == "content-type" && $0.1 == "application/xml" })
      var request = HTTPClientRequest(url: baseURL.absoluteString + "/avatar")
      request.method = .PUT
      request.headers.add(name: "Content-Type", value: "image/png")
      request.body = .bytes(ByteBuffer(bytes: png + Data([1, 2, 3])))
      #expect(try await HTTPClient.shared.execute(request, timeout: .seconds(10)).status.code == 201)
    }
    let contract = try Self.contract(pact)
    #expect(contract.interactions.map(\.description) == ["a greeting", "a login", "an XML user", "an avatar"])
  }

  @Test func pendingCommentsAndStatusClasses() async throws {
    let pact = Pact(consumer: "Web", provider: "Orders", contractsDirectory: TemporaryContracts.directory())
    try await pact.interaction("a new kind of request")
      .pending()
      .comment("the provider is still building this")
      .withRequest(.delete, "/orders/1")
      .willRespond(.success, example: 204)
      .run { baseURL in
        let response = try await Self.send("DELETE", baseURL, path: "/orders/1")
        #expect(response.status == 204)
      }
    let interaction = try Self.contract(pact).interactions[0]
    #expect(interaction.pending)
    #expect(interaction.comments["text"] == ["the provider is still building this"])
    guard case .http(_, let response) = interaction.exchange else { return }
    #expect(response.matchingRules[.status, "$"] == RuleList([.statusCode(.success)]))
  }
}
