import AccordFixtures
import AccordModel
import AccordTesting
import AccordVerifier
import Hummingbird
import Synchronization
import Testing

@Suite struct AccordTestingTests {
  @Test func aProviderThatCannotStartThrowsInsteadOfHanging() async {
    // An address that cannot be bound: the server fails to start, and the call says so.
    await #expect(throws: ProviderStartError.self) {
      try await withProvider(Router(), host: "256.256.256.256") { _ in Issue.record("the body must not run") }
    }
  }

  final class Calls: Sendable {
    let list = Mutex<[String]>([])
    func add(_ call: String) { list.withLock { $0.append(call) } }
  }

  @Test func teardownRunsEvenWhenTheInteractionStopsTheRun() async throws {
    let calls = Calls()
    let states = ProviderStates()
      .given("ready", tearDown: { _ in calls.add("teardown") }) { _ in calls.add("setup") }
    let contract = SourcedContract(
      contract: Contract(
        consumer: "Web", provider: "Api",
        interactions: [
          Interaction(
            description: "x", providerStates: [ProviderState("ready")],
            exchange: .http(request: PactRequest(path: "/x"), response: PactResponse(status: 200)))
        ]), origin: "c.json")
    // Nothing listens there: the run stops with one error, after tearing the state down.
    let refusing = try RefusingPort()
    defer { refusing.close() }
    await #expect(throws: VerifierError.self) {
      _ = try await Verifier(
        sources: [], options: VerificationOptions(providerBaseURL: refusing.url, stateHandler: states)
      ).verify([contract])
    }
    #expect(calls.list.withLock { $0 } == ["setup", "teardown"])
  }

  @Test func statesThatReturnNothingNeedNoReturn() async throws {
    let calls = Calls()
    let states = ProviderStates().given("a") { params in calls.add("a \(params["id"]?.intValue ?? 0)") }
    #expect(try await states.setUp(ProviderState("a", params: ["id": 7])) == [:])
    #expect(calls.list.withLock { $0 } == ["a 7"])
    let valued = ProviderStates().given("b", providing: { _ in ["id": 9] })
    #expect(try await valued.setUp(ProviderState("b")) == ["id": 9])
  }
}
