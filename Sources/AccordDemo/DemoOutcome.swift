import AccordModel

/// What `accord demo` found: a row per service version, and whether the breaking change was caught.
///
/// ```swift
/// let outcome = try await Demo(options: .init()) { print($0) }.run()
/// print(outcome.table)
/// ```
public struct DemoOutcome: Sendable {
  /// One service version: how its verification went (when it is a provider) and what can-i-deploy answered.
  public struct Row: Sendable, Equatable {
    public var service: String
    public var version: String
    /// Its verification as a provider; `nil` for a service that is no one's provider.
    public var verified: Verification?
    public var deployable: Bool?
    public var reason: String
    public var deployed: Bool
  }

  /// Interactions verified and passed, and the consumers whose contracts they came from.
  public struct Verification: Sendable, Equatable {
    public var passed: Int
    public var total: Int
    public var consumers: [String]
  }

  /// A failed interaction of the breaking change: the consumer, the interaction and what did not match.
  public struct Failure: Sendable, Equatable {
    public var consumer: String
    public var interaction: String
    public var mismatches: [String]
  }

  public var brokerURL: String
  public var rows: [Row] = []
  /// The interactions the breaking change failed.
  public var breakingFailures: [Failure] = []
  /// can-i-deploy's answer for the breaking version (`false` is the expected refusal).
  public var breakingDeployable: Bool?
  public var breakingReason = ""
  /// The consumer versions `accord usage` says rely on the field the breaking change renames (`$.name`).
  public var renamedFieldUsers: [String] = []
  /// What the broker's webhook told the consumer teams' chat (the breaking change's failed verification).
  public var chatMessages: [String] = []

  /// Every released version verified and deployed, and the breaking change caught and refused.
  public var succeeded: Bool {
    let released = rows.filter { $0.version == Demo.version }
    return !released.isEmpty
      && released.allSatisfy { row in row.deployed && (row.verified.map { $0.passed == $0.total } ?? true) }
      && !breakingFailures.isEmpty && breakingDeployable == false && !renamedFieldUsers.isEmpty
  }

  /// The summary table, one line per service version.
  public var table: String {
    let header = ["service", "version", "verified against its consumers", "can-i-deploy to production"]
    var cells: [[String]] = [header]
    for row in rows {
      let verification: String
      if let verified = row.verified {
        let mark = verified.passed == verified.total ? "✔" : "✘"
        verification =
          "\(mark) \(verified.passed)/\(verified.total) passed (\(verified.consumers.joined(separator: ", ")))"
      } else {
        verification = "— (no one's provider)"
      }
      let answer: String
      switch row.deployable {
      case true?: answer = row.deployed ? "yes, deployed" : "yes"
      case false?: answer = "no, refused"
      case nil: answer = "unknown"
      }
      cells.append([row.service, row.version, verification, answer])
    }
    let widths = header.indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
    return cells.enumerated().map { index, line in
      let text = line.enumerated().map { column, cell in
        column == line.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
      }.joined(separator: "  ")
      return index == 0
        ? "  " + text + "\n  " + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") : "  " + text
    }.joined(separator: "\n")
  }
}
