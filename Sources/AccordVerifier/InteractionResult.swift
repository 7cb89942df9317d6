import AccordMatching
import AccordModel

/// How one interaction fared.
public struct InteractionResult: Sendable {
  public enum Outcome: Sendable {
    case passed
    /// Mismatches between what the contract expects and what the provider did, and errors that kept it from
    /// being checked (a state that could not be set up, a timeout).
    case failed(mismatches: [Mismatch], errors: [String])
  }

  public var consumer: String
  public var provider: String
  public var description: String
  public var providerStates: [ProviderState]
  /// `Synchronous/HTTP`, `Asynchronous/Messages`, `Synchronous/Messages`.
  public var kind: String
  /// A pending interaction (or contract) that fails is reported but does not fail the run.
  public var pending: Bool
  public var outcome: Outcome
  public var duration: Duration
  /// Things worth knowing that are not failures (a generator that kept its example, a teardown that failed).
  public var notes: [String]
  /// The contract file or URL.
  public var origin: String
  /// The interaction's V4 comments (`text`, `testname`, `references`), as the contract has them.
  public var comments: [String: JSONValue] = [:]
  /// What the provider answered, as field paths (`$.orders[*].id`), and the request that got it (`nil` for a
  /// message): published with the results, so the broker can tell which fields no consumer uses.
  public var observed: Observed? = nil

  public struct Observed: Sendable, Hashable {
    public var method: String?
    public var path: String?
    public var fields: [String]
  }

  /// The comments as lines a person reads: each text, then `test: <testname>`, then each reference as
  /// `<group> <name>: <value>`.
  public var commentLines: [String] {
    var lines: [String] = []
    switch comments["text"] {
    case .array(let texts)?: lines += texts.map { $0.stringValue ?? $0.serialized() }
    case .string(let text)?: lines.append(text)
    default: break
    }
    if let test = comments["testname"] { lines.append("test: " + (test.stringValue ?? test.serialized())) }
    if case .object(let groups)? = comments["references"] {
      for (group, value) in groups {
        if case .object(let entries) = value {
          for (name, reference) in entries {
            lines.append("\(group) \(name): " + (reference.stringValue ?? reference.serialized()))
          }
        } else {
          lines.append("\(group): " + (value.stringValue ?? value.serialized()))
        }
      }
    }
    return lines
  }

  public var passed: Bool {
    if case .passed = outcome { return true }
    return false
  }

  /// Failed and not pending: this fails the run.
  public var failsTheRun: Bool { !passed && !pending }
}

/// Everything a verification run found.
public struct VerificationReport: Sendable {
  /// A contract that was verified, with its source's notices.
  public struct ContractSummary: Sendable {
    public var consumer: String
    public var provider: String
    public var origin: String
    public var pending: Bool
    public var notices: [String]
    public var warnings: [String]
    /// Where a broker takes this contract's verification result (`pb:publish-verification-results`), if it came
    /// from one.
    public var verificationResultsURL: String? = nil
  }

  public var contracts: [ContractSummary]
  public var results: [InteractionResult]

  /// True when every interaction that is not pending passed.
  public var succeeded: Bool { !results.contains(where: \.failsTheRun) }

  public var passedCount: Int { results.filter(\.passed).count }
  public var failedCount: Int { results.filter(\.failsTheRun).count }
  public var pendingFailureCount: Int { results.filter { !$0.passed && $0.pending }.count }
}
