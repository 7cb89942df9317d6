import AccordModel
import Foundation
import Hummingbird
import Testing

@testable import AccordBrokerServer

/// The broker's web page: HTML for browsers at the same index URL, readable contracts, the matrix, environments,
/// can-i-deploy and the dependency graph; hostile names escaped everywhere.
@Suite("web page")
struct WebPageTests {
  static let html = ["Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"]

  static func contract(_ consumer: String, _ provider: String) -> JSONValue {
    [
      "consumer": ["name": .string(consumer)], "provider": ["name": .string(provider)],
      "interactions": [
        [
          "type": "Synchronous/HTTP", "description": "a request for user 42",
          "providerStates": [["name": "a user exists", "params": ["id": 42]]],
          "request": ["method": "GET", "path": "/users/42", "headers": ["Accept": ["application/json"]]],
          "response": [
            "status": 200, "headers": ["Content-Type": ["application/json"]],
            "body": ["contentType": "application/json", "encoded": false, "content": ["id": 42, "name": "Alice"]],
            "matchingRules": [
              "body": [
                "$.id": ["combine": "AND", "matchers": [["match": "integer"]]],
                "$.name": ["combine": "AND", "matchers": [["match": "type"]]],
              ]
            ],
          ],
        ],
        [
          "type": "Asynchronous/Messages", "description": "an OrderPlaced event",
          "contents": ["contentType": "application/json", "encoded": false, "content": ["orderId": 7]],
          "metadata": ["topic": "orders"],
        ],
      ],
      "metadata": ["pactSpecification": ["version": "4.0"]],
    ]
  }

  @Test("browsers get HTML at /, Pact clients HAL; every page renders what it shows")
  func pages() async throws {
    try await BrokerAPI.with { api in
      #expect(
        (200..<300).contains(
          try await api.publish("web", "1.0.0", branch: "main", [Self.contract("web", "users")]).status))
      #expect(try await api.call("GET", "/").contentType?.contains("json") == true)
      #expect(try await api.call("GET", "/", headers: ["Accept": "application/hal+json"]).json["_links"] != nil)

      let index = try await api.call("GET", "/", headers: Self.html)
      #expect(index.contentType?.hasPrefix("text/html") == true)
      #expect(index.text.contains(#"<a href="/ui/pacticipants/web">web</a>"#))

      let contract = try await api.call("GET", "/ui/contracts/users/web", headers: Self.html)
      #expect(contract.status == 200)
      for text in [
        "a request for user 42", "given <b>a user exists", "<b>GET</b> /users/42", "an integer", "by type",
        "an OrderPlaced event", "topic: orders", "&quot;orderId&quot;: 7",
        "<img src=\"/pacts/provider/users/consumer/web/latest/badge\"",
        "![pact status](\(api.baseURL)/pacts/provider/users/consumer/web/latest/badge)",
      ] {
        #expect(contract.text.contains(text), "\(text)")
      }
      #expect(!contract.text.contains("nil"))

      let matrix = try await api.call("GET", "/ui/matrix", headers: Self.html)
      #expect(matrix.text.contains("not verified"))
      let graph = try await api.call("GET", "/ui/graph", headers: Self.html)
      #expect(
        graph.text.contains("<svg") && graph.text.contains(">web</text>") && graph.text.contains("edge unverified"))
      let environments = try await api.call("GET", "/ui/environments", headers: Self.html)
      #expect(environments.text.contains("No environments"))
      let answer = try await api.call(
        "GET", "/ui/can-i-deploy?pacticipant=web&version=1.0.0&environment=nowhere", headers: Self.html)
      #expect(answer.status == 200 && answer.text.contains("class=\"answer"))
      #expect(try await api.call("GET", "/ui/style.css").contentType?.hasPrefix("text/css") == true)
      #expect(try await api.call("GET", "/ui/contracts/nobody/web", headers: Self.html).status == 404)
    }
  }

  @Test("a browser opening an API URL is sent to its page; Pact clients still get HAL")
  func browserRedirects() async throws {
    try await BrokerAPI.with { api in
      _ = try await api.publish("web", "1.0.0", [Self.contract("web", "user service")])
      let html = ["Accept": "text/html,application/xhtml+xml,*/*;q=0.8"]
      for (path, page) in [
        ("/pacticipants/web", "/ui/pacticipants/web"),
        ("/pacts/provider/user%20service/consumer/web/latest", "/ui/contracts/user%20service/web"),
        ("/pacts/provider/user%20service/consumer/web/version/1.0.0", "/ui/contracts/user%20service/web/version/1.0.0"),
        ("/pacticipants", "/ui/pacticipants"),
        ("/pacticipants/user%20service/field-usage", "/ui/pacticipants/user%20service/fields"),
        ("/pacticipants/web/versions/1.0.0", "/ui/pacticipants/web"),
        ("/pacts/provider/u/consumer/w/pact-version/abc/verification-results/3", "/ui/verifications/abc/3"),
        ("/matrix?q[][pacticipant]=web", "/ui/matrix?q[][pacticipant]=web"),
        (
          "/can-i-deploy?pacticipant=web&version=1&environment=production",
          "/ui/can-i-deploy?pacticipant=web&version=1&environment=production"
        ),
        ("/webhooks", "/ui/webhooks"),
      ] {
        #expect(
          BrowserRedirectMiddleware<BasicRequestContext>.page(for: String(path.split(separator: "?")[0]))
            == page.split(separator: "?").first.map(String.init))
      }
      let browser = try await api.call("GET", "/pacticipants/web", headers: html)
      // AccordHTTPClient follows the redirect: the browser ends on the page.
      #expect(browser.status == 200)
      #expect(browser.contentType?.hasPrefix("text/html") == true)
      #expect(browser.text.contains("<h1>web</h1>") || browser.text.contains("web"))
      let client = try await api.call("GET", "/pacticipants/web", headers: ["Accept": "application/hal+json"])
      #expect(client.contentType?.hasPrefix("application/hal+json") == true)
      let plain = try await api.call("GET", "/pacts/provider/user%20service/consumer/web/latest")
      #expect(plain.contentType?.hasPrefix("application/hal+json") == true)
      #expect(BrowserRedirectMiddleware<BasicRequestContext>.page(for: "/pacticipants/web/versions") == nil)
      #expect(BrowserRedirectMiddleware<BasicRequestContext>.page(for: "/pacticipants/") == nil)
    }
  }

  @Test("a hostile name is escaped in the HTML and the SVG")
  func escaping() async throws {
    try await BrokerAPI.with { api in
      let name = "<script>alert(1)</script>"
      let published = try await api.publish(name, "1", [Self.contract(name, "users")])
      // The broker refuses names it cannot print safely, or stores them; either way no page carries the tag.
      for path in ["/", "/ui/graph", "/ui/matrix"] {
        let page = try await api.call("GET", path, headers: Self.html)
        #expect(!page.text.contains("<script>"), "\(path) after a publish answered \(published.status)")
      }
    }
  }
}
