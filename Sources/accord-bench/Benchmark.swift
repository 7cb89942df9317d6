import Foundation

/// What a benchmark measured: a median time, or a rate.
struct Measurement {
  enum Unit {
    case milliseconds
    case requestsPerSecond
    case mebibytes

    /// Whether a smaller figure is better.
    var lowerIsBetter: Bool { self != .requestsPerSecond }
  }

  var value: Double
  var unit: Unit
  /// p90 for times, a note for rates.
  var detail: String?

  var text: String {
    switch unit {
    case .milliseconds: return Table.format(value)
    case .requestsPerSecond: return String(format: "%.0f req/s", value)
    case .mebibytes: return String(format: "%.1f MiB", value)
    }
  }
}

/// A speed goal: at most (times) or at least (rates) a value.
struct Goal {
  var value: Double
  var unit: Measurement.Unit

  func isMet(by measurement: Measurement) -> Bool {
    unit.lowerIsBetter ? measurement.value <= value : measurement.value >= value
  }

  var text: String {
    switch unit {
    case .milliseconds: "≤ " + Table.format(value)
    case .requestsPerSecond: String(format: "≥ %.0f req/s", value)
    case .mebibytes: String(format: "≤ %.0f MiB", value)
    }
  }
}

/// One benchmark case: our measurement against a goal, and the Pact reference tool's beside it where the issue
/// asks for one (measured when the tool is installed, otherwise the figure the issue quotes).
struct Benchmark {
  let name: String
  let summary: String
  let goal: Goal?
  let measure: () async throws -> Measurement
  var reference: (() async throws -> Measurement)?
  /// The figure for the reference tool, shown when it cannot be measured here.
  var referenceFigure: String?
  /// The limits the figure is shown against (bare servers doing only the HTTP work), measured in the same run.
  var limits: [Limit] = []
}

extension Measurement {
  /// How this figure compares with `other` as a factor where more than 1 is better: `other / self` for times,
  /// `self / other` for rates.
  func advantage(over other: Measurement) -> Double {
    unit.lowerIsBetter ? other.value / value : value / other.value
  }
}

/// Medians of repeated runs.
enum Sampler {
  /// Times `iterations` runs of `body` after `warmUp` untimed runs.
  static func median(
    iterations: Int = 31, warmUp: Int = 3, _ body: () async throws -> Void
  ) async throws -> Measurement {
    for _ in 0..<warmUp { try await body() }
    var samples: [Double] = []
    let clock = ContinuousClock()
    for _ in 0..<iterations {
      let start = clock.now
      try await body()
      samples.append(milliseconds(clock.now - start))
    }
    samples.sort()
    let p90 = samples[min(samples.count - 1, samples.count * 9 / 10)]
    return Measurement(value: samples[samples.count / 2], unit: .milliseconds, detail: "p90 " + Table.format(p90))
  }

  static func milliseconds(_ duration: Duration) -> Double {
    duration.inMilliseconds
  }
}

struct BenchmarkFailure: Error, CustomStringConvertible {
  let message: String
  var description: String { message }
}
