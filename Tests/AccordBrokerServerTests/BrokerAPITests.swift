import AccordBroker
import AccordBrokerTestSupport
import AccordModel
import Foundation
import Testing

@testable import AccordBrokerServer

@Suite("Broker HTTP API")
struct BrokerAPITests {
  @Test("the index links every relation the Pact clients follow, as HAL JSON")
  func index() async throws {
    try await BrokerAPI.with { api in
      let index = try await api.call("GET", "/")
      #expect(index.status == 200)
      #expect(index.contentType?.hasPrefix("application/hal+json") == true)
      for relation in [
        "pb:publish-contracts", "pb:publish-pact", "pb:provider-pacts-for-verification", "pb:pacticipant-version",
        "pb:environments", "pb:latest-provider-pacts", "pb:can-i-deploy-pacticipant-version-to-environment",
      ] {
        #expect(index.json["_links"]?[relation]?["href"]?.stringValue?.hasPrefix(api.baseURL) == true, "\(relation)")
      }
      #expect(try await api.call("GET", "/diagnostic/status/heartbeat").json["ok"] == true)
    }
  }

  @Test("publish, fetch for verification, verify, deploy, can-i-deploy: the whole loop over HTTP")
  func wholeLoop() async throws {
    try await BrokerAPI.with { api in
      let published = try await api.publish("web", "1.0.0", branch: "main", [Fixtures.pact("web", "users")])
      #expect(published.status == 200)
      #expect(published.json["notices"]?[1]?["text"]?.stringValue?.contains("Pact published for web") == true)

      let chosen = try await api.call(
        "POST", "/pacts/provider/users/for-verification",
        json: [
          "consumerVersionSelectors": [["mainBranch": true]], "includePendingStatus": true,
          "providerVersionBranch": "main",
        ])
      let entry = try #require(chosen.json["_embedded"]?["pacts"]?[0])
      #expect(entry["verificationProperties"]?["pending"] == true)
      let pactURL = try #require(entry["_links"]?["self"]?["href"]?.stringValue)

      let pact = try await api.call("GET", String(pactURL.dropFirst(api.baseURL.count)))
      #expect(pact.json["consumer"]?["name"] == "web")
      let resultsURL = try #require(pact.json["_links"]?["pb:publish-verification-results"]?["href"]?.stringValue)
      let result = try await api.call(
        "POST", String(resultsURL.dropFirst(api.baseURL.count)),
        json: ["success": true, "providerApplicationVersion": "2.0.0", "providerVersionBranch": "main"])
      #expect(result.status == 201)

      let environment = try await api.call("POST", "/environments", json: ["name": "production", "production": true])
      #expect(environment.status == 201)
      let uuid = try #require(environment.json["uuid"]?.stringValue)
      let deployed = try await api.call(
        "POST", "/pacticipants/users/versions/2.0.0/deployed-versions/environment/\(uuid)", json: [:])
      #expect(deployed.status == 201)

      let yes = try await api.call("GET", "/can-i-deploy?pacticipant=web&version=1.0.0&environment=production")
      #expect(yes.json["summary"]?["deployable"] == true)
      #expect(yes.json["matrix"]?[0]?["verificationResult"]?["success"] == true)
      let matrix = try await api.call(
        "GET", "/matrix?q%5B%5D%5Bpacticipant%5D=web&q%5B%5D%5Bversion%5D=1.0.0&latestby=cvp&environment=production")
      #expect(matrix.json["summary"]?["deployable"] == true)

      let pending = try await api.call(
        "POST", "/pacts/provider/users/for-verification",
        json: [
          "consumerVersionSelectors": [["mainBranch": true]], "includePendingStatus": true,
          "providerVersionBranch": "main",
        ])
      #expect(pending.json["_embedded"]?["pacts"]?[0]?["verificationProperties"]?["pending"] == false)
    }
  }

  @Test("different content for a published version is a 409 naming the pact, with a diff")
  func conflict() async throws {
    try await BrokerAPI.with { api in
      let path = "/pacts/provider/users/consumer/web/version/1.0.0"
      #expect(try await api.call("PUT", path, json: Fixtures.pact("web", "users")).status == 201)
      #expect(try await api.call("PUT", path, json: Fixtures.pact("web", "users")).status == 200)
      let refused = try await api.call("PUT", path, json: Fixtures.pact("web", "users", ["something else"]))
      #expect(refused.status == 409)
      let message = refused.json["error"]?["message"]?.stringValue ?? ""
      #expect(message.contains("web and users"))
      #expect(refused.json["error"]?["diff"]?.stringValue?.contains("something else") == true)
    }
  }

  /// Each input that a client might send by mistake, and the 4xx (never 500) it gets with what to fix.
  @Test(
    "bad input gets a 4xx JSON error that says what to fix",
    arguments: [
      ("POST", "/contracts/publish", Data("{not json".utf8), 400, "not valid JSON"),
      ("POST", "/contracts/publish", Data([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D]), 400, "not valid JSON"),
      ("POST", "/contracts/publish", Data("[]".utf8), 400, "JSON object"),
      ("POST", "/contracts/publish", Data(#"{"pacticipantName":"web"}"#.utf8), 400, "pacticipantVersionNumber"),
      (
        "POST", "/contracts/publish",
        Data(#"{"pacticipantName":"web","pacticipantVersionNumber":"1","contracts":[{"content":"%%%"}]}"#.utf8), 400,
        "not base64"
      ),
      ("PUT", "/pacts/provider/users/consumer/web/version/1", Data(#"{"hello":"world"}"#.utf8), 400, "consumer.name"),
      (
        "PUT", "/pacts/provider/users/consumer/web/version/1",
        Data(
          #"{"consumer":{"name":"web"},"provider":{"name":"users"},"interactions":[],"metadata":{"pactSpecification":{"version":"9.0.0"}}}"#
            .utf8), 400, "specification versions 1 to 4"
      ),
      (
        "PUT", "/pacts/provider/users/consumer/other/version/1",
        Data(#"{"consumer":{"name":"web"},"provider":{"name":"users"},"interactions":[]}"#.utf8), 400, "must agree"
      ),
      (
        "PUT", "/pacts/provider/users/consumer/we%1Bb/version/1",
        Data(#"{"consumer":{"name":"we\u001bb"},"provider":{"name":"users"},"interactions":[]}"#.utf8), 400,
        "control characters"
      ),
      ("POST", "/environments", Data(#"{"name":"prod"}"#.utf8), 400, "$.production"),
      (
        "POST", "/pacts/provider/users/for-verification", Data(#"{"consumerVersionSelectors":[{"colour":1}]}"#.utf8),
        400,
        "consumerVersionSelectors[0].colour is not a consumer version selector field"
      ),
      ("POST", "/pacts/provider/nobody/for-verification", Data(#"{}"#.utf8), 404, "no pacticipant named"),
      ("GET", "/pacticipants/nobody", Data(), 404, "no pacticipant named"),
      ("GET", "/no/such/thing", Data(), 404, "start from the index"),
      ("GET", "/matrix", Data(), 400, "q[][pacticipant]"),
      ("GET", "/can-i-deploy?pacticipant=web&version=1&environment=nowhere", Data(), 400, "no pacticipant named"),
      ("PATCH", "/deployed-versions/123", Data(#"{"currentlyDeployed":true}"#.utf8), 400, "can only be ended"),
    ] as [(String, String, Data, Int, String)])
  func badInput(method: String, path: String, body: Data, status: Int, text: String) async throws {
    try await BrokerAPI.with { api in
      let answer = try await api.call(method, path, body: body.isEmpty ? nil : body)
      #expect(answer.status == status, "\(answer.text)")
      #expect(answer.json["errors"]?[0]?.stringValue?.contains(text) == true, "\(answer.text)")
    }
  }

  @Test("deeply nested JSON is a 400, not a crash")
  func deepNesting() async throws {
    try await BrokerAPI.with { api in
      let body = Data(String(repeating: "[", count: 200_000).utf8)
      let answer = try await api.call("POST", "/contracts/publish", body: body)
      #expect(answer.status == 400)
      #expect(try await api.call("GET", "/diagnostic/status/heartbeat").status == 200)
    }
  }

  @Test("a body over the limit is a 413 that names the limit")
  func tooLarge() async throws {
    try await BrokerAPI.with(options: .init(maximumBodySize: 4096)) { api in
      let big = Fixtures.pact("web", "users", (0..<200).map { "interaction number \($0)" })
      let answer = try await api.call("PUT", "/pacts/provider/users/consumer/web/version/1", json: big)
      #expect(answer.status == 413)
      #expect(answer.json["errors"]?[0]?.stringValue?.contains("4096 bytes") == true)
    }
  }

  @Test("links use the Host the client called, and never a hostile one")
  func hostileHost() async throws {
    #expect(BrokerServer.isPlainHost("broker.example.com:9292"))
    #expect(!BrokerServer.isPlainHost("evil.com/\"><script>"))
    #expect(!BrokerServer.isPlainHost("a b"))
  }
}
