import AccordMatching
import AccordModel

/// The report as JSON, for tools: contracts, and each interaction with its outcome and mismatches.
public struct JSONReport: Sendable {
  public var report: VerificationReport

  public init(_ report: VerificationReport) {
    self.report = report
  }

  public var json: JSONValue {
    let contracts = report.contracts.map { contract -> JSONValue in
      [
        "consumer": .string(contract.consumer), "provider": .string(contract.provider),
        "origin": .string(contract.origin),
        "pending": .bool(contract.pending), "notices": .array(contract.notices.map(JSONValue.string)),
        "warnings": .array(contract.warnings.map(JSONValue.string)),
      ]
    }
    let interactions = report.results.map { result -> JSONValue in
      var object: JSONObject = [
        "consumer": .string(result.consumer), "provider": .string(result.provider),
        "description": .string(result.description), "type": .string(result.kind), "pending": .bool(result.pending),
        "origin": .string(result.origin),
        "durationMs": .double((JUnitReport.seconds(result.duration) * 1_000_000).rounded() / 1000),
        "providerStates": .array(
          result.providerStates.map { ["name": .string($0.name), "params": .object(JSONObject($0.params))] }),
        "notes": .array(result.notes.map(JSONValue.string)),
      ]
      if !result.comments.isEmpty { object["comments"] = .object(JSONObject(result.comments)) }
      switch result.outcome {
      case .passed:
        object["result"] = "passed"
      case .failed(let mismatches, let errors):
        object["result"] = result.pending ? "pending" : "failed"
        object["errors"] = .array(errors.map(JSONValue.string))
        object["mismatches"] = .array(mismatches.map(\.json))
      }
      return .object(object)
    }
    return [
      "succeeded": .bool(report.succeeded),
      "summary": [
        "interactions": .int(report.results.count), "passed": .int(report.passedCount),
        "failed": .int(report.failedCount),
        "pendingFailures": .int(report.pendingFailureCount),
      ],
      "contracts": .array(contracts), "interactions": .array(interactions),
    ]
  }
}
