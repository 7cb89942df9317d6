import Foundation

/// Prints results as an aligned text table.
enum Table {
  struct Row {
    var benchmark: Benchmark
    var ours: Measurement
    var reference: String
    /// Each limit measured, as "name figure (accord's factor)".
    var limits: String = "—"
  }

  static func render(_ rows: [Row]) -> String {
    let header = ["case", "accord", "detail", "goal", "result", "pact reference", "limit (bare server)", "what"]
    let cells = rows.map { row in
      [
        row.benchmark.name, row.ours.text, row.ours.detail ?? "", row.benchmark.goal?.text ?? "—",
        row.benchmark.goal.map { $0.isMet(by: row.ours) ? "met" : "MISSED" } ?? "—", row.reference, row.limits,
        row.benchmark.summary,
      ]
    }
    let widths = header.indices.map { column in ([header] + cells).map { $0[column].count }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { index, cell in
        index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
      }.joined(separator: "  ")
    }
    return ([line(header), line(widths.map { String(repeating: "-", count: $0) })] + cells.map(line))
      .joined(separator: "\n")
  }

  /// A factor where more than 1 means Accord is ahead: "1.32×".
  static func factor(_ value: Double) -> String { String(format: "%.2f×", value) }

  static func format(_ milliseconds: Double) -> String {
    if milliseconds >= 100 { return String(format: "%.0f ms", milliseconds) }
    if milliseconds >= 1 { return String(format: "%.2f ms", milliseconds) }
    return String(format: "%.0f µs", milliseconds * 1000)
  }
}
