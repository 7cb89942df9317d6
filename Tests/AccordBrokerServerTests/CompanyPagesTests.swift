import AccordBroker
import AccordBrokerSQLite
import AccordDemo
import AccordModel
import Foundation
import Testing

@testable import AccordBrokerServer

/// The pages as a release manager at a 60-service company reads them: what is broken first, a filter, a service's
/// neighbours and deployability, a contract's history and what changed, and errors as pages.
@Suite("the broker's pages at a company's scale")
struct CompanyPagesTests {
  static let html = WebPageTests.html

  /// One network seeded once for every test here (they only read): seeding writes on the calling thread, and four
  /// seedings at once kept the suites running beside them from their threads for seconds.
  static let network = CompanyNetwork(services: 60)
  static let seeded = Task<SQLiteBrokerStore, any Error> {
    let store = try SQLiteBrokerStore.inMemory()
    try await network.seed(store)
    return store
  }

  static func withNetwork(_ body: (BrokerAPI, CompanyNetwork) async throws -> Void) async throws {
    let store = try await seeded.value
    try await BrokerAPI.with(store: store) { api in try await body(api, network) }
  }

  /// A browser's visit: the redirect to the page followed.
  static func follow(_ api: BrokerAPI, _ path: String) async throws -> BrokerAPI.Answer {
    let first = try await api.call("GET", path, headers: html)
    guard first.status == 303, let location = first.headers["Location"]?.first else { return first }
    return try await api.call("GET", location, headers: html)
  }

  /// The rows of the integrations table: each row's status class, consumer and provider.
  static func rows(_ page: String) -> [(state: String, consumer: String, provider: String)] {
    page.components(separatedBy: "<tr class=\"").dropFirst().compactMap { row in
      let state = String(row.prefix { $0 != "\"" })
      let links = row.components(separatedBy: "\">").dropFirst().map { $0.prefix { $0 != "<" } }
      // The first cell may hold a link to the verification; consumer and provider are the two pacticipant links.
      let names = row.components(separatedBy: "href=\"/ui/pacticipants/").dropFirst().map {
        String($0.prefix { $0 != "\"" })
      }
      guard names.count >= 2, !links.isEmpty else { return nil }
      return (state, names[0], names[1])
    }
  }

  @Test("the index: failures first, then failures on a branch, unverified, verified; a name filter narrows it")
  func index() async throws {
    try await Self.withNetwork { api, network in
      let page = try await api.call("GET", "/", headers: Self.html)
      #expect(page.status == 200)
      let rows = Self.rows(page.text)
      #expect(rows.count == network.contracts.count)
      let order = rows.map(\.state)
      #expect(
        order == order.sorted { IntegrationOverview.State(rawValue: $0)! < IntegrationOverview.State(rawValue: $1)! })
      let failed = network.contracts.filter { $0.outcome == .failed }
      #expect(!failed.isEmpty)
      #expect(
        Set(rows.prefix(failed.count).map { "\($0.consumer)>\($0.provider)" })
          == Set(failed.map { "\($0.consumer)>\($0.provider)" }))
      let onBranch = network.contracts.filter { $0.outcome == .failedOnBranch }
      #expect(rows.filter { $0.state == "failed-on-branch" }.count == onBranch.count)
      #expect(page.text.contains("min ago") || page.text.contains("just now"))
      #expect(page.text.contains(" UTC\""))

      let filtered = try await api.call("GET", "/?q=orders", headers: Self.html)
      let narrowed = Self.rows(filtered.text)
      #expect(!narrowed.isEmpty && narrowed.count < rows.count)
      #expect(narrowed.allSatisfy { $0.consumer.contains("orders") || $0.provider.contains("orders") })
      let failures = Self.rows(try await api.call("GET", "/?status=failed", headers: Self.html).text)
      #expect(failures.count == failed.count)
      let production = Self.rows(try await api.call("GET", "/?environment=production", headers: Self.html).text)
      let deployed = Set(network.deployed)
      #expect(production.allSatisfy { deployed.contains($0.consumer) || deployed.contains($0.provider) })
      let wrong = try await api.call("GET", "/?status=purple&environment=moon", headers: Self.html)
      #expect(wrong.status == 200)
      #expect(wrong.text.contains("status &quot;purple&quot; is not one of"))
      #expect(wrong.text.contains("no environment named &quot;moon&quot;"))
    }
  }

  @Test("a version URL shows that version, with the history and a diff that says what can break")
  func versionsAndDiff() async throws {
    try await Self.withNetwork { api, network in
      let contract = network.contracts.first { !$0.messages }!
      let base = "/ui/contracts/\(contract.provider)/\(contract.consumer)"
      let old = try await api.call("GET", base + "/version/1.0.0", headers: Self.html)
      #expect(old.status == 200)
      #expect(old.text.contains("version <b>1.0.0</b>"))
      #expect(old.text.contains("An older version: the latest is"))
      #expect(!old.text.contains("a request for a"))  // 1.0.0 had one interaction
      // The API's version URL, opened in a browser, lands on that version's page.
      let opened = try await Self.follow(
        api, "/pacts/provider/\(contract.provider)/consumer/\(contract.consumer)/version/1.0.0")
      #expect(opened.status == 200 && opened.text.contains("version <b>1.0.0</b>"))
      let latest = try await api.call("GET", base, headers: Self.html)
      #expect(latest.text.contains("version <b>1.2.0</b>"))
      #expect(latest.text.contains("History (3 versions)"))

      let diff = try await api.call("GET", base + "/diff?from=1.0.0&to=1.1.0", headers: Self.html)
      #expect(diff.status == 200)
      #expect(diff.text.contains("added: a request for a"))
      #expect(diff.text.contains("+ $.response.body.content.updatedAt"))
      #expect(diff.text.contains("can break the provider"))
      let missing = try await api.call("GET", base + "/diff?from=9.9.9", headers: Self.html)
      #expect(missing.status == 404)
      #expect(missing.text.contains("pick one from the history"))
    }
  }

  @Test("a service's page: neighbours, deployability per environment, versions; its field usage")
  func servicePage() async throws {
    try await Self.withNetwork { api, network in
      let provider = network.contracts.first { !$0.messages && $0.outcome == .verified }!.provider
      let page = try await api.call("GET", "/ui/pacticipants/\(provider)", headers: Self.html)
      #expect(page.status == 200)
      #expect(page.text.contains("class=\"node focus\""))
      #expect(page.text.contains("id=\"deployability\""))
      #expect(page.text.contains("<b>production:"))
      let two = try await api.call("GET", "/ui/pacticipants/\(provider)?hops=2", headers: Self.html)
      #expect(
        two.text.components(separatedBy: "class=\"node").count
          >= page.text.components(separatedBy: "class=\"node").count)
      let fields = try await api.call("GET", "/ui/pacticipants/\(provider)/fields", headers: Self.html)
      #expect(fields.status == 200)
      #expect(fields.text.contains("$.name"))
      let consumer = network.contracts.first { $0.provider == provider && !$0.messages }!.consumer
      #expect(fields.text.contains(">\(consumer)</a>"))
      #expect(page.text.contains("/ui/pacticipants/\(provider)/fields"))
    }
  }

  @Test("errors and API URLs opened in a browser are pages with the navigation")
  func errorPages() async throws {
    try await BrokerAPI.with { api in
      for path in ["/ui/pacticipants/nobody", "/no/such/page", "/ui/contracts/a/b", "/ui/verifications/x/1"] {
        let page = try await api.call("GET", path, headers: Self.html)
        #expect(page.status == 404, "\(path)")
        #expect(page.contentType?.hasPrefix("text/html") == true, "\(path)")
        #expect(page.text.contains("<nav>") && page.text.contains("404 Not Found"), "\(path)")
      }
      // A client that asks for JSON still gets JSON.
      let json = try await api.call("GET", "/ui/pacticipants/nobody")
      #expect(json.status == 404 && json.json["error"] != nil)
      let list = try await Self.follow(api, "/pacticipants")
      #expect(list.status == 200 && list.text.contains("id=\"pacticipants\""))
    }
  }
}
