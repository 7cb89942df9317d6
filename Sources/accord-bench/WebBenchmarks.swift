import AccordBroker
import AccordBrokerSQLite
import AccordBrokerServer
import AccordClient
import AccordModel
import AccordTesting
import Foundation

/// Issue 10: the broker's web page at 200 pacticipants (100 consumers, each with pacts with two of 100 providers,
/// verified; 50 deployed to production): the index and the dependency graph, rendered over HTTP (p50 ≤ 50 ms).
enum WebBenchmarks {
  static func page(_ name: String, _ path: String, _ summary: String) -> Benchmark {
    Benchmark(name: name, summary: summary, goal: Goal(value: 50, unit: .milliseconds)) {
      let store = try await seeded()
      if ProcessInfo.processInfo.environment["ACCORD_BENCH_WEB_PARTS"] != nil { try await parts(store) }
      return try await withProvider(BrokerServer(store: store).router()) { baseURL in
        let request = OutgoingRequest(url: baseURL + path, headers: ["Accept": "text/html"])
        return try await Sampler.median(iterations: 41, warmUp: 3) {
          let answer = try await AccordHTTPClient.send(request, peer: "the broker", timeout: .seconds(30))
          guard answer.status == 200, answer.body.count > 1000 else {
            throw BenchmarkFailure(message: "\(path) answered \(answer.status) with \(answer.body.count) bytes")
          }
        }
      }
    }
  }

  /// Where the time goes (ACCORD_BENCH_WEB_PARTS=1): the store's answers, the layout and the SVG.
  static func parts(_ store: SQLiteBrokerStore) async throws {
    let clock = ContinuousClock()
    var start = clock.now
    let pacts = try await store.latestPacts()
    let afterPacts = clock.now - start
    start = clock.now
    var edges: [DependencyGraph.Edge] = []
    let verifications = try await store.latestVerifications(shas: pacts.map(\.sha))
    for pact in pacts {
      let verification = verifications[pact.sha]
      edges.append(
        .init(
          consumer: pact.consumer, provider: pact.provider, status: verification?.success == true ? .verified : .failed)
      )
    }
    let afterVerifications = clock.now - start
    start = clock.now
    let names = try await store.pacticipants().map(\.name)
    _ = try await store.latestVersions(of: names)
    let afterVersions = clock.now - start
    start = clock.now
    let svg = DependencyGraph(nodes: names, edges: edges).svg()
    let afterSVG = clock.now - start
    FileHandle.standardError.write(
      Data(
        "latestPacts \(afterPacts), \(pacts.count) latestVerification \(afterVerifications), \(names.count) latestVersion \(afterVersions), svg \(afterSVG) (\(svg.count) chars)\n"
          .utf8))
  }

  static func seeded() async throws -> SQLiteBrokerStore {
    let store = try SQLiteBrokerStore.inMemory()
    let production = try await store.saveEnvironment(EnvironmentChange(name: "production", production: true))
    for consumer in 0..<100 {
      let providers = [100 + consumer, 100 + (consumer * 7 + 3) % 100]
      let contents = try providers.map { provider in
        try PactContent(
          json: [
            "consumer": ["name": .string("consumer-\(consumer)")],
            "provider": ["name": .string("provider-\(provider)")],
            "interactions": [
              [
                "description": "a request", "request": ["method": "GET", "path": "/items/1"],
                "response": ["status": 200, "body": ["id": 1, "name": "x"]],
              ]
            ],
            "metadata": ["pactSpecification": ["version": "3.0.0"]],
          ], path: "bench")
      }
      let outcome = try await store.publish(
        Publication(
          version: VersionChange(pacticipant: "consumer-\(consumer)", number: "1.0.\(consumer)", branch: "main"),
          contracts: contents))
      for pact in outcome.stored {
        _ = try await store.recordVerification(
          NewVerification(
            provider: pact.provider, consumer: pact.consumer, sha: pact.sha,
            providerVersion: VersionChange(pacticipant: pact.provider, number: "2.0.0", branch: "main"),
            success: consumer % 13 != 0))
      }
      if consumer % 2 == 0 {
        _ = try await store.recordDeployment(
          versionID: outcome.version.id, environmentID: production.id, applicationInstance: nil)
      }
    }
    return store
  }
}
