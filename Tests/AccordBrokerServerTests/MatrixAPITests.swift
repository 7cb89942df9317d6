import AccordBroker
import AccordBrokerSQLite
import AccordBrokerTestSupport
import AccordModel
import Foundation
import Testing

/// `GET /matrix` and `GET /can-i-deploy` as the Pact Broker's clients call them: each query is one the Ruby client
/// sends (from its own contract with the Pact Broker), over a history set up as that contract's provider state.
@Suite("the matrix over HTTP, as the Pact clients ask it")
struct MatrixAPITests {
  /// `Foo` `consumer` versions publish a pact with `Bar`; each `(consumer version, provider version, success)`
  /// verifies it; `tags` are added to versions afterwards ("Bar 4.5.6" → ["prod"]).
  static func history(
    consumer: String = "Foo", _ verifications: [(String, String, Bool)], unverified: [String] = [],
    tags: [String: [String]] = [:]
  ) async throws -> any BrokerStore {
    let store = try SQLiteBrokerStore.inMemory()
    var pacts: [String: StoredPact] = [:]
    for number in Set(verifications.map(\.0) + unverified).sorted() {
      pacts[number] = try await Fixtures.publish(store, consumer, number, to: ["Bar"], descriptions: [number])
        .stored[0]
    }
    for (consumerVersion, providerVersion, success) in verifications {
      try await Fixtures.verify(store, pacts[consumerVersion]!, by: providerVersion, success: success)
    }
    for (key, names) in tags {
      let parts = key.split(separator: " ").map(String.init)
      _ = try await store.saveVersion(VersionChange(pacticipant: parts[0], number: parts[1], tags: names))
    }
    return store
  }

  /// GET `path`, its brackets percent-encoded as clients send them.
  func get(_ api: BrokerAPI, _ path: String) async throws -> BrokerAPI.Answer {
    try await api.call(
      "GET", path.replacingOccurrences(of: "[", with: "%5B").replacingOccurrences(of: "]", with: "%5D"))
  }

  static func rows(_ answer: BrokerAPI.Answer) -> [String] {
    (answer.json["matrix"]?.arrayValue ?? []).map { row in
      [
        row["consumer"]?["name"]?.stringValue ?? "", row["consumer"]?["version"]?["number"]?.stringValue ?? "",
        row["provider"]?["name"]?.stringValue ?? "", row["provider"]?["version"]?["number"]?.stringValue ?? "-",
        row["verificationResult"]?["success"]?.boolValue.map { $0 ? "✔" : "✘" } ?? "?",
        row["ignored"] == true ? "ignored" : "",
      ].filter { !$0.isEmpty }.joined(separator: " ")
    }
  }

  @Test("two versions named: their one row, verified")
  func twoVersions() async throws {
    let store = try await Self.history([("1.2.3", "4.5.6", true)])
    try await BrokerAPI.with(store: store) { api in
      let answer = try await get(
        api, "/matrix?q[][pacticipant]=Foo&q[][version]=1.2.3&q[][pacticipant]=Bar&q[][version]=4.5.6&latestby=cvpv")
      #expect(answer.status == 200)
      #expect(Self.rows(answer) == ["Foo 1.2.3 Bar 4.5.6 ✔"])
      #expect(answer.json["summary"]?["deployable"] == true)
      #expect(answer.json["summary"]?["success"] == 1)
    }
  }

  @Test("a name with a space, as the Ruby client escapes it")
  func spaceInName() async throws {
    let store = try await Self.history(consumer: "Foo Thing", [("1.2.3", "4.5.6", true)])
    try await BrokerAPI.with(store: store) { api in
      let answer = try await get(
        api,
        "/matrix?q[][pacticipant]=Foo%20Thing&q[][version]=1.2.3&q[][pacticipant]=Bar&q[][version]=4.5.6&latestby=cvpv"
      )
      #expect(Self.rows(answer) == ["Foo Thing 1.2.3 Bar 4.5.6 ✔"])
    }
  }

  @Test("one version with latestby=cvp: the row of the latest provider version that verified it")
  func oneVersionLatestProvider() async throws {
    let store = try await Self.history([("1.2.3", "4.5.6", true), ("1.2.3", "5.6.7", true)])
    try await BrokerAPI.with(store: store) { api in
      let answer = try await get(api, "/matrix?q[][pacticipant]=Foo&q[][version]=1.2.3&latestby=cvp")
      #expect(Self.rows(answer) == ["Foo 1.2.3 Bar 5.6.7 ✔"])
      let every = try await get(api, "/matrix?q[][pacticipant]=Foo&q[][version]=1.2.3")
      #expect(Self.rows(every) == ["Foo 1.2.3 Bar 5.6.7 ✔", "Foo 1.2.3 Bar 4.5.6 ✔"])
    }
  }

  @Test("a version that does not exist: 200, deployable null, a reason that names it")
  func missingVersion() async throws {
    let store = try await Self.history([("1.2.3", "4.5.6", true)])
    try await BrokerAPI.with(store: store) { api in
      let answer = try await get(
        api, "/matrix?q[][pacticipant]=Foo&q[][version]=1.2.3&q[][pacticipant]=Bar&q[][version]=9.9.9&latestby=cvpv")
      #expect(answer.status == 200)
      #expect(answer.json["summary"]?["deployable"] == .null)
      let reason = answer.json["summary"]?["reason"]?.stringValue ?? ""
      #expect(reason.contains("9.9.9") && reason.contains("Bar"), "\(reason)")
      #expect(answer.json["notices"]?[0]?["type"] == "error")
    }
  }

  @Test("pacticipants that do not exist: 400, an error each")
  func missingPacticipants() async throws {
    try await BrokerAPI.with { api in
      let answer = try await get(
        api, "/matrix?q[][pacticipant]=Wiffle&q[][version]=1.2.3&q[][pacticipant]=Meep&q[][version]=9.9.9&latestby=cvpv"
      )
      #expect(answer.status == 400)
      let errors = answer.json["errors"]?.arrayValue?.compactMap(\.stringValue) ?? []
      #expect(errors.count == 2, "\(errors)")
      #expect(errors.first?.contains("Wiffle") == true)
    }
  }

  @Test("every version of both: a row per consumer version")
  func everyVersion() async throws {
    let store = try await Self.history([("1.2.3", "4.5.6", true), ("1.2.4", "4.5.6", true)])
    try await BrokerAPI.with(store: store) { api in
      let answer = try await get(api, "/matrix?q[][pacticipant]=Foo&q[][pacticipant]=Bar&latestby=cvpv")
      #expect(Self.rows(answer) == ["Foo 1.2.4 Bar 4.5.6 ✔", "Foo 1.2.3 Bar 4.5.6 ✔"])
    }
  }

  @Test("the matrix of a consumer and a provider: every row between them")
  func pairMatrix() async throws {
    let store = try await Self.history([("1.2.3", "4.5.6", true), ("1.2.4", "4.5.6", false)])
    try await BrokerAPI.with(store: store) { api in
      let answer = try await get(api, "/matrix/provider/Bar/consumer/Foo")
      #expect(Self.rows(answer) == ["Foo 1.2.4 Bar 4.5.6 ✘", "Foo 1.2.3 Bar 4.5.6 ✔"])
      #expect(try await get(api, "/matrix/provider/Bar/consumer/Nobody").status == 400)
    }
  }

  @Test("a browser opening a matrix query gets the page of that query's rows and answer")
  func matrixPage() async throws {
    let store = try await Self.history([("1.2.3", "4.5.6", true), ("1.2.4", "4.5.6", false)])
    try await BrokerAPI.with(store: store) { api in
      let html = ["Accept": "text/html,application/xhtml+xml,*/*;q=0.8"]
      let page = try await api.call(
        "GET", "/matrix?q%5B%5D%5Bpacticipant%5D=Foo&q%5B%5D%5Bversion%5D=1.2.4&latestby=cvp", headers: html)
      #expect(page.contentType?.hasPrefix("text/html") == true)
      #expect(page.text.contains("1.2.4") && !page.text.contains("1.2.3"), "\(page.text)")
      #expect(page.text.contains("The verification for the pact between version 1.2.4 of Foo"))
      let unknown = try await api.call("GET", "/ui/matrix?q%5B%5D%5Bpacticipant%5D=Nobody", headers: html)
      #expect(unknown.status == 200)
      #expect(unknown.text.contains("Nobody"))
      let overview = try await api.call("GET", "/ui/matrix", headers: html)
      #expect(overview.text.contains("The latest pact of each consumer and provider"))
    }
  }

  @Test("success[]=true keeps the successful rows")
  func successFilter() async throws {
    let store = try await Self.history([("1.2.3", "4.5.6", true), ("1.2.4", "9.9.9", false)])
    try await BrokerAPI.with(store: store) { api in
      let answer = try await get(
        api, "/matrix?q[][pacticipant]=Foo&q[][pacticipant]=Bar&latestby=cvpv&success[]=true")
      #expect(Self.rows(answer) == ["Foo 1.2.3 Bar 4.5.6 ✔"])
      let failed = try await get(
        api, "/matrix?q[][pacticipant]=Foo&q[][pacticipant]=Bar&latestby=cvpv&success[]=false")
      #expect(Self.rows(failed) == ["Foo 1.2.4 Bar 9.9.9 ✘"])
    }
  }

  @Test("the latest version of Bar with a tag, and the latest of all")
  func latestSelectors() async throws {
    let store = try await Self.history(
      [("1.2.3", "4.5.6", true), ("1.2.4", "9.9.9", false)], tags: ["Bar 4.5.6": ["prod"]])
    try await BrokerAPI.with(store: store) { api in
      let tagged = try await get(
        api,
        "/matrix?q[][pacticipant]=Foo&q[][version]=1.2.3&q[][pacticipant]=Bar&q[][latest]=true&q[][tag]=prod&latestby=cvpv"
      )
      #expect(Self.rows(tagged) == ["Foo 1.2.3 Bar 4.5.6 ✔"])
      let latest = try await get(
        api, "/matrix?q[][pacticipant]=Foo&q[][version]=1.2.4&q[][pacticipant]=Bar&q[][latest]=true&latestby=cvpv")
      #expect(Self.rows(latest) == ["Foo 1.2.4 Bar 9.9.9 ✘"])
      #expect(latest.json["summary"]?["deployable"] == false)
    }
  }

  @Test("can-i-deploy against the latest prod versions of the others")
  func latestTagged() async throws {
    let store = try await Self.history(
      [("1.2.3", "4.5.6", true), ("1.2.3", "5.6.7", false)], tags: ["Bar 4.5.6": ["prod"]])
    try await BrokerAPI.with(store: store) { api in
      let answer = try await get(
        api, "/matrix?q[][pacticipant]=Foo&q[][version]=1.2.3&latestby=cvp&latest=true&tag=prod")
      #expect(Self.rows(answer) == ["Foo 1.2.3 Bar 4.5.6 ✔"])
      #expect(answer.json["summary"]?["deployable"] == true)
    }
  }

  @Test("a tag without latest is every version with the tag")
  func everyTagged() async throws {
    let store = try await Self.history(
      [("1.2.3", "4.5.6", true), ("3.4.5", "4.5.6", true), ("2.0.0", "4.5.6", false)],
      tags: ["Foo 1.2.3": ["prod"], "Foo 3.4.5": ["prod"]])
    try await BrokerAPI.with(store: store) { api in
      let answer = try await get(
        api, "/matrix?q[][pacticipant]=Foo&q[][tag]=prod&q[][pacticipant]=Bar&q[][version]=4.5.6&latestby=cvpv")
      #expect(Self.rows(answer) == ["Foo 3.4.5 Bar 4.5.6 ✔", "Foo 1.2.3 Bar 4.5.6 ✔"])
      #expect(answer.json["summary"]?["deployable"] == true)
    }
  }

  @Test("ignore[]: the pacticipant's rows are shown, marked, and do not decide")
  func ignore() async throws {
    let store = try SQLiteBrokerStore.inMemory()
    let pacts = try await Fixtures.publish(store, "Foo", "1", to: ["Bar", "Baz"]).stored
    try await Fixtures.verify(store, pacts.first { $0.provider == "Bar" }!, by: "4", success: false)
    try await Fixtures.verify(store, pacts.first { $0.provider == "Baz" }!, by: "7", success: true)
    _ = try await store.saveEnvironment(EnvironmentChange(name: "production", production: true))
    try await Fixtures.deploy(store, "Bar", "4", to: "production")
    try await Fixtures.deploy(store, "Baz", "7", to: "production")
    try await BrokerAPI.with(store: store) { api in
      let base = "q[][pacticipant]=Foo&q[][version]=1&latestby=cvp&environment=production"
      let plain = try await get(api, "/matrix?" + base)
      #expect(plain.json["summary"]?["deployable"] == false)
      let ignored = try await get(api, "/matrix?" + base + "&ignore[][pacticipant]=Bar")
      #expect(ignored.json["summary"]?["deployable"] == true)
      #expect(ignored.json["summary"]?["ignored"] == 1)
      #expect(Self.rows(ignored) == ["Foo 1 Baz 7 ✔", "Foo 1 Bar 4 ✘ ignored"])
      #expect(ignored.json["summary"]?["reason"]?.stringValue?.contains("[IGNORED]") == true)
      let byVersion = try await get(
        api, "/matrix?" + base + "&ignore[][pacticipant]=Bar&ignore[][version]=4")
      #expect(byVersion.json["summary"]?["deployable"] == true)
      let otherVersion = try await get(
        api, "/matrix?" + base + "&ignore[][pacticipant]=Bar&ignore[][version]=5")
      #expect(otherVersion.json["summary"]?["deployable"] == false)
      let warning = otherVersion.json["notices"]?.arrayValue?.first { $0["type"] == "warning" }
      #expect(warning?["text"]?.stringValue?.contains("Cannot ignore version 5 of Bar") == true)
      let canIDeploy = try await get(
        api, "/can-i-deploy?pacticipant=Foo&version=1&environment=production&ignore[][pacticipant]=Bar")
      #expect(canIDeploy.json["summary"]?["deployable"] == true)
      #expect(canIDeploy.json["summary"]?["ignored"] == 1)
      #expect(plain.json["summary"]?["ignored"] == nil)
    }
  }

  @Test("limit caps the rows; a bad limit, latestby or success is a 400 naming it")
  func limits() async throws {
    let store = try await Self.history([("1", "4", true), ("2", "4", true), ("3", "4", true)])
    try await BrokerAPI.with(store: store) { api in
      let capped = try await get(api, "/matrix?q[][pacticipant]=Foo&q[][pacticipant]=Bar&limit=2")
      #expect(Self.rows(capped) == ["Foo 3 Bar 4 ✔", "Foo 2 Bar 4 ✔"])
      for (query, named) in [
        ("limit=0", "limit"), ("limit=abc", "limit"), ("limit=99999999", "limit"), ("latestby=xyz", "latestby"),
        ("success[]=maybe", "success"),
      ] {
        let answer = try await get(api, "/matrix?q[][pacticipant]=Foo&\(query)")
        #expect(answer.status == 400, "\(query)")
        #expect(answer.json["errors"]?[0]?.stringValue?.contains(named) == true, "\(query): \(answer.text)")
      }
      let both = try await get(
        api, "/matrix?q[][pacticipant]=Foo&q[][version]=1&environment=production&tag=prod")
      #expect(both.status == 400)
      // Hostile: 150 selectors are refused before any is looked up; a huge index is a name like any.
      let many = (0..<150).map { "q[][pacticipant]=Foo&q[][version]=\($0)" }.joined(separator: "&")
      let refused = try await get(api, "/matrix?" + many)
      #expect(refused.status == 400)
      #expect(refused.text.contains("at most 100"))
      let indexed = try await get(api, "/matrix?q[99999999999999999999][pacticipant]=Foo&latestby=cvpv")
      #expect(indexed.status == 200)
    }
  }
}
