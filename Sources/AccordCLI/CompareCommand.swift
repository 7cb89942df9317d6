import AccordClient
import AccordModel
import AccordOpenAPI
import ArgumentParser
import Foundation

/// `accord compare`: a consumer contract against a provider's OpenAPI document, offline.
struct CompareCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Check a consumer contract against a provider's OpenAPI document.",
    discussion: """
      Maps each HTTP interaction to the operation it calls and reports everything it sends or expects that the \
      document does not offer: an unknown path or method, a required parameter not sent, a body the schema \
      rejects, a status not declared, a media type not offered, a response property the schema does not define. \
      Each finding names its place in the contract and in the document. Exit status 0 when compatible, 1 when not.

      Examples:
        accord compare --contract contracts/Web-UserService.json --openapi openapi.yaml
        accord compare --contract pacts/ --openapi openapi.json --output json
      """)

  @Option(
    name: [.customLong("contract"), .customLong("file")],
    help: "A consumer contract (Pact file), or a directory of them (repeatable).")
  var contracts: [String] = []

  @Option(help: "The provider's OpenAPI document (3.0 or 3.1; JSON or YAML).")
  var openapi: String

  @Option(help: "table (for people) or json (for tools).")
  var output: OutputFormat = .table

  func validate() throws {
    if contracts.isEmpty { throw ValidationError("give the consumer contract to check: --contract PATH") }
  }

  func run() async throws {
    let documentData: Data
    do {
      documentData = try Data(contentsOf: URL(fileURLWithPath: openapi))
    } catch {
      throw CommandFailure.report(
        "compare", message: "cannot read \(openapi): \(Self.reason(error))", flag: "--openapi")
    }
    let document: OpenAPIDocument
    do {
      document = try OpenAPIDocument(data: documentData, source: openapi)
    } catch {
      throw CommandFailure.report("compare", error, flag: "--openapi")
    }
    var sourced: [SourcedContract] = []
    for path in contracts {
      do {
        sourced += try await FileContractSource(path: path).contracts()
      } catch {
        throw CommandFailure.report("compare", error, flag: "--contract")
      }
    }
    let comparison = ContractComparison(document)
    let reports = sourced.map { comparison.compare($0.contract) }
    switch output {
    case .table: print(reports.map(Self.table).joined(separator: "\n"))
    case .json: print(JSONValue.array(reports.map(Self.json)).serialized(.pretty))
    }
    if !reports.allSatisfy(\.isCompatible) { throw ExitCode(1) }
  }

  private static func reason(_ error: any Error) -> String {
    (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
  }

  static func table(_ report: ComparisonReport) -> String {
    var lines = [
      "\(PrintSafe.escaped(report.consumer)) → \(PrintSafe.escaped(report.provider)), compared with \(report.document)"
    ]
    var counts = (compatible: 0, incompatible: 0, skipped: 0)
    for result in report.interactions {
      let name = PrintSafe.quoted(result.description)
      if let skipped = result.skipped {
        counts.skipped += 1
        lines.append("  - \(name): not checked, \(skipped)")
        continue
      }
      let operation = result.operation.map {
        " — \($0.method) \(PrintSafe.escaped($0.path))" + ($0.operationId.map { " (\(PrintSafe.escaped($0)))" } ?? "")
      }
      if result.isCompatible {
        counts.compatible += 1
        lines.append("  ✓ \(name)\(operation ?? "")")
        continue
      }
      counts.incompatible += 1
      lines.append("  ✗ \(name)\(operation ?? "")")
      for finding in result.incompatibilities {
        lines.append("      \(PrintSafe.escaped(finding.consumerPath)): \(PrintSafe.escaped(finding.message))")
        lines.append("        [\(finding.kind.rawValue)] document: \(PrintSafe.escaped(finding.providerPath))")
      }
    }
    lines.append(
      "\(report.interactions.count) interactions: \(counts.compatible) compatible, \(counts.incompatible) "
        + "incompatible\(counts.skipped > 0 ? ", \(counts.skipped) not checked" : "")")
    return lines.joined(separator: "\n")
  }

  static func json(_ report: ComparisonReport) -> JSONValue {
    .object([
      "consumer": .string(report.consumer), "provider": .string(report.provider),
      "document": .string(report.document), "compatible": .bool(report.isCompatible),
      "interactions": .array(
        report.interactions.map { result in
          var entry: JSONObject = [
            "index": .int(result.index), "description": .string(result.description),
            "compatible": .bool(result.isCompatible),
            "incompatibilities": .array(
              result.incompatibilities.map {
                [
                  "kind": .string($0.kind.rawValue), "message": .string($0.message),
                  "consumerPath": .string($0.consumerPath), "providerPath": .string($0.providerPath),
                ]
              }),
          ]
          if let operation = result.operation {
            var described: JSONObject = [
              "method": .string(operation.method), "path": .string(operation.path),
              "location": .string(operation.location),
            ]
            if let id = operation.operationId { described["operationId"] = .string(id) }
            entry["operation"] = .object(described)
          }
          if let skipped = result.skipped { entry["skipped"] = .string(skipped) }
          return .object(entry)
        }),
    ])
  }
}
