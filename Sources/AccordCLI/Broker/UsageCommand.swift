import AccordClient
import AccordModel
import ArgumentParser
import Foundation

/// `accord usage`: which consumers rely on which fields of a provider, and which fields none uses.
struct UsageCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "usage",
    abstract: "Who uses which response and message field of a provider, and which fields no consumer uses.",
    discussion: """
      Reads the contracts of the provider's consumers that matter — the latest of each main branch, and every \
      version deployed or released — and lists each field they rely on (a JSON path per endpoint or message) with \
      the consumer versions. Fields the provider answered with during Accord verifications that no consumer relies \
      on are listed as unused: candidates to remove.

      Examples:
        accord usage --provider user-service
        accord usage --provider user-service --field name
        accord usage --provider order-service --path /orders --output json
      """)

  @Option(help: "The provider.") var provider: String
  @Option(help: "Only endpoints whose method and path (or message description) contain this text.") var path: String?
  @Option(help: "Only this field: a JSON path ($.user.name) or its last name (name).") var field: String?
  @Option(help: "table or json.") var output: OutputFormat = .table
  @OptionGroup var broker: BrokerOptions

  func run() async throws {
    let client = try broker.client()
    let document: JSONValue
    do {
      document = try await client.fieldUsage(provider: provider)
    } catch {
      throw BrokerFailure.report("usage", error)
    }
    let fields = (document["fields"]?.arrayValue ?? []).filter(keep)
    let unused = (document["unusedFields"]?.arrayValue ?? []).filter(keep)
    if output == .json {
      var filtered = document.objectValue ?? [:]
      filtered["fields"] = .array(fields)
      filtered["unusedFields"] = .array(unused)
      print(JSONValue.object(filtered).serialized(.pretty))
      return
    }
    print(Self.table(provider: provider, fields: fields, unused: unused, filtered: field != nil || path != nil))
  }

  func keep(_ entry: JSONValue) -> Bool {
    let endpoint = entry["endpoint"]?.stringValue ?? ""
    let fieldPath = entry["path"]?.stringValue ?? ""
    if let path, !endpoint.contains(path) { return false }
    if let field, !Self.matches(fieldPath, field) { return false }
    return true
  }

  /// `$.user.name` matches `$.user.name`, `user.name` and `name`.
  static func matches(_ path: String, _ field: String) -> Bool {
    if path == field { return true }
    let wanted = field.hasPrefix("$") ? field : "." + field
    return path.hasSuffix(wanted) || path.hasSuffix("['\(field)']")
  }

  static func table(provider: String, fields: [JSONValue], unused: [JSONValue], filtered: Bool) -> String {
    var lines: [String] = []
    let name = PrintSafe.escaped(provider)
    if fields.isEmpty {
      lines.append(
        filtered
          ? "No consumer of \(name) relies on that field (latest main-branch, deployed and released versions)."
          : "No consumer of \(name) relies on any field (no contract has a response or message body).")
    } else {
      lines.append(
        "Fields of \(name) its consumers rely on (latest main-branch, deployed and released consumer versions):")
      var endpoint = ""
      let width = min(48, fields.map { ($0["path"]?.stringValue ?? "").count }.max() ?? 0)
      for entry in fields {
        let current = entry["endpoint"]?.stringValue ?? "?"
        if current != endpoint {
          endpoint = current
          lines.append("")
          lines.append(PrintSafe.escaped(current))
        }
        let consumers = (entry["consumers"]?.arrayValue ?? []).map { consumer -> String in
          let reasons = (consumer["reasons"]?.arrayValue ?? []).compactMap(\.stringValue).map(shortReason)
          let text = "\(consumer["name"]?.stringValue ?? "?") \(consumer["version"]?.stringValue ?? "?")"
          return reasons.isEmpty ? text : text + " (" + Array(Set(reasons)).sorted().joined(separator: ", ") + ")"
        }
        let fieldPath = PrintSafe.escaped(entry["path"]?.stringValue ?? "?")
        lines.append(
          "  " + fieldPath.padding(toLength: max(width, fieldPath.count), withPad: " ", startingAt: 0) + "  "
            + PrintSafe.escaped(consumers.joined(separator: "; ")))
      }
    }
    if !unused.isEmpty {
      lines.append("")
      lines.append("Fields \(name) answers with that no consumer relies on (from its verifications):")
      var endpoint = ""
      for entry in unused {
        let current = entry["endpoint"]?.stringValue ?? "?"
        if current != endpoint {
          endpoint = current
          lines.append(PrintSafe.escaped(current))
        }
        lines.append("  " + PrintSafe.escaped(entry["path"]?.stringValue ?? "?"))
      }
    }
    return lines.joined(separator: "\n")
  }

  /// "latest version of web from the main branch 'main' (1.0.0)" → "main branch"; "latest version of web from
  /// branch 'feat' (2.0)" → "branch feat"; "currently deployed version of web in production (1.0.0)" → "deployed in
  /// production".
  static func shortReason(_ reason: String) -> String {
    if reason.contains("from the main branch") { return "main branch" }
    if let range = reason.range(of: "from branch '") {
      return "branch " + reason[range.upperBound...].prefix { $0 != "'" }
    }
    for (phrase, short) in [("currently deployed", "deployed"), ("currently released", "released")]
    where reason.hasPrefix(phrase) {
      guard let range = reason.range(of: " in ") else { return short }
      return short + " in " + reason[range.upperBound...].prefix { $0 != " " }
    }
    return reason
  }
}
