import AccordMatching
import AccordModel
import Foundation

/// JUnit XML: one test suite per contract, one test case per interaction; a failure lists the mismatches; a failing
/// pending interaction is `<skipped>`, so CI dashboards show it without failing.
public struct JUnitReport: Sendable {
  public var report: VerificationReport

  public init(_ report: VerificationReport) {
    self.report = report
  }

  public var xml: String {
    var lines = [#"<?xml version="1.0" encoding="UTF-8"?>"#]
    lines.append(
      #"<testsuites name="accord verify" tests="\#(report.results.count)" failures="\#(report.failedCount)" skipped="\#(report.pendingFailureCount)">"#
    )
    for contract in report.contracts {
      let results = report.results.filter { $0.origin == contract.origin && $0.consumer == contract.consumer }
      let failures = results.filter(\.failsTheRun).count
      let skipped = results.filter { !$0.passed && $0.pending }.count
      let seconds = results.reduce(0.0) { $0 + Self.seconds($1.duration) }
      let name = Self.escape("\(contract.consumer) → \(contract.provider)")
      lines.append(
        #"  <testsuite name="\#(name)" tests="\#(results.count)" failures="\#(failures)" skipped="\#(skipped)" time="\#(String(format: "%.3f", seconds))">"#
      )
      let className = Self.escape("\(contract.consumer).\(contract.provider)")
      for result in results {
        let time = String(format: "%.3f", Self.seconds(result.duration))
        let testName = Self.escape(result.description)
        let comments = result.commentLines.map(Self.escape).joined(separator: "\n")
        let output = comments.isEmpty ? nil : "      <system-out>\(comments)</system-out>"
        guard case .failed(let mismatches, let errors) = result.outcome else {
          if let output {
            lines.append(#"    <testcase name="\#(testName)" classname="\#(className)" time="\#(time)">"#)
            lines += [output, "    </testcase>"]
          } else {
            lines.append(#"    <testcase name="\#(testName)" classname="\#(className)" time="\#(time)"/>"#)
          }
          continue
        }
        let details = (errors + mismatches.map(\.description)).map(Self.escape).joined(separator: "\n")
        lines.append(#"    <testcase name="\#(testName)" classname="\#(className)" time="\#(time)">"#)
        if result.pending {
          lines.append(
            #"      <skipped message="pending: failed, but pending interactions do not fail the run">\#(details)</skipped>"#
          )
        } else {
          let message = Self.escape((errors + mismatches.map(\.description)).first ?? "failed")
          lines.append(#"      <failure message="\#(message)" type="mismatch">\#(details)</failure>"#)
        }
        if let output { lines.append(output) }
        lines.append("    </testcase>")
      }
      lines.append("  </testsuite>")
    }
    lines.append("</testsuites>")
    return lines.joined(separator: "\n") + "\n"
  }

  static func seconds(_ duration: Duration) -> Double {
    duration.inSeconds
  }

  static func escape(_ text: String) -> String { XMLText.escaped(text, keepingLineBreaks: true) }
}
