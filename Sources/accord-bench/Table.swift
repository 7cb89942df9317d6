import Foundation

/// Prints results as an aligned text table of medians.
enum Table {
  static func render(_ results: [BenchmarkResult]) -> String {
    let header = ["case", "median", "p90", "goal", "result", "what"]
    let rows = results.map { result in
      [
        result.benchmark.name, format(result.median), format(result.p90),
        result.benchmark.goalMilliseconds.map { "≤ " + format($0) } ?? "—", result.verdict, result.benchmark.summary,
      ]
    }
    let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { index, cell in
        index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
      }.joined(separator: "  ")
    }
    return ([line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line))
      .joined(separator: "\n")
  }

  static func format(_ milliseconds: Double) -> String {
    if milliseconds >= 100 { return String(format: "%.0f ms", milliseconds) }
    if milliseconds >= 1 { return String(format: "%.2f ms", milliseconds) }
    return String(format: "%.1f µs", milliseconds * 1000)
  }
}
