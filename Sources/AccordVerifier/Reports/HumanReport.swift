import AccordMatching
import AccordModel
import Foundation

/// The report a person reads: each interaction with its states and PASS, FAIL or PENDING, and below a failure each
/// mismatch with its path, what was expected and what came.
///
/// ```text
/// Verifying ExampleWeb → UserService (contracts/ExampleWeb-UserService.json)
///
///   a request for user 42
///     given user 42 exists
///     FAIL
///       $.id: expected an integer but got "42" (string)
/// ```
public struct HumanReport: CustomStringConvertible, Sendable {
  public var report: VerificationReport

  public init(_ report: VerificationReport) {
    self.report = report
  }

  public var description: String {
    var lines: [String] = []
    for contract in report.contracts {
      if !lines.isEmpty { lines.append("") }
      lines.append("Verifying \(contract.consumer) → \(contract.provider) (\(contract.origin))")
      if contract.pending { lines.append("  (this contract is pending: its failures do not fail the run)") }
      for notice in contract.notices { lines.append("  note: \(notice)") }
      for warning in contract.warnings { lines.append("  warning: \(warning)") }
      let results = report.results.filter { $0.origin == contract.origin && $0.consumer == contract.consumer }
      if results.isEmpty { lines.append("  no interactions to verify (check the filters)") }
      for result in results {
        lines.append("")
        lines.append("  \(result.description)")
        for comment in result.commentLines { lines.append("    # \(comment)") }
        for state in result.providerStates {
          let params = state.params.isEmpty ? "" : " " + JSONValue.object(JSONObject(state.params)).serialized()
          lines.append("    given \(state.name)\(params)")
        }
        switch result.outcome {
        case .passed:
          lines.append("    PASS (\(Self.milliseconds(result.duration)))")
        case .failed(let mismatches, let errors):
          lines.append(result.pending ? "    PENDING (failed; pending interactions do not fail the run)" : "    FAIL")
          for error in errors { lines.append("      \(error)") }
          for mismatch in mismatches { lines.append("      \(mismatch)") }
        }
        for note in result.notes { lines.append("    note: \(note)") }
      }
    }
    lines.append("")
    lines.append(summary)
    return lines.joined(separator: "\n")
  }

  /// `3 interactions: 2 passed, 1 failed, 0 pending failures`
  public var summary: String {
    let count = report.results.count
    var parts = ["\(report.passedCount) passed", "\(report.failedCount) failed"]
    if report.pendingFailureCount > 0 { parts.append("\(report.pendingFailureCount) pending (not failing)") }
    return "\(count) interaction\(count == 1 ? "" : "s"): " + parts.joined(separator: ", ")
  }

  static func milliseconds(_ duration: Duration) -> String {
    let value = duration.inMilliseconds
    return String(format: "%.0f ms", value)
  }
}
