import AccordBroker
import AccordBrokerTestSupport
import AccordModel
import Foundation
import Testing

@testable import AccordBrokerServer

/// Deleting a pacticipant, a version or a pact over HTTP, as the Pact Broker allows.
@Suite("Broker deletes over HTTP")
struct DeleteAPITests {
  @Test("a pact, then a version, then a pacticipant; each a 204, then a 404 that says where to look")
  func deletes() async throws {
    try await BrokerAPI.with { api in
      #expect(try await api.publish("web", "1", branch: "main", [Fixtures.pact("web", "users")]).status == 200)
      #expect(
        try await api.publish("web", "2", branch: "main", [Fixtures.pact("web", "users", ["other"])]).status == 200)
      let webhook = try await api.call(
        "POST", "/webhooks/provider/users/consumer/web",
        json: [
          "events": [["name": "contract_published"]],
          "request": ["method": "POST", "url": "https://ci.example.com:9/x"],
        ])
      #expect(webhook.status == 201, "\(webhook.text)")

      #expect(try await api.call("DELETE", "/pacts/provider/users/consumer/web/version/2").status == 204)
      let again = try await api.call("DELETE", "/pacts/provider/users/consumer/web/version/2")
      #expect(again.status == 404)
      #expect(again.json["error"]?["message"]?.stringValue?.contains("no pact between") == true)
      #expect(
        try await api.call("GET", "/pacts/provider/users/consumer/web/latest").json["_links"]?["pb:consumer-version"]?[
          "name"] == "1")

      #expect(try await api.call("DELETE", "/pacticipants/web/versions/2").status == 204)
      #expect(try await api.call("GET", "/pacticipants/web/versions/2").status == 404)
      #expect(try await api.call("DELETE", "/pacticipants/web/versions/2").status == 404)

      #expect(try await api.call("DELETE", "/pacticipants/users").status == 204)
      #expect(try await api.call("GET", "/pacticipants/users").status == 404)
      #expect(try await api.call("GET", "/pacts/provider/users/consumer/web/latest").status == 404)
      #expect(try await api.call("GET", "/webhooks").json["_links"]?["pb:webhooks"]?.arrayValue?.isEmpty ?? true)
      #expect(try await api.call("GET", "/pacticipants/web").status == 200)
      let gone = try await api.call("DELETE", "/pacticipants/users")
      #expect(gone.status == 404)
      #expect(gone.json["error"]?["message"]?.stringValue?.contains("/pacticipants") == true)
    }
  }

  @Test("deleting needs a read-write credential")
  func access() async throws {
    let policy = try AccessPolicy.load(environment: [
      "ACCORD_BROKER_WRITE_TOKENS": "ci", "ACCORD_BROKER_READ_TOKENS": "dev",
    ])
    try await BrokerAPI.with(options: .init(access: policy)) { (api) async throws in
      #expect(try await api.call("DELETE", "/pacticipants/web", headers: ["Authorization": "Bearer dev"]).status == 403)
      #expect(try await api.call("DELETE", "/pacticipants/web", headers: ["Authorization": "Bearer ci"]).status == 404)
    }
  }
}
