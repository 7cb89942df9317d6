import AccordBroker
import AccordBrokerSQLite
import AccordBrokerServer
import AccordBrokerTestSupport
import AccordModel
import AccordTesting
import Foundation
import Testing

/// A webhook's secrets are never shown: header values whose names speak of credentials, a URL's user and
/// password, key and signature query values; not in the API, not on the page, not in the delivery log. What
/// webhook targets answered is shown to read-write credentials only. A webhook saved back as shown keeps them.
@Suite("webhook secrets are never shown")
struct WebhookSecretTests {
  static let secrets = [
    "hunter2", "tok-123", "sig-456", "proxy-pass-789", "xauth-321", "cookie-654", "sess-987", "key-111", "at-222",
  ]

  static func hook(_ receiverURL: String) -> JSONValue {
    let url = receiverURL.replacingOccurrences(of: "http://", with: "http://deploy:hunter2@")
    return [
      "description": "tell CI", "events": [["name": "contract_published"]],
      "request": [
        "method": "POST", "url": .string(url + "/hook?token=tok-123&sig=sig-456&access_token=at-222&x=1"),
        "headers": [
          "Proxy-Authorization": "Basic proxy-pass-789", "X-Authorization": "xauth-321", "Cookie": "s=cookie-654",
          "X-Session-Id": "sess-987", "X-Api-Key": "key-111", "X-Plain": "visible",
        ],
      ],
    ]
  }

  func leaked(_ text: String) -> [String] { Self.secrets.filter { text.contains($0) } }

  @Test("hidden in every answer and page a public-read broker gives without a credential; kept when saved back")
  func hidden() async throws {
    var access = try AccessPolicy.load(environment: ["ACCORD_BROKER_WRITE_TOKENS": "ci-secret"])
    access.publicRead = true
    let server = BrokerServer(
      store: try SQLiteBrokerStore.inMemory(),
      options: .init(
        access: access, webhookPolicy: WebhookPolicy(schemes: ["http", "https"], network: .anyAddress),
        webhookSchedule: WebhookRetrySchedule(delays: [])))
    let receiver = WebhookReceiver()
    try await receiver.with { receiverURL in
      try await withProvider(server.router()) { baseURL in
        let api = BrokerAPI(baseURL: baseURL)
        let writer = ["Authorization": "Bearer ci-secret"]
        let created = try await api.call("POST", "/webhooks", json: Self.hook(receiverURL), headers: writer)
        #expect(created.status == 201, "\(created.text)")
        #expect(leaked(created.text) == [], "the answer to the creation")
        let uuid = try #require(created.json["uuid"]?.stringValue)
        #expect(created.json["request"]?["headers"]?["X-Plain"] == "visible")
        #expect(created.json["request"]?["url"]?.stringValue?.contains("x=1") == true)

        // A delivery, so the log has an attempt.
        let publish = try await api.call(
          "PUT", "/pacts/provider/users/consumer/web/version/1.0.0", json: Fixtures.pact("web", "users"),
          headers: writer)
        #expect((200..<300).contains(publish.status))
        #expect(await server.webhookDispatcher!.deliverDue() == 1)

        let html = ["Accept": "text/html"]
        for (path, headers) in [
          ("/webhooks/\(uuid)", [:]), ("/webhooks", [:]), ("/webhooks/\(uuid)/deliveries", [:]),
          ("/ui/webhooks", html), ("/ui/webhooks/\(uuid)", html), ("/webhooks/\(uuid)", writer),
          ("/webhooks/\(uuid)/deliveries", writer),
        ] {
          let answer = try await api.call("GET", path, headers: headers)
          #expect(answer.status == 200, "\(path): \(answer.status)")
          #expect(leaked(answer.text) == [], "GET \(path) \(headers.keys.sorted()) shows a secret")
        }
        // The target's answer: to read-write credentials only.
        let anonymousLog = try await api.call("GET", "/webhooks/\(uuid)/deliveries")
        #expect(!anonymousLog.text.contains("answered"), "\(anonymousLog.text)")
        #expect(try await api.call("GET", "/ui/webhooks/\(uuid)", headers: html).text.contains("answered") == false)
        #expect(try await api.call("GET", "/webhooks/\(uuid)/deliveries", headers: writer).text.contains("answered"))

        let executed = try await api.call("POST", "/webhooks/\(uuid)/execute", headers: writer)
        #expect(executed.json["success"] == true, "\(executed.text)")
        #expect(leaked(executed.text) == [], "the test call's answer")

        // Saved back as shown: the secrets still go out.
        let shown = try await api.call("GET", "/webhooks/\(uuid)", headers: writer)
        var edited = shown.json.objectValue ?? [:]
        edited["description"] = "tell CI, renamed"
        let saved = try await api.call("PUT", "/webhooks/\(uuid)", json: .object(edited), headers: writer)
        #expect(saved.status == 200, "\(saved.text)")
        _ = try await api.call("POST", "/webhooks/\(uuid)/execute", headers: writer)
        let last = try #require(receiver.received.last)
        #expect(last.path.contains("token=tok-123") && last.path.contains("sig=sig-456"), "\(last.path)")
        #expect(last.headers["Proxy-Authorization"] == "Basic proxy-pass-789")
        #expect(last.headers["X-Api-Key"] == "key-111")
        #expect(last.headers["Cookie"] == "s=cookie-654")
      }
    }
  }
}
