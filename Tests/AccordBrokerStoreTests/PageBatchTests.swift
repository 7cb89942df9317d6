import AccordBroker
import AccordBrokerTestSupport
import AccordModel
import Foundation
import Testing

/// The batch lookups the web page uses answer as the single ones do, on every store.
@Suite("page batches")
struct PageBatchTests {
  @Test("latest verifications by sha and latest versions by pacticipant", arguments: StoreKind.available)
  func batches(_ kind: StoreKind) async throws {
    let store = try await kind.make()
    try await Fixtures.publish(store, "web", "1.0.0", branch: "main", to: ["users", "orders"])
    try await Fixtures.publish(store, "web", "1.1.0", branch: "main", to: ["users"], descriptions: ["new"])
    let old = try #require(try await store.pact(provider: "users", consumer: "web", consumerVersion: "1.0.0"))
    let new = try #require(try await store.pact(provider: "users", consumer: "web", consumerVersion: "1.1.0"))
    try await Fixtures.verify(store, old, by: "1", success: true)
    try await Fixtures.verify(store, old, by: "2", success: false)
    try await Fixtures.verify(store, new, by: "2", success: true)
    let shas = [old.sha, new.sha, "no-such-sha"]
    let batch = try await store.latestVerifications(shas: shas)
    #expect(batch.count == 2)
    for sha in shas { #expect(batch[sha] == (try await store.latestVerification(sha: sha))) }
    #expect(batch[old.sha]?.providerVersion.number == "2" && batch[old.sha]?.success == false)

    let names = ["web", "users", "orders", "nobody"]
    let versions = try await store.latestVersions(of: names)
    for name in names { #expect(versions[name] == (try await store.latestVersion(of: name, branch: nil, tag: nil))) }
    #expect(versions["web"]?.number == "1.1.0" && versions["nobody"] == nil)
    #expect(try await store.latestVerifications(shas: []).isEmpty)
  }
}
