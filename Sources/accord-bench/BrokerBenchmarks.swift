import AccordBroker
import AccordBrokerPostgres
@_spi(Benchmarks) import AccordBrokerSQL
import AccordBrokerSQLite
import AccordBrokerServer
import AccordClient
import AccordModel
import AccordTesting
import Foundation

/// Issue 8: the broker on a seeded history (200 pacticipants × 50 versions, 10,000 publications, 100,000
/// verification results), over HTTP end to end, on SQLite and on PostgreSQL (`ACCORD_BENCH_POSTGRES_URL`, a server
/// where the bench may create a database).
enum BrokerBenchmarks {
  enum Store: String {
    case sqlite = "SQLite"
    case postgres = "PostgreSQL"
  }

  /// The figures of one store, measured once and shared by its cases.
  struct Figures {
    var canIDeploy: [Double]
    var forVerification: [Double]
    var publishPerSecond: Double
    var residentMegabytes: Double
    var canIDeployAtMillion: [Double]
  }

  nonisolated(unsafe) static var measured: [Store: Figures] = [:]

  static var postgresURL: String? {
    ProcessInfo.processInfo.environment["ACCORD_BENCH_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
  }

  /// The cases of a store; PostgreSQL's only when a server is given.
  static func cases(_ store: Store) -> [(name: String, make: () -> Benchmark)] {
    if store == .postgres && postgresURL == nil { return [] }
    let prefix = "broker-\(store == .sqlite ? "sqlite" : "postgres")"
    return [
      (
        prefix + "-can-i-deploy",
        {
          Benchmark(
            name: prefix + "-can-i-deploy",
            summary:
              "\(store.rawValue): GET /can-i-deploy --to-environment over HTTP, 100k verifications (p99 ≤ 25 ms)",
            goal: Goal(value: 5, unit: .milliseconds)
          ) { percentiles(try await figures(store).canIDeploy) }
        }
      ),
      (
        prefix + "-for-verification",
        {
          Benchmark(
            name: prefix + "-for-verification",
            summary: "\(store.rawValue): POST pacts for verification, three selectors, pending and WIP",
            goal: Goal(value: 10, unit: .milliseconds)
          ) { percentiles(try await figures(store).forVerification) }
        }
      ),
      (
        prefix + "-publish",
        {
          Benchmark(
            name: prefix + "-publish",
            summary: "\(store.rawValue): contracts published per second (PUT, 8 clients at once)",
            goal: Goal(value: 300, unit: .requestsPerSecond)
          ) {
            Measurement(
              value: try await figures(store).publishPerSecond, unit: .requestsPerSecond, detail: "contracts/s")
          }
        }
      ),
      (
        prefix + "-rss",
        {
          Benchmark(
            name: prefix + "-rss",
            summary: "\(store.rawValue): resident memory of the process serving the broker, after the runs above (MB)",
            goal: Goal(value: 200, unit: .milliseconds)
          ) {
            Measurement(value: try await figures(store).residentMegabytes, unit: .milliseconds, detail: "MB, not ms")
          }
        }
      ),
      (
        prefix + "-can-i-deploy-1m",
        {
          Benchmark(
            name: prefix + "-can-i-deploy-1m",
            summary: "\(store.rawValue): can-i-deploy p99 at 1,000,000 verifications (≤ 1.5× its p99 at 100k)",
            goal: nil
          ) {
            let figures = try await figures(store)
            let before = percentile(figures.canIDeploy, 0.99)
            let after = percentile(figures.canIDeployAtMillion, 0.99)
            return Measurement(
              value: after, unit: .milliseconds,
              detail: String(format: "p99; %.2f× the 100k p99 (goal ≤ 1.5×)", after / max(before, 0.001)))
          }
        }
      ),
    ]
  }

  static func percentile(_ samples: [Double], _ fraction: Double) -> Double {
    let sorted = samples.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
  }

  static func percentiles(_ samples: [Double]) -> Measurement {
    Measurement(
      value: percentile(samples, 0.5), unit: .milliseconds,
      detail: "p99 " + Table.format(percentile(samples, 0.99)))
  }

  static func figures(_ store: Store) async throws -> Figures {
    if let figures = measured[store] { return figures }
    let figures = try await measure(store)
    measured[store] = figures
    return figures
  }

  static func makeStore(_ store: Store) async throws -> any BrokerStore {
    switch store {
    case .sqlite:
      let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "accord-bench-broker-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      return try SQLiteBrokerStore(path: folder.appendingPathComponent("broker.sqlite").path)
    case .postgres:
      guard let url = ProcessInfo.processInfo.environment["ACCORD_BENCH_POSTGRES_URL"], !url.isEmpty else {
        throw BenchmarkFailure(
          message: "set ACCORD_BENCH_POSTGRES_URL to a PostgreSQL server (`.ci/postgres` starts one) to measure it")
      }
      let name = "accord_bench_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())"
      let admin = try await PostgresBrokerStore.connect(url: url, migrating: false)
      try await admin.execute(unsafeSQL: "CREATE DATABASE \(name)")
      admin.close()
      var components = URLComponents(string: url)!
      components.path = "/" + name
      return try await PostgresBrokerStore.connect(url: components.string!)
    }
  }

  static let consumers = 100
  static let providers = 100
  static let versions = 50

  static func pact(_ consumer: Int, _ provider: Int, _ version: Int) -> PactContent {
    let json: JSONValue = [
      "consumer": .string("consumer-\(consumer)"), "provider": .string("provider-\(provider)"),
      "interactions": [
        [
          "description": .string("a request from version \(version)"),
          "request": ["method": "GET", "path": .string("/items/\(version)")],
          "response": ["status": 200, "body": ["id": .int(version), "name": "item"]],
        ]
      ],
      "metadata": ["pactSpecification": ["version": "3.0.0"]],
    ]
    var members = json.objectValue!
    members["consumer"] = ["name": .string("consumer-\(consumer)")]
    members["provider"] = ["name": .string("provider-\(provider)")]
    return try! PactContent(json: .object(members), path: "bench")
  }

  /// Seeds the history, then measures over HTTP against the broker served in this process.
  static func measure(_ kind: Store) async throws -> Figures {
    let store = try await makeStore(kind)
    let production = try await store.saveEnvironment(EnvironmentChange(name: "production", production: true))
    // Providers: 50 versions each on main; the latest deployed.
    for provider in 0..<providers {
      for version in 0..<versions {
        let saved = try await store.saveVersion(
          VersionChange(pacticipant: "provider-\(provider)", number: "\(version)", branch: "main"))
        if version == versions - 1 {
          _ = try await store.recordDeployment(
            versionID: saved.id, environmentID: production.id, applicationInstance: nil)
        }
      }
    }
    // Consumers: 50 versions each, each publishing to two providers (10,000 publications); version 45 deployed.
    var stored: [StoredPact] = []
    for consumer in 0..<consumers {
      for version in 0..<versions {
        let outcome = try await store.publish(
          Publication(
            version: VersionChange(pacticipant: "consumer-\(consumer)", number: "\(version)", branch: "main"),
            contracts: [
              pact(consumer, consumer % providers, version), pact(consumer, (consumer + 1) % providers, version),
            ]))
        stored += outcome.stored
        if version == 45 {
          _ = try await store.recordDeployment(
            versionID: outcome.version.id, environmentID: production.id, applicationInstance: nil)
        }
      }
    }
    // 100,000 verifications: ten provider versions per publication (the latest among them).
    var batch: [NewVerification] = []
    for pact in stored {
      for step in 0..<10 {
        let providerVersion = versions - 10 + step
        batch.append(
          NewVerification(
            provider: pact.provider, consumer: pact.consumer, sha: pact.sha,
            providerVersion: VersionChange(pacticipant: pact.provider, number: "\(providerVersion)"),
            success: (pact.id + Int64(step)) % 7 != 0))
      }
      if batch.count >= 2000 {
        _ = try await store.recordVerifications(batch)
        batch.removeAll(keepingCapacity: true)
      }
    }
    if !batch.isEmpty { _ = try await store.recordVerifications(batch) }

    return try await withProvider(BrokerServer(store: store).router()) { baseURL in
      let canIDeploy = try await timeCanIDeploy(baseURL, count: 400)
      var forVerification: [Double] = []
      let clock = ContinuousClock()
      for index in 0..<200 {
        let body: JSONValue = [
          "consumerVersionSelectors": [
            ["mainBranch": true], ["deployedOrReleased": true], ["branch": "main", "latest": true],
          ],
          "providerVersionBranch": "main", "includePendingStatus": true, "includeWipPactsSince": "2020-01-01",
        ]
        let start = clock.now
        let answer = try await send(
          "POST", baseURL + "/pacts/provider/provider-\(index % providers)/for-verification", body)
        forVerification.append(Sampler.milliseconds(clock.now - start))
        guard answer.status == 200 else {
          throw BenchmarkFailure(message: "for-verification answered \(answer.status)")
        }
      }
      // Publish throughput: 8 clients, 600 new contracts.
      let publishStart = clock.now
      try await withThrowingTaskGroup(of: Void.self) { group in
        for client in 0..<8 {
          group.addTask {
            for index in 0..<75 {
              let consumer = client * 10 + index % 10
              let number = "new-\(client)-\(index)"
              let content = pact(consumer, consumer % providers, 1000 + client * 100 + index)
              let answer = try await send(
                "PUT",
                baseURL
                  + "/pacts/provider/provider-\(consumer % providers)/consumer/consumer-\(consumer)/version/\(number)",
                content.json)
              guard answer.status == 201 else { throw BenchmarkFailure(message: "publish answered \(answer.status)") }
            }
          }
        }
        try await group.waitForAll()
      }
      let publishPerSecond = 600 / (Sampler.milliseconds(clock.now - publishStart) / 1000)
      let resident = residentMegabytes()
      // Ten times the history, and can-i-deploy again.
      switch kind {
      case .sqlite: try await (store as! SQLiteBrokerStore).multiplyVerificationHistory(by: 10)
      case .postgres: try await (store as! PostgresBrokerStore).multiplyVerificationHistory(by: 10)
      }
      let atMillion = try await timeCanIDeploy(baseURL, count: 400)
      return Figures(
        canIDeploy: canIDeploy, forVerification: forVerification, publishPerSecond: publishPerSecond,
        residentMegabytes: resident, canIDeployAtMillion: atMillion)
    }
  }

  static func timeCanIDeploy(_ baseURL: String, count: Int) async throws -> [Double] {
    var samples: [Double] = []
    let clock = ContinuousClock()
    for index in 0..<(count + 20) {
      // Consumers and providers alternately, so both directions of the question are timed.
      let who = index.isMultiple(of: 2) ? "consumer-\(index % consumers)" : "provider-\(index % providers)"
      let version = index.isMultiple(of: 2) ? "49" : "49"
      let start = clock.now
      let answer = try await send(
        "GET", baseURL + "/can-i-deploy?pacticipant=\(who)&version=\(version)&environment=production", nil)
      let elapsed = Sampler.milliseconds(clock.now - start)
      guard answer.status == 200 else { throw BenchmarkFailure(message: "can-i-deploy answered \(answer.status)") }
      if index >= 20 { samples.append(elapsed) }  // the first twenty warm up
    }
    return samples
  }

  static func send(_ method: String, _ url: String, _ body: JSONValue?) async throws -> ReceivedResponse {
    var headers = Headers()
    if body != nil { headers["Content-Type"] = ["application/json"] }
    return try await AccordHTTPClient.send(
      OutgoingRequest(method: method, url: url, headers: headers, body: body?.data()), peer: "the broker",
      timeout: .seconds(30))
  }

  /// VmRSS of this process, in MB.
  static func residentMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
    else { return 0 }
    let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    return kilobytes / 1024
  }
}
