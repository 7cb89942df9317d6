import AccordBroker
import AccordBrokerTestSupport
import AccordModel
import Foundation
import Testing

@Suite("Pacts for verification")
struct PactsForVerificationTests {
  func selector(_ json: JSONValue) throws -> ConsumerVersionSelector {
    try ConsumerVersionSelector.list(from: .array([json]))[0]
  }

  /// web: 1 (main), 2 (feature-x), 3 (main, tag prod); mobile: 10 (main); each with different content.
  func seeded(_ kind: StoreKind) async throws -> any BrokerStore {
    let store = try await kind.make()
    _ = try await store.savePacticipant(PacticipantChange(name: "web", mainBranch: "main"))
    _ = try await store.savePacticipant(PacticipantChange(name: "mobile", mainBranch: "main"))
    try await Fixtures.publish(store, "web", "1", branch: "main", to: ["users"], descriptions: ["one"])
    try await Fixtures.publish(store, "web", "2", branch: "feature-x", to: ["users"], descriptions: ["two"])
    try await Fixtures.publish(
      store, "web", "3", branch: "main", tags: ["prod"], to: ["users"], descriptions: ["three"])
    try await Fixtures.publish(store, "mobile", "10", branch: "main", to: ["users"], descriptions: ["ten"])
    return store
  }

  func numbers(_ pacts: [VerifiablePact]) -> [String] {
    pacts.map { "\($0.pact.consumer) \($0.pact.consumerVersion.number)" }.sorted()
  }

  @Test("mainBranch: the latest of each consumer's main branch", arguments: StoreKind.available)
  func mainBranch(kind: StoreKind) async throws {
    let store = try await seeded(kind)
    let pacts = try await PactsForVerification(store: store).pacts(
      provider: "users", selectors: [try selector(["mainBranch": true])])
    #expect(numbers(pacts) == ["mobile 10", "web 3"])
    #expect(pacts.allSatisfy { $0.reasons[0].contains("main branch") })
  }

  @Test("branch, all of a branch, and fallbackBranch", arguments: StoreKind.available)
  func branch(kind: StoreKind) async throws {
    let store = try await seeded(kind)
    let finder = PactsForVerification(store: store)
    #expect(
      try await numbers(finder.pacts(provider: "users", selectors: [selector(["branch": "feature-x"])])) == ["web 2"])
    #expect(
      try await numbers(
        finder.pacts(provider: "users", selectors: [selector(["branch": "main", "latest": false, "consumer": "web"])]))
        == ["web 1", "web 3"])
    let fallback = try await finder.pacts(
      provider: "users", selectors: [selector(["branch": "feature-y", "fallbackBranch": "main"])])
    #expect(numbers(fallback) == ["mobile 10", "web 3"])
    #expect(fallback[0].reasons[0].contains("fallback"))
  }

  @Test("matchingBranch uses the provider version's branch", arguments: StoreKind.available)
  func matchingBranch(kind: StoreKind) async throws {
    let store = try await seeded(kind)
    let finder = PactsForVerification(store: store)
    let pacts = try await finder.pacts(
      provider: "users", selectors: [selector(["matchingBranch": true])], providerVersionBranch: "feature-x")
    #expect(numbers(pacts) == ["web 2"])
    #expect(try await finder.pacts(provider: "users", selectors: [selector(["matchingBranch": true])]).isEmpty)
  }

  @Test("tags: latest, all, and fallbackTag", arguments: StoreKind.available)
  func tags(kind: StoreKind) async throws {
    let store = try await seeded(kind)
    let finder = PactsForVerification(store: store)
    #expect(
      try await numbers(finder.pacts(provider: "users", selectors: [selector(["tag": "prod", "latest": true])])) == [
        "web 3"
      ])
    #expect(try await numbers(finder.pacts(provider: "users", selectors: [selector(["tag": "prod"])])) == ["web 3"])
    #expect(
      try await numbers(
        finder.pacts(provider: "users", selectors: [selector(["tag": "none", "fallbackTag": "prod", "latest": true])]))
        == ["web 3"])
  }

  @Test("deployed, released, deployedOrReleased and environment", arguments: StoreKind.available)
  func deployedAndReleased(kind: StoreKind) async throws {
    let store = try await seeded(kind)
    let production = try await store.saveEnvironment(EnvironmentChange(name: "production", production: true))
    _ = try await store.saveEnvironment(EnvironmentChange(name: "test", production: false))
    try await Fixtures.deploy(store, "web", "1", to: "production")
    try await Fixtures.deploy(store, "web", "2", to: "test")
    let mobile = try #require(try await store.version(of: "mobile", number: "10"))
    _ = try await store.recordRelease(versionID: mobile.id, environmentID: production.id)
    let finder = PactsForVerification(store: store)
    #expect(
      try await numbers(finder.pacts(provider: "users", selectors: [selector(["deployed": true])])) == [
        "web 1", "web 2",
      ])
    #expect(
      try await numbers(finder.pacts(provider: "users", selectors: [selector(["released": true])])) == ["mobile 10"])
    #expect(
      try await numbers(finder.pacts(provider: "users", selectors: [selector(["environment": "production"])]))
        == ["mobile 10", "web 1"])
    #expect(
      try await numbers(
        finder.pacts(provider: "users", selectors: [selector(["deployedOrReleased": true, "environment": "test"])]))
        == ["web 2"])
  }

  @Test("no selectors: the latest of each consumer", arguments: StoreKind.available)
  func defaults(kind: StoreKind) async throws {
    let store = try await seeded(kind)
    #expect(
      try await numbers(PactsForVerification(store: store).pacts(provider: "users", selectors: [])) == [
        "mobile 10", "web 3",
      ])
  }

  @Test("a pact chosen by several selectors appears once with every reason", arguments: StoreKind.available)
  func deduplicated(kind: StoreKind) async throws {
    let store = try await seeded(kind)
    let pacts = try await PactsForVerification(store: store).pacts(
      provider: "users",
      selectors: [
        try selector(["mainBranch": true, "consumer": "web"]), try selector(["tag": "prod", "latest": true]),
      ])
    #expect(numbers(pacts) == ["web 3"])
    #expect(pacts[0].reasons.count == 2)
    let notice = pacts[0].notices(pactURL: "http://broker/pact")[0].text
    #expect(notice.contains("criteria"))
    #expect(notice.contains("with tag 'prod'"))
  }

  @Test("pending until verified by the provider's branch", arguments: StoreKind.available)
  func pending(kind: StoreKind) async throws {
    let store = try await seeded(kind)
    let finder = PactsForVerification(store: store)
    let before = try await finder.pacts(
      provider: "users", selectors: [try selector(["mainBranch": true, "consumer": "web"])],
      providerVersionBranch: "main", includePendingStatus: true)
    #expect(before[0].pending == true)
    #expect(before[0].notices(pactURL: "u").contains { $0.text.contains("pending state") })
    try await Fixtures.verify(store, before[0].pact, by: "u1", branch: "main", success: true)
    let after = try await finder.pacts(
      provider: "users", selectors: [try selector(["mainBranch": true, "consumer": "web"])],
      providerVersionBranch: "main", includePendingStatus: true)
    #expect(after[0].pending == false)
    let otherBranch = try await finder.pacts(
      provider: "users", selectors: [try selector(["mainBranch": true, "consumer": "web"])],
      providerVersionBranch: "feature", includePendingStatus: true)
    #expect(otherBranch[0].pending == true)
  }

  @Test("work in progress: pending pacts of other branches since a date", arguments: StoreKind.available)
  func wip(kind: StoreKind) async throws {
    let store = try await seeded(kind)
    let pacts = try await PactsForVerification(store: store).pacts(
      provider: "users", selectors: [try selector(["mainBranch": true])], providerVersionBranch: "main",
      includePendingStatus: true, includeWipPactsSince: Date(timeIntervalSinceNow: -3600))
    let wip = pacts.filter(\.wip)
    #expect(numbers(wip) == ["web 2"])
    #expect(wip[0].pending == true)
    #expect(wip[0].notices(pactURL: "u")[0].text.contains("work in progress"))
    let later = try await PactsForVerification(store: store).pacts(
      provider: "users", selectors: [try selector(["mainBranch": true])], providerVersionBranch: "main",
      includePendingStatus: true, includeWipPactsSince: Date(timeIntervalSinceNow: 3600))
    #expect(later.filter(\.wip).isEmpty)
  }

  @Test("bad selectors are refused with the path of the mistake")
  func badSelectors() throws {
    #expect(throws: BrokerError.invalid("consumerVersionSelectors[0].mainBranch must be true or false")) {
      try ConsumerVersionSelector.list(from: [["mainBranch": "yes"]])
    }
    #expect(throws: BrokerError.self) { try ConsumerVersionSelector.list(from: [["colour": "red"]]) }
    #expect(throws: BrokerError.self) { try ConsumerVersionSelector.list(from: [["branch": "a", "tag": "b"]]) }
    #expect(throws: BrokerError.self) { try ConsumerVersionSelector.list(from: ["mainBranch"]) }
    #expect(throws: BrokerError.self) { try ConsumerVersionSelector.list(from: ["mainBranch": true]) }
  }

  @Test("an unknown provider is not found")
  func unknownProvider() async throws {
    let store = try await StoreKind.sqliteMemory.make()
    await #expect(throws: BrokerError.self) {
      try await PactsForVerification(store: store).pacts(provider: "nobody", selectors: [])
    }
  }
}
