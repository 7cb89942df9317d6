import AccordMockServer
import AccordModel
import AccordVerifier
import Foundation

/// Issue 4: verifying a 1,000-interaction contract against a trivial local provider, beside `pact verifier`.
enum VerifierBenchmarks {
  static func thousandInteractions() -> Benchmark {
    let interactions = MockServerBenchmarks.items(1000)
    let file = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("accord-bench-verify-1000.json")
    var benchmark = Benchmark(
      name: "verify-1000",
      summary: "verify a contract of 1,000 HTTP interactions (read, replay, match) against a trivial local provider",
      goal: Goal(value: 1000, unit: .milliseconds)
    ) {
      try MockServerBenchmarks.pactFile(interactions).write(to: file)
      // The trivial provider: a stub server answering each interaction's request with its response.
      let provider = try await MockServer.start(serving: interactions)
      defer { Task { await provider.stop() } }
      let verifier = Verifier(
        sources: [FileContractSource(path: file.path)], options: VerificationOptions(providerBaseURL: provider.baseURL))
      let result = try await Sampler.median(iterations: 7, warmUp: 1) {
        let report = try await verifier.verify()
        guard report.succeeded, report.results.count == 1000 else {
          throw BenchmarkFailure(message: "verification did not pass: \(HumanReport(report).summary)")
        }
      }
      await provider.stop()
      return result
    }
    benchmark.referenceFigure = "≈18 s (issue figure: ≈18 ms per interaction)"
    benchmark.reference = {
      guard let cli = ReferenceMockServer.cli else { throw ReferenceUnavailable() }
      try MockServerBenchmarks.pactFile(interactions).write(to: file)
      let provider = try await MockServer.start(serving: interactions)
      let clock = ContinuousClock()
      let start = clock.now
      let process = Process()
      process.executableURL = URL(fileURLWithPath: cli)
      process.arguments = ["verifier", "--file", file.path, "--hostname", "127.0.0.1", "--port", String(provider.port)]
      var environment = ProcessInfo.processInfo.environment
      environment["PACT_DO_NOT_TRACK"] = "true"
      process.environment = environment
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      process.waitUntilExit()
      let elapsed = Sampler.milliseconds(clock.now - start)
      await provider.stop()
      guard process.terminationStatus == 0 else {
        throw BenchmarkFailure(message: "pact verifier failed the contract (exit \(process.terminationStatus))")
      }
      return Measurement(value: elapsed, unit: .milliseconds, detail: "one run")
    }
    return benchmark
  }
}
