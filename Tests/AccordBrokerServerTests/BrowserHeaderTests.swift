import AccordBrokerServer
import AccordBrokerTestSupport
import AccordModel
import Foundation
import Testing

/// What browsers need from the broker: a Content-Security-Policy with no script and no framing on every page,
/// nosniff everywhere, a script-free policy on SVG images; HEAD answering as GET on every readable route; and the
/// footer of an open broker saying so.
@Suite("headers that browsers need")
struct BrowserHeaderTests {
  @Test("pages carry CSP, nosniff and Referrer-Policy; badges nosniff and a CSP that forbids script")
  func headers() async throws {
    try await BrokerAPI.with { api in
      #expect(try await api.publish("web", "1.0.0", branch: "main", [Fixtures.pact("web", "users")]).status == 200)
      for path in ["/", "/ui/matrix", "/ui/graph", "/ui/pacticipants/web", "/ui/contracts/users/web", "/ui/webhooks"] {
        let page = try await api.call("GET", path, headers: ["Accept": "text/html"])
        #expect(page.status == 200, "\(path)")
        let policy = page.headers["Content-Security-Policy"]?.first ?? ""
        #expect(
          policy.contains("default-src 'self'") && policy.contains("frame-ancestors 'none'"), "\(path): \(policy)")
        #expect(!policy.contains("unsafe-inline") && !policy.contains("script-src"), "\(path): \(policy)")
        #expect(page.headers["X-Content-Type-Options"]?.first == "nosniff", "\(path)")
        #expect(page.headers["Referrer-Policy"]?.first == "same-origin", "\(path)")
        // No inline script: only the broker's own files (the graph's zoom).
        let scripts = page.text.components(separatedBy: "<script").dropFirst()
        #expect(scripts.allSatisfy { $0.hasPrefix(" src=\"/ui/") }, "\(path) has an inline script")
      }
      let badge = try await api.call("GET", "/pacts/provider/users/consumer/web/latest/badge")
      #expect(badge.contentType?.hasPrefix("image/svg+xml") == true)
      #expect(badge.headers["X-Content-Type-Options"]?.first == "nosniff")
      let policy = badge.headers["Content-Security-Policy"]?.first ?? ""
      #expect(policy.contains("default-src 'none'") && !policy.contains("script"), "\(policy)")
      let json = try await api.call("GET", "/pacticipants")
      #expect(json.headers["X-Content-Type-Options"]?.first == "nosniff")
    }
  }

  @Test("HEAD answers as GET without a body on every readable route, on a public-read broker too")
  func head() async throws {
    var access = try AccessPolicy.load(environment: ["ACCORD_BROKER_WRITE_TOKENS": "ci-secret"])
    access.publicRead = true
    try await BrokerAPI.with(options: .init(access: access)) { api in
      let published = try await api.call(
        "PUT", "/pacts/provider/users/consumer/web/version/1.0.0", json: Fixtures.pact("web", "users"),
        headers: ["Authorization": "Bearer ci-secret"])
      #expect((200..<300).contains(published.status))
      let paths = [
        "/", "/pacticipants", "/pacticipants/web", "/pacticipants/web/versions", "/environments", "/webhooks",
        "/pacts/latest", "/pacts/provider/users/consumer/web/latest", "/pacts/provider/users/consumer/web/latest/badge",
        "/matrix?q[][pacticipant]=web&q[][version]=1.0.0", "/ui/matrix", "/ui/style.css", "/metrics",
        "/diagnostic/status/heartbeat", "/pacticipants/nobody",
      ]
      for path in paths {
        let get = try await api.call("GET", path)
        let head = try await api.call("HEAD", path)
        #expect(head.status == get.status, "HEAD \(path): \(head.status), GET: \(get.status)")
        #expect(head.text.isEmpty, "HEAD \(path) has a body")
        #expect(head.contentType == get.contentType, "HEAD \(path)")
      }
    }
  }

  @Test("an open broker's pages say so in the footer; a broker with credentials does not")
  func openFooter() async throws {
    try await BrokerAPI.with { api in
      let page = try await api.call("GET", "/", headers: ["Accept": "text/html"])
      #expect(page.text.contains("open: anyone can publish"))
    }
    var access = try AccessPolicy.load(environment: ["ACCORD_BROKER_WRITE_TOKENS": "ci-secret"])
    access.publicRead = true
    try await BrokerAPI.with(options: .init(access: access)) { api in
      let page = try await api.call("GET", "/", headers: ["Accept": "text/html"])
      #expect(page.status == 200)
      #expect(!page.text.contains("open: anyone can publish"))
    }
  }
}
