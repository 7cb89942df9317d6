import AccordModel
import AccordTesting
import AccordVerifier
import Foundation
import HTTPTypes
import Hummingbird
import Synchronization
import Testing

/// Behaviour the Pact verifiers have and providers written for them rely on.
@Suite struct PactVerifierParityTests {
  /// A provider whose `/_pact/state` resets its store on every call and records what it was sent.
  final class Log: Sendable {
    let calls = Mutex<[String]>([])
    let store = Mutex<Int>(0)
  }

  static func resettingProvider(_ log: Log) -> Router<BasicRequestContext> {
    let router = Router()
    router.post("/_pact/state") { request, _ in
      let body = try await request.body.collect(upTo: 1 << 16)
      let json = try JSONValue(parsing: Data(buffer: body))
      log.calls.withLock {
        $0.append("\(json["action"]?.stringValue ?? "?"):\(json["state"]?.stringValue ?? "?")")
      }
      log.store.withLock { $0 = 0 }
      return Response(status: .ok)
    }
    router.post("/counter") { _, _ in
      let value = log.store.withLock { value in
        value += 1
        return value
      }
      return Response(
        status: .ok, headers: [.contentType: "application/json"],
        body: .init(byteBuffer: .init(string: #"{"count":\#(value)}"#)))
    }
    return router
  }

  @Test func theStatesURLIsCalledForInteractionsWithoutStatesToo() async throws {
    let log = Log()
    let interactions = (1...3).map { number in
      Interaction(
        description: "increment \(number)",
        exchange: .http(
          request: PactRequest(method: "POST", path: "/counter"),
          response: PactResponse(status: 200, body: .json(["count": 1]))))
    }
    let report = try await withProvider(Self.resettingProvider(log)) { baseURL in
      var options = VerificationOptions(
        providerBaseURL: baseURL, stateHandler: HTTPProviderStates(url: baseURL + "/_pact/state"))
      options.concurrency = 4
      return try await Verifier(sources: [], options: options).verify([
        SourcedContract(
          contract: Contract(consumer: "Web", provider: "Counter", interactions: interactions), origin: "c.json")
      ])
    }
    #expect(report.succeeded, "\(HumanReport(report))")
    #expect(log.calls.withLock { $0 } == Array(repeating: ["setup:", "teardown:"], count: 3).flatMap { $0 })
  }

  @Test func swiftStateHandlersAreNotCalledForInteractionsWithoutStates() async throws {
    let report = try await withProvider(VerifierBehaviourTests.okRouter()) { baseURL in
      try await Verifier(
        sources: [],
        options: VerificationOptions(providerBaseURL: baseURL, stateHandler: ProviderStates())
      ).verify([VerifierBehaviourTests.contract([VerifierBehaviourTests.interaction("plain", path: "/ok")])])
    }
    #expect(report.succeeded)
  }

  @Test func commentsAppearInEveryReport() async throws {
    var interaction = VerifierBehaviourTests.interaction("commented", path: "/broken")
    interaction.comments = [
      "text": ["Added for the mobile app", "Ask team Web before changing"],
      "testname": "WebTests.testLoadsProfile",
      "references": ["Jira": ["issue": "WEB-42"]],
    ]
    let report = try await withProvider(VerifierBehaviourTests.okRouter()) { baseURL in
      try await Verifier(sources: [], options: VerificationOptions(providerBaseURL: baseURL)).verify([
        VerifierBehaviourTests.contract([interaction])
      ])
    }
    let human = HumanReport(report).description
    #expect(human.contains("  commented\n    # Added for the mobile app\n    # Ask team Web before changing\n"))
    #expect(human.contains("    # test: WebTests.testLoadsProfile\n    # Jira issue: WEB-42\n"))
    let junit = JUnitReport(report).xml
    #expect(
      junit.contains(
        "<system-out>Added for the mobile app\nAsk team Web before changing\ntest: WebTests.testLoadsProfile\nJira issue: WEB-42</system-out>"
      ))
    let json = JSONReport(report).json
    #expect(json["interactions"]?[0]?["comments"]?["testname"] == "WebTests.testLoadsProfile")
  }
}
