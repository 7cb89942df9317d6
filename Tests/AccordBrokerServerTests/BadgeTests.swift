import AccordBroker
import AccordBrokerTestSupport
import AccordModel
import Foundation
import Testing

@testable import AccordBrokerServer

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// README badges: the pact's verification status and can-i-deploy, as SVG images that never break.
@Suite("Broker badges")
struct BadgeTests {
  /// The badge's texts, after checking the answer is a well-formed SVG image.
  static func texts(_ answer: BrokerAPI.Answer) throws -> [String] {
    #expect(answer.status == 200, "\(answer.text)")
    #expect(answer.contentType?.hasPrefix("image/svg+xml") == true)
    final class Texts: NSObject, XMLParserDelegate {
      var texts: [String] = []
      var current: String?
      func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
      ) { if name == "text" { current = "" } }
      func parser(_ parser: XMLParser, foundCharacters string: String) { current? += string }
      func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text", let current { texts.append(current) }
        current = nil
      }
    }
    let parser = XMLParser(data: Data(answer.text.utf8))
    let collector = Texts()
    parser.delegate = collector
    #expect(parser.parse(), "not well-formed: \(answer.text)")
    return collector.texts
  }

  @Test("the pact badge: unknown, verified, failed; by tag and branch; label and initials")
  func pactBadge() async throws {
    try await BrokerAPI.with { api in
      let badge = "/pacts/provider/user-service/consumer/web-app/latest/badge"
      #expect(try Self.texts(try await api.call("GET", badge)) == ["web-app/user-service pact", "unknown"])
      #expect(
        try await api.publish("web-app", "1", branch: "main", [Fixtures.pact("web-app", "user-service")]).status == 200)
      #expect(try Self.texts(try await api.call("GET", badge))[1] == "unknown")

      let pact = try await api.call("GET", "/pacts/provider/user-service/consumer/web-app/latest")
      let results = try #require(pact.json["_links"]?["pb:publish-verification-results"]?["href"]?.stringValue)
      let path = String(results.dropFirst(api.baseURL.count))
      #expect(
        try await api.call("POST", path, json: ["success": true, "providerApplicationVersion": "7"]).status == 201)
      #expect(try Self.texts(try await api.call("GET", badge)) == ["web-app/user-service pact", "verified"])
      #expect(try Self.texts(try await api.call("GET", badge + "?initials=true"))[0] == "wa/us pact")
      #expect(try Self.texts(try await api.call("GET", badge + "?label=contract"))[0] == "contract")
      #expect(
        try Self.texts(
          try await api.call("GET", "/pacts/provider/user-service/consumer/web-app/branch/main/latest/badge"))[1]
          == "verified")
      #expect(
        try Self.texts(try await api.call("GET", "/pacts/provider/user-service/consumer/web-app/latest/prod/badge"))[1]
          == "unknown")

      #expect(
        try await api.call("POST", path, json: ["success": false, "providerApplicationVersion": "8"]).status == 201)
      let failed = try await api.call("GET", badge)
      #expect(try Self.texts(failed)[1] == "failed")
      #expect(failed.text.contains("#e05d44"))
    }
  }

  @Test("the can-i-deploy badges: by tag and by branch to an environment")
  func deployBadge() async throws {
    try await BrokerAPI.with { api in
      let byBranch = "/pacticipants/web/branches/main/latest-version/can-i-deploy/to-environment/production/badge"
      #expect(try Self.texts(try await api.call("GET", byBranch)) == ["can-i-deploy", "unknown"])
      #expect(try await api.publish("web", "1", branch: "main", [Fixtures.pact("web", "users")]).status == 200)
      // No such environment: still an image, saying unknown.
      #expect(try Self.texts(try await api.call("GET", byBranch))[1] == "unknown")
      let environment = try await api.call("POST", "/environments", json: ["name": "production", "production": true])
      let uuid = try #require(environment.json["uuid"]?.stringValue)
      // users is not deployed: unknown; deployed and verified: yes.
      #expect(try Self.texts(try await api.call("GET", byBranch))[1] == "unknown")
      let pact = try await api.call("GET", "/pacts/provider/users/consumer/web/latest")
      let results = try #require(pact.json["_links"]?["pb:publish-verification-results"]?["href"]?.stringValue)
      #expect(
        try await api.call(
          "POST", String(results.dropFirst(api.baseURL.count)),
          json: ["success": true, "providerApplicationVersion": "2"]
        ).status == 201)
      #expect(
        try await api.call(
          "POST", "/pacticipants/users/versions/2/deployed-versions/environment/\(uuid)", json: [:]
        ).status == 201)
      #expect(try Self.texts(try await api.call("GET", byBranch + "?label=web%20to%20prod")) == ["web to prod", "yes"])

      #expect(try await api.call("PUT", "/pacticipants/web/versions/1/tags/dev", json: [:]).status == 201)
      #expect(try await api.call("PUT", "/pacticipants/users/versions/2/tags/prod", json: [:]).status == 201)
      let byTag = "/pacticipants/web/latest-version/dev/can-i-deploy/to/prod/badge"
      #expect(try Self.texts(try await api.call("GET", byTag))[1] == "yes")
      #expect(
        try Self.texts(try await api.call("GET", "/pacticipants/web/latest-version/dev/can-i-deploy/to/nowhere/badge"))[
          1] == "unknown")
    }
  }

  @Test("hostile names and labels are escaped and cut, never markup")
  func hostile() async throws {
    try await BrokerAPI.with { api in
      let answer = try await api.call(
        "GET",
        "/pacts/provider/a%3Cscript%3E/consumer/b%22%26/latest/badge?label=%3Cimg%20src%3Dx%3E"
          + String(repeating: "x", count: 500))
      let texts = try Self.texts(answer)
      #expect(texts[0].hasPrefix("<img src=x>") && texts[0].count == Badge.maximumCharacters)
      #expect(!answer.text.contains("<img") && !answer.text.contains("<script"))
      #expect(try await api.call("GET", "/pacts/provider/a%1B%5B31m/consumer/b/latest/badge").status == 400)
    }
  }

  @Test("with --public-badges a badge needs no credential; nothing else is opened")
  func publicBadges() async throws {
    let closed = try AccessPolicy.load(environment: ["ACCORD_BROKER_WRITE_TOKENS": "secret"])
    // Every `try` below is inside #expect, so the closures say they throw.
    try await BrokerAPI.with(options: .init(access: closed)) { (api) async throws in
      #expect(try await api.call("GET", "/pacts/provider/p/consumer/c/latest/badge").status == 401)
    }
    var open = closed
    open.publicBadges = true
    try await BrokerAPI.with(options: .init(access: open)) { (api) async throws in
      #expect(try await api.call("GET", "/pacts/provider/p/consumer/c/latest/badge").status == 200)
      #expect(
        try await api.call("GET", "/pacticipants/p/branches/main/latest-version/can-i-deploy/to-environment/e/badge")
          .status == 200)
      #expect(try await api.call("GET", "/pacticipants/badge").status == 401)
      #expect(try await api.call("GET", "/pacts/provider/p/consumer/c/latest/prod").status == 401)
      #expect(try await api.call("GET", "/pacts/provider/p/consumer/c/version/badge").status == 401)
    }
    let loaded = try AccessPolicy.load(
      environment: ["ACCORD_BROKER_WRITE_TOKENS": "secret", "PACT_BROKER_ENABLE_PUBLIC_BADGE_ACCESS": "true"])
    #expect(loaded.publicBadges)
    #expect(throws: AccessPolicyError.self) {
      try AccessPolicy.load(environment: ["ACCORD_BROKER_PUBLIC_BADGES": "maybe"])
    }
  }

  @Test("a browser opening a badge gets the image, not a redirect to a page")
  func browser() async throws {
    try await BrokerAPI.with { api in
      let answer = try await api.call(
        "GET", "/pacts/provider/p/consumer/c/latest/badge", headers: ["Accept": "text/html,application/xhtml+xml"])
      #expect(answer.status == 200)
      #expect(answer.contentType?.hasPrefix("image/svg+xml") == true)
    }
  }
}
