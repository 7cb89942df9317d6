extension Duration {
  /// Nanoseconds, clamped to what `Int64` holds: `.seconds(Int64.max)` does not trap, it stops at `Int64.max`.
  ///
  /// ```swift
  /// Duration.seconds(2).clampedNanoseconds  // 2_000_000_000
  /// ```
  package var clampedNanoseconds: Int64 {
    let (seconds, overflow) = components.seconds.multipliedReportingOverflow(by: 1_000_000_000)
    if overflow { return components.seconds < 0 ? Int64.min : Int64.max }
    let (total, overflowAdding) = seconds.addingReportingOverflow(components.attoseconds / 1_000_000_000)
    return overflowAdding ? Int64.max : total
  }
}

extension Duration {
  /// The duration in seconds, with its fraction.
  ///
  /// ```swift
  /// Duration.milliseconds(1500).inSeconds  // 1.5
  /// ```
  package var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }

  /// The duration in milliseconds, with its fraction.
  ///
  /// ```swift
  /// Duration.microseconds(2500).inMilliseconds  // 2.5
  /// ```
  package var inMilliseconds: Double {
    Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
  }
}
