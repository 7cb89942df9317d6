import Foundation

/// One benchmark case: a name, a goal, and work to time. `prepare` runs once, untimed; `run` is timed.
struct Benchmark {
  let name: String
  let summary: String
  /// The goal for the median, in milliseconds; `nil` when the case only reports.
  let goalMilliseconds: Double?
  let iterations: Int
  let run: () throws -> Void

  init(name: String, summary: String, goalMilliseconds: Double?, iterations: Int = 31, run: @escaping () throws -> Void)
  {
    self.name = name
    self.summary = summary
    self.goalMilliseconds = goalMilliseconds
    self.iterations = iterations
    self.run = run
  }

  /// Times `iterations` runs after three warm-up runs; returns the samples in milliseconds.
  func measure() throws -> [Double] {
    for _ in 0..<3 { try run() }
    var samples: [Double] = []
    for _ in 0..<iterations {
      let start = ContinuousClock.now
      try run()
      let elapsed = ContinuousClock.now - start
      samples.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
    }
    return samples.sorted()
  }
}

/// The measured result of one case, for the table.
struct BenchmarkResult {
  let benchmark: Benchmark
  let samples: [Double]

  var median: Double { samples[samples.count / 2] }
  var p90: Double { samples[min(samples.count - 1, samples.count * 9 / 10)] }

  var verdict: String {
    guard let goal = benchmark.goalMilliseconds else { return "—" }
    return median <= goal ? "met" : "MISSED"
  }
}
