import AccordBrokerServer
import AccordBrokerTestSupport
import AccordModel
import Foundation
import Testing

/// A page on another site cannot make a logged-in browser write to the broker: write bodies must be JSON (415
/// otherwise, as the Pact Broker answers), and a write from another origin is a 403, bodiless ones too.
@Suite("no cross-site writes")
struct CrossSiteWriteTests {
  static func policy() throws -> AccessPolicy {
    try AccessPolicy.load(environment: [
      "PACT_BROKER_BASIC_AUTH_USERNAME": "admin", "PACT_BROKER_BASIC_AUTH_PASSWORD": "pw",
    ])
  }

  static let user = AccessControlTests.basic("admin", "pw")
  static let environment = Data(#"{"name": "production", "production": true}"#.utf8)

  @Test("a write body that is not JSON is a 415 naming the content type, with the user's credential")
  func contentTypes() async throws {
    try await BrokerAPI.with(options: .init(access: try Self.policy())) { api in
      let forms = [
        ("text/plain", Self.environment), ("application/x-www-form-urlencoded", Data("name=production".utf8)),
        (
          "multipart/form-data; boundary=x",
          Data("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--".utf8)
        ),
        ("", Self.environment), ("text/html", Self.environment),
      ]
      for path in ["/environments", "/webhooks", "/pacticipants", "/contracts/publish"] {
        for (type, body) in forms {
          let answer = try await api.call(
            "POST", path, body: body, contentType: type, headers: ["Authorization": Self.user])
          #expect(answer.status == 415, "POST \(path) with \(type.isEmpty ? "no type" : type): \(answer.status)")
          #expect(answer.json["error"]?["message"]?.stringValue?.contains("Content-Type: application/json") == true)
        }
      }
      for (index, type) in ["application/json", "application/hal+json; charset=utf-8", "Application/JSON"].enumerated()
      {
        let created = try await api.call(
          "POST", "/environments", body: Data(#"{"name": "e\#(index)", "production": false}"#.utf8), contentType: type,
          headers: ["Authorization": Self.user])
        #expect(created.status == 201, "\(type): \(created.text)")
      }
    }
  }

  @Test("a write from another origin is a 403 on every write route, bodiless ones too; the broker's own origin writes")
  func origins() async throws {
    try await BrokerAPI.with(options: .init(access: try Self.policy())) { api in
      let evil = ["Authorization": Self.user, "Origin": "http://evil.example"]
      let pact = try #require(Fixtures.pact("web", "users").data())
      #expect(try await api.publish("web", "1.0.0", branch: "main", [Fixtures.pact("web", "users")]).status == 401)
      let publish = try await api.call(
        "PUT", "/pacts/provider/users/consumer/web/version/1.0.0", body: pact, headers: ["Authorization": Self.user])
      #expect((200..<300).contains(publish.status), "\(publish.text)")
      let webhook = try await api.call(
        "POST", "/webhooks",
        json: [
          "events": [["name": "contract_published"]], "request": ["method": "POST", "url": "https://ci.example.com/b"],
        ],
        headers: ["Authorization": Self.user])
      #expect(webhook.status == 201, "\(webhook.text)")
      let uuid = try #require(webhook.json["uuid"]?.stringValue)

      let writes: [(String, String, Data?)] = [
        ("POST", "/environments", Self.environment), ("POST", "/pacticipants", Data(#"{"name": "x"}"#.utf8)),
        ("POST", "/contracts/publish", Data("{}".utf8)), ("POST", "/webhooks", Data("{}".utf8)),
        ("PUT", "/pacts/provider/users/consumer/web/version/2.0.0", pact),
        ("POST", "/webhooks/\(uuid)/execute", nil), ("DELETE", "/webhooks/\(uuid)", nil),
        ("DELETE", "/pacticipants/web", nil), ("PATCH", "/pacticipants/web", Data("{}".utf8)),
      ]
      for (method, path, body) in writes {
        for headers in [
          evil, ["Authorization": Self.user, "Origin": "null"],
          ["Authorization": Self.user, "Sec-Fetch-Site": "cross-site"],
        ] {
          let answer = try await api.call(method, path, body: body, headers: headers)
          #expect(
            answer.status == 403, "\(method) \(path) with \(headers.keys.sorted()): \(answer.status) \(answer.text)")
        }
      }
      #expect(try await api.call("GET", "/webhooks/\(uuid)", headers: evil).status == 200, "reads stay open")

      // The broker's own pages may write: the Origin is the broker's.
      let own = try #require(URL(string: api.baseURL))
      let origin = "http://\(own.host!):\(own.port!)"
      let created = try await api.call(
        "POST", "/environments", body: Self.environment,
        headers: ["Authorization": Self.user, "Origin": origin, "Sec-Fetch-Site": "same-origin"])
      #expect(created.status == 201, "\(created.text)")
      #expect(try await api.call("DELETE", "/webhooks/\(uuid)", headers: ["Authorization": Self.user]).status == 204)
    }
  }
}
