import AccordBroker
import AccordBrokerSQLite
import AccordBrokerServer
import AccordClient
import AccordDemo
import AccordModel
import AccordTesting
import Foundation

/// Issues 10 and 23: the broker's web pages at a company's network of 200 services (``CompanyNetwork``: about 550
/// contracts in three consumer versions each, some failed, some deployed), rendered over HTTP (p50 ≤ 50 ms).
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

  /// Where the time goes (ACCORD_BENCH_WEB_PARTS=1): the integrations, the layout and the SVG.
  static func parts(_ store: SQLiteBrokerStore) async throws {
    let clock = ContinuousClock()
    var start = clock.now
    let integrations = try await IntegrationOverview(store: store).integrations()
    let afterIntegrations = clock.now - start
    start = clock.now
    let names = try await store.pacticipants().map(\.name)
    let graph = DependencyGraph(
      nodes: names,
      edges: integrations.map { .init(consumer: $0.consumer, provider: $0.provider, status: .verified) })
    let svg = graph.svg()
    let afterSVG = clock.now - start
    FileHandle.standardError.write(
      Data(
        "integrations \(afterIntegrations) (\(integrations.count)), layout and SVG \(afterSVG) (\(svg.count) chars)\n"
          .utf8))
  }

  /// The company network the pages are measured on.
  static let network = CompanyNetwork(services: 200)

  /// A diff of the first HTTP contract between its first two versions.
  static var diffPath: String {
    let contract = network.contracts.first { !$0.messages && $0.consumer != $0.provider }!
    return "/ui/contracts/\(contract.provider)/\(contract.consumer)/diff?from=1.0.0&to=1.1.0"
  }

  static func seeded() async throws -> SQLiteBrokerStore {
    let store = try SQLiteBrokerStore.inMemory()
    try await network.seed(store)
    return store
  }
}
