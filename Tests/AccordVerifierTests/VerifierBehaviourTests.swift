import AccordFixtures
import AccordModel
import AccordTesting
import AccordVerifier
import Foundation
import HTTPTypes
import Hummingbird
import Synchronization
import Testing

@Suite struct VerifierBehaviourTests {
  static func interaction(
    _ description: String, path: String, status: Int = 200, body: JSONValue? = ["ok": true],
    states: [ProviderState] = [],
    pending: Bool = false, generators: Generators = Generators(), rules: MatchingRules = MatchingRules()
  ) -> Interaction {
    Interaction(
      description: description, providerStates: states,
      exchange: .http(
        request: PactRequest(method: "GET", path: path, generators: generators),
        response: PactResponse(status: status, body: body.map { .json($0) }, matchingRules: rules)),
      pending: pending)
  }

  static func contract(_ interactions: [Interaction], consumer: String = "Web") -> SourcedContract {
    SourcedContract(
      contract: Contract(consumer: ContractParty(consumer), provider: "Api", interactions: interactions),
      origin: "\(consumer)-Api.json")
  }

  static func okRouter() -> Router<BasicRequestContext> {
    let router = Router()
    router.get("/ok") { _, _ in
      Response(
        status: .ok, headers: [.contentType: "application/json"],
        body: .init(byteBuffer: .init(string: #"{"ok":true}"#)))
    }
    router.get("/broken") { _, _ in
      Response(
        status: .ok, headers: [.contentType: "application/json"],
        body: .init(byteBuffer: .init(string: #"{"ok":"yes"}"#)))
    }
    return router
  }

  @Test func aFailingPendingInteractionIsReportedButDoesNotFailTheRun() async throws {
    let report = try await withProvider(Self.okRouter()) { baseURL in
      try await Verifier(sources: [], options: VerificationOptions(providerBaseURL: baseURL)).verify([
        Self.contract([
          Self.interaction("works", path: "/ok"),
          Self.interaction("new and broken", path: "/broken", pending: true),
        ])
      ])
    }
    #expect(report.succeeded)
    #expect(report.passedCount == 1)
    #expect(report.pendingFailureCount == 1)
    let text = HumanReport(report).description
    #expect(text.contains("PENDING (failed; pending interactions do not fail the run)"))
    #expect(text.contains(#"$.ok: expected true (boolean) but got "yes" (string)"#))
    #expect(text.hasSuffix("2 interactions: 1 passed, 0 failed, 1 pending (not failing)"))
    let junit = JUnitReport(report).xml
    #expect(junit.contains(#"<testsuites name="accord verify" tests="2" failures="0" skipped="1">"#))
    #expect(junit.contains("<skipped message=\"pending"))
  }

  @Test func aFailingInteractionFailsTheRunWithItsMismatches() async throws {
    let report = try await withProvider(Self.okRouter()) { baseURL in
      try await Verifier(sources: [], options: VerificationOptions(providerBaseURL: baseURL)).verify([
        Self.contract([Self.interaction("broken", path: "/broken", status: 201)])
      ])
    }
    #expect(!report.succeeded)
    guard case .failed(let mismatches, _) = report.results[0].outcome else {
      Issue.record("expected a failure")
      return
    }
    #expect(
      mismatches.map(\.description) == [
        "status: expected 201 but got 200", #"$.ok: expected true (boolean) but got "yes" (string)"#,
      ])
    let junit = JUnitReport(report).xml
    #expect(junit.contains(#"failures="1""#))
    #expect(junit.contains(#"<failure message="status: expected 201 but got 200" type="mismatch">"#))
    let json = JSONReport(report).json
    #expect(json["succeeded"] == false)
    #expect(json["interactions"]?[0]?["mismatches"]?[1]?["path"] == "$.ok")
  }

  @Test func stateValuesFeedProviderStateGenerators() async throws {
    let router = Router()
    router.get("/users/:id") { _, context in
      let id = context.parameters.get("id") ?? "?"
      return Response(
        status: .ok, headers: [.contentType: "application/json"],
        body: .init(byteBuffer: .init(string: #"{"id":\#(id)}"#)))
    }
    let calls = Mutex<[String]>([])
    let states = ProviderStates(
      [
        "a user exists": { _ in
          calls.withLock { $0.append("setup") }
          return ["id": 77]
        }
      ], tearDowns: ["a user exists": { _ in calls.withLock { $0.append("teardown") } }])
    let interaction = Self.interaction(
      "a request for the new user", path: "/users/1", body: ["id": 77], states: [ProviderState("a user exists")],
      generators: Generators([.path: ["$": .providerState(expression: "/users/${id}", dataType: nil)]]))
    let report = try await withProvider(router) { baseURL in
      try await Verifier(sources: [], options: VerificationOptions(providerBaseURL: baseURL, stateHandler: states))
        .verify([Self.contract([interaction])])
    }
    #expect(report.succeeded, "\(HumanReport(report))")
    #expect(calls.withLock { $0 } == ["setup", "teardown"])
  }

  @Test func headersAndTheRequestFilterReachTheProvider() async throws {
    let router = Router()
    router.get("/secret") { request, _ in
      let authorized =
        request.headers[.authorization] == "Bearer fresh-token"
        && request.headers[HTTPField.Name("X-Tenant")!] == "acme"
      return Response(
        status: authorized ? .ok : .unauthorized, headers: [.contentType: "application/json"],
        body: .init(byteBuffer: .init(string: #"{"ok":true}"#)))
    }
    var options = VerificationOptions(headers: [("X-Tenant", "acme")])
    options.requestFilter = { request in request.headers["Authorization"] = ["Bearer fresh-token"] }
    let report = try await withProvider(router) { baseURL in
      options.providerBaseURL = baseURL
      return try await Verifier(sources: [], options: options).verify([
        Self.contract([Self.interaction("secret", path: "/secret")])
      ])
    }
    #expect(report.succeeded, "\(HumanReport(report))")
  }

  @Test func filtersChooseInteractionsAndConsumers() async throws {
    let contracts = [
      Self.contract([
        Self.interaction("alpha one", path: "/ok"),
        Self.interaction("beta", path: "/ok", states: [ProviderState("ready")]),
      ]),
      Self.contract([Self.interaction("alpha two", path: "/ok")], consumer: "Mobile"),
    ]
    try await withProvider(Self.okRouter()) { baseURL in
      var options = VerificationOptions(providerBaseURL: baseURL, stateHandler: ProviderStates(["ready": { _ in [:] }]))
      func descriptions() async throws -> [String] {
        try await Verifier(sources: [], options: options).verify(contracts).results.map(\.description)
      }
      options.descriptionFilter = "^alpha"
      let byDescription = try await descriptions()
      #expect(byDescription == ["alpha one", "alpha two"])
      options.descriptionFilter = nil
      options.consumerFilter = ["Mobile"]
      let byConsumer = try await descriptions()
      #expect(byConsumer == ["alpha two"])
      options.consumerFilter = []
      options.stateFilter = "rea"
      let byState = try await descriptions()
      #expect(byState == ["beta"])
      options.stateFilter = "("
      await #expect(throws: VerifierError.self) { try await descriptions() }
    }
  }

  @Test func concurrencyKeepsTheContractOrder() async throws {
    let interactions = (0..<40).map { Self.interaction("interaction \($0)", path: "/ok") }
    let report = try await withProvider(Self.okRouter()) { baseURL in
      try await Verifier(sources: [], options: VerificationOptions(providerBaseURL: baseURL, concurrency: 8))
        .verify([Self.contract(interactions)])
    }
    #expect(report.succeeded)
    #expect(report.results.map(\.description) == interactions.map(\.description))
  }

  @Test func readsWithoutStatesRunAtOnceAndEverythingElseOneAtATime() async throws {
    // A provider that counts the requests it holds at once, per method.
    final class Peak: Sendable {
      let state = Mutex<(now: [String: Int], peak: [String: Int])>(([:], [:]))
      func enter(_ method: String) {
        state.withLock {
          $0.now[method, default: 0] += 1
          $0.peak[method] = max($0.peak[method] ?? 0, $0.now[method]!)
        }
      }
      func leave(_ method: String) { state.withLock { $0.now[method, default: 0] -= 1 } }
    }
    let peak = Peak()
    let router = Router()
    for method in [HTTPRequest.Method.get, .post] {
      router.on("/slow", method: method) { _, _ -> Response in
        peak.enter(method.rawValue)
        try await Task.sleep(for: .milliseconds(30))
        peak.leave(method.rawValue)
        return Response(
          status: .ok, headers: [.contentType: "application/json"],
          body: .init(byteBuffer: .init(string: #"{"ok":true}"#)))
      }
    }
    func interaction(_ number: Int, _ method: String) -> Interaction {
      Interaction(
        description: "\(method) \(number)",
        exchange: .http(
          request: PactRequest(method: method, path: "/slow"),
          response: PactResponse(status: 200, body: .json(["ok": true]))))
    }
    let interactions = (0..<6).map { interaction($0, "GET") } + (0..<6).map { interaction($0, "POST") }
    let report = try await withProvider(router) { baseURL in
      try await Verifier(sources: [], options: VerificationOptions(providerBaseURL: baseURL))
        .verify([Self.contract(interactions)])
    }
    #expect(report.succeeded)
    #expect(report.results.map(\.description) == interactions.map(\.description))
    let peaks = peak.state.withLock { $0.peak }
    #expect((peaks["GET"] ?? 0) > 1, "reads ran at once: \(peaks)")
    #expect(peaks["POST"] == 1, "writes ran one at a time: \(peaks)")

    peak.state.withLock { $0 = ([:], [:]) }
    var options = VerificationOptions(providerBaseURL: "")
    options.readConcurrency = 1
    let sequential = try await withProvider(router) { baseURL in
      options.providerBaseURL = baseURL
      return try await Verifier(sources: [], options: options).verify([Self.contract(interactions)])
    }
    #expect(sequential.succeeded)
    #expect(peak.state.withLock { $0.peak["GET"] } == 1, "readConcurrency 1 runs every interaction one at a time")
  }

  @Test func aSlowProviderTimesOut() async throws {
    // The provider answers only after the verifier has given up: no race between a timeout and a sleep.
    let gate = AsyncStream<Void>.makeStream()
    let router = Router()
    router.get("/slow") { _, _ -> Response in
      for await _ in gate.stream {}
      return Response(status: .ok)
    }
    let report = try await withProvider(router) { baseURL in
      defer { gate.continuation.finish() }
      return try await Verifier(
        sources: [], options: VerificationOptions(providerBaseURL: baseURL, requestTimeout: .milliseconds(200))
      )
      .verify([Self.contract([Self.interaction("slow", path: "/slow")])])
    }
    guard case .failed(_, let errors) = report.results[0].outcome else {
      Issue.record("expected a timeout")
      return
    }
    #expect(errors.first?.hasPrefix("the provider at http://127.0.0.1:") == true)
    #expect(
      errors.first?.hasSuffix("/slow did not answer in full within 0.2 s; make it answer sooner or allow more time")
        == true)
  }

  @Test func anUnreachableProviderIsOneError() async throws {
    let refusing = try RefusingPort()
    defer { refusing.close() }
    let options = VerificationOptions(providerBaseURL: refusing.url)
    do {
      _ = try await Verifier(sources: [], options: options).verify([
        Self.contract((0..<5).map { Self.interaction("i\($0)", path: "/ok") })
      ])
      Issue.record("expected an error")
    } catch let error as VerifierError {
      #expect(
        "\(error)"
          == "could not reach the provider at \(refusing.url)/ok (Connection refused); check that it runs and that the URL is right"
      )
    }
  }

  @Test func messagesFromSwiftProducers() async throws {
    let expected = Message(
      contents: .json(["orderId": 7]), metadata: ["topic": "orders"],
      matchingRules: MatchingRules([.body: ["$.orderId": RuleList([.integer])]]))
    let reply = Message(
      contents: .json(["price": 9.99]), matchingRules: MatchingRules([.body: ["$.price": RuleList([.decimal])]]))
    let contract = SourcedContract(
      contract: Contract(
        consumer: "Billing", provider: "Orders",
        interactions: [
          Interaction(description: "an order placed event", exchange: .asynchronousMessage(expected)),
          Interaction(
            description: "a price query",
            exchange: .synchronousMessages(request: Message(contents: .json(["sku": "A"])), responses: [reply])),
          Interaction(description: "an unknown event", exchange: .asynchronousMessage(expected)),
        ]),
      origin: "Billing-Orders.json")
    let producers = MessageProducers(
      messages: [
        "an order placed event": { _ in Message(contents: .json(["orderId": 8]), metadata: ["topic": "orders"]) }
      ],
      replies: [
        "a price query": { request, _ in
          #expect(request.contents?.json == ["sku": "A"])
          return [Message(contents: .json(["price": 12.5]))]
        }
      ])
    let report = try await Verifier(sources: [], options: VerificationOptions(messageProducer: producers)).verify([
      contract
    ])
    #expect(report.results.map(\.passed) == [true, true, false])
    guard case .failed(_, let errors) = report.results[2].outcome else { return }
    #expect(errors == [#"no producer for message "an unknown event"; add one to MessageProducers"#])
  }

  @Test func contractsFromAURLAndABroker() async throws {
    let contractJSON = ContractEncoder().encode(
      Contract(consumer: "Web", provider: "Api", interactions: [Self.interaction("works", path: "/ok")]))
    let router = Self.okRouter()
    router.get("/pacts/web") { request, _ in
      guard request.headers[.authorization] == "Bearer broker-token" else { return Response(status: .unauthorized) }
      return Response(
        status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: .init(data: contractJSON)))
    }
    router.get("/") { _, _ in
      Response(
        status: .ok, headers: [.contentType: "application/hal+json"],
        body: .init(
          byteBuffer: .init(
            string:
              #"{"_links":{"pb:provider-pacts-for-verification":{"href":"/for-verification/{provider}","templated":true}}}"#
          )))
    }
    router.post("/for-verification/:provider") { request, context -> Response in
      let body = try JSONValue(parsing: String(buffer: try await request.body.collect(upTo: 1 << 20)))
      #expect(context.parameters.get("provider") == "Api")
      #expect(body["consumerVersionSelectors"] == [["mainBranch": true]])
      #expect(body["includePendingStatus"] == true)
      let host = request.head.authority ?? "127.0.0.1"
      let answer =
        #"{"_embedded":{"pacts":[{"_links":{"self":{"href":"http://\#(host)/pacts/web"}},"verificationProperties":{"pending":true,"notices":[{"text":"pending because this is new"}]}}]}}"#
      return Response(
        status: .ok, headers: [.contentType: "application/hal+json"], body: .init(byteBuffer: .init(string: answer)))
    }
    try await withProvider(router) { baseURL in
      let fromURL = try await URLContractSource(url: baseURL + "/pacts/web", credentials: .bearer("broker-token"))
        .contracts()
      #expect(fromURL.first?.contract.interactions.count == 1)
      await #expect(throws: ClientError.self) { try await URLContractSource(url: baseURL + "/pacts/web").contracts() }

      let broker = BrokerContractSource(
        brokerURL: baseURL, provider: "Api", selectors: [["mainBranch": true]], enablePending: true,
        credentials: .bearer("broker-token"))
      let fromBroker = try await broker.contracts()
      #expect(fromBroker.count == 1)
      #expect(fromBroker.first?.pending == true)
      #expect(fromBroker.first?.notices == ["pending because this is new"])
    }
  }
}
