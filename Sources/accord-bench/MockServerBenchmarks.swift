import Accord
import AccordMockServer
import AccordModel
import AsyncHTTPClient
import Foundation

/// Issue 3: the consumer side's cost per test, per request, and its throughput, beside the Pact reference mock
/// server. Every case measures the server a consumer test gets from the DSL (`MockServer.leased`: started ahead,
/// on one event loop).
enum MockServerBenchmarks {
  static func items(_ count: Int) -> [Interaction] {
    (0..<count).map { index in
      Interaction(
        description: "a request for item \(index)",
        exchange: .http(
          request: PactRequest(method: "GET", path: "/items/\(index)", headers: ["Accept": "application/json"]),
          response: PactResponse(
            status: 200, headers: ["Content-Type": "application/json"],
            body: .json(["id": .int(index), "name": .string("item \(index)")]),
            matchingRules: MatchingRules([.body: ["$.id": RuleList([.integer]), "$.name": RuleList([.type()])]]))))
    }
  }

  static func pactFile(_ interactions: [Interaction]) -> Data {
    ContractEncoder().encode(Contract(consumer: "BenchConsumer", provider: "BenchProvider", interactions: interactions))
  }

  static func get(_ url: String) async throws {
    var request = HTTPClientRequest(url: url)
    request.headers.add(name: "Accept", value: "application/json")
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
    _ = try await response.body.collect(upTo: 1 << 20)
    guard response.status == .ok else { throw BenchmarkFailure(message: "GET \(url) answered \(response.status)") }
  }

  static func perTest() -> Benchmark {
    let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
      "accord-bench-\(UUID().uuidString)")
    let pact = Pact(consumer: "BenchConsumer", provider: "BenchProvider", contractsDirectory: directory)
    var benchmark = Benchmark(
      name: "mock-per-test",
      summary: "one consumer test: start the mock server, one interaction, one request, verify, write the contract",
      goal: Goal(value: 1, unit: .milliseconds)
    ) {
      defer { try? FileManager.default.removeItem(at: directory) }
      return try await Sampler.median(iterations: 101, warmUp: 10) {
        try await pact.interaction("a request for item 1")
          .given("item 1 exists")
          .withRequest(.get, "/items/1", headers: ["Accept": "application/json"])
          .willRespond(200, body: ["id": .integer(1), "name": .like("item 1")])
          .run { baseURL in try HTTPProbe(port: baseURL.port!).get("/items/1") }
        try Pact.writeContracts()
      }
    }
    benchmark.referenceFigure = "≈1.6 ms (issue figure)"
    benchmark.limits = LimitServers.perTest
    benchmark.reference = {
      guard let cli = ReferenceMockServer.cli else { throw ReferenceUnavailable() }
      let reference = try await ReferenceMockServer.start(cli: cli)
      defer { reference.stop() }
      let pact = pactFile(items(1))
      return try await Sampler.median(iterations: 31, warmUp: 3) {
        let server = try await reference.create(pact)
        try HTTPProbe(port: server.port).get("/items/0")
        try await reference.verify(server.id)
        try await reference.delete(server.id)
      }
    }
    return benchmark
  }

  static func latency(_ count: Int) -> Benchmark {
    let figures = [1: nil, 100: "≈25 ms (issue figure)", 1000: nil as String?]
    var benchmark = Benchmark(
      name: "mock-request-\(count)",
      summary: "one request (keep-alive, raw socket client) to a mock server with \(count) interaction"
        + "\(count == 1 ? "" : "s") registered",
      goal: count == 1000 ? Goal(value: 0.2, unit: .milliseconds) : nil
    ) {
      let server = try await MockServer.leased(serving: items(count))
      let probe = try HTTPProbe(port: server.port)
      var next = 0
      let result = try await Sampler.median(iterations: 1001, warmUp: 100) {
        next = (next + 7919) % count
        guard try probe.get("/items/\(next)") == 200 else { throw BenchmarkFailure(message: "no match") }
      }
      await server.stop()
      return result
    }
    benchmark.referenceFigure = figures[count] ?? nil
    benchmark.limits = LimitServers.latency
    benchmark.reference = {
      guard let cli = ReferenceMockServer.cli else { throw ReferenceUnavailable() }
      let reference = try await ReferenceMockServer.start(cli: cli)
      defer { reference.stop() }
      let server = try await reference.create(pactFile(items(count)))
      let probe = try HTTPProbe(port: server.port)
      var next = 0
      return try await Sampler.median(iterations: count >= 1000 ? 7 : 21, warmUp: 2) {
        next = (next + 7919) % count
        try probe.get("/items/\(next)")
      }
    }
    return benchmark
  }

  static func throughput() -> Benchmark {
    var benchmark = Benchmark(
      name: "mock-throughput",
      summary: "wrk -t2 -c8 -d5s against a mock server with one interaction",
      goal: Goal(value: 20_000, unit: .requestsPerSecond)
    ) {
      let server = try await MockServer.leased(serving: items(1))
      let rate = try Wrk.requestsPerSecond(server.baseURL + "/items/0")
      await server.stop()
      return Measurement(value: rate, unit: .requestsPerSecond)
    }
    benchmark.referenceFigure = "≈8.8k req/s (issue figure)"
    benchmark.limits = LimitServers.throughput
    benchmark.reference = {
      guard let cli = ReferenceMockServer.cli else { throw ReferenceUnavailable() }
      let reference = try await ReferenceMockServer.start(cli: cli)
      defer { reference.stop() }
      let server = try await reference.create(pactFile(items(1)))
      return Measurement(
        value: try Wrk.requestsPerSecond("http://127.0.0.1:\(server.port)/items/0"), unit: .requestsPerSecond)
    }
    return benchmark
  }
}

/// The reference tool is not installed here; the table shows the issue's figure instead.
struct ReferenceUnavailable: Error {}
