import AccordClient
import AccordModel
import ArgumentParser
import Foundation

/// `--output table|json`: for people, or for tools.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table
  case json
}

/// Prints a broker error the way every broker command does, naming the flag to check.
enum BrokerFailure {
  static func report(_ command: String, _ error: any Error) -> ExitCode {
    let flag: String?
    switch error {
    case ClientError.call(let call) where call.reason == .unreachable || call.reason == .invalidURL:
      flag = "--broker-url"
    case ClientError.status(_, let status, _) where status == 401 || status == 403:
      flag = "--broker-token, or --broker-username and --broker-password"
    default: flag = nil
    }
    return CommandFailure.report(command, error, flag: flag)
  }
}

/// Lines of a simple left-aligned table.
enum TextTable {
  static func render(_ header: [String], _ rows: [[String]]) -> String {
    let all = [header] + rows
    let widths = header.indices.map { column in all.map { PrintSafe.escaped($0[column]).count }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { index, cell in
        let text = PrintSafe.escaped(cell)
        return text + String(repeating: " ", count: max(0, widths[index] - text.count))
      }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
    }
    return ([line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")] + rows.map(line))
      .joined(separator: "\n")
  }
}
