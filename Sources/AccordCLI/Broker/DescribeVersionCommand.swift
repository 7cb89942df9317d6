import AccordClient
import AccordModel
import ArgumentParser
import Foundation

/// `accord describe-version`: a pacticipant version, its branches, tags, deployments and releases.
struct DescribeVersionCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "describe-version",
    abstract: "Describe a pacticipant version (the latest when no --version is given).")

  @Option(help: "The pacticipant.") var pacticipant: String
  @Option(help: "The version; the latest when left out.") var version: String?
  @Option(help: "table or json.") var output: OutputFormat = .table
  @OptionGroup var broker: BrokerOptions

  func run() async throws {
    let client = try broker.client()
    let document: JSONValue
    do {
      document = try await client.version(pacticipant: pacticipant, number: version)
    } catch {
      throw BrokerFailure.report("describe-version", error)
    }
    if output == .json {
      print(document.serialized(.pretty))
      return
    }
    let embedded = document["_embedded"]
    func names(_ key: String) -> String {
      let list = (embedded?[key]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
      return list.isEmpty ? "none" : list.joined(separator: ", ")
    }
    func places(_ key: String, _ current: String) -> String {
      let list = (embedded?[key]?.arrayValue ?? []).filter { $0[current]?.boolValue == true }
        .compactMap { $0["_embedded"]?["environment"]?["name"]?.stringValue }
      return list.isEmpty ? "none" : list.joined(separator: ", ")
    }
    var lines = [
      "\(pacticipant) \(document["number"]?.stringValue ?? "?")",
      "  branches:    \(names("branchVersions"))",
      "  tags:        \(names("tags"))",
      "  deployed to: \(places("deployedVersions", "currentlyDeployed"))",
      "  released to: \(places("releasedVersions", "currentlySupported"))",
    ]
    if let buildURL = document["buildUrl"]?.stringValue { lines.append("  build:       \(buildURL)") }
    print(lines.map(PrintSafe.escaped).joined(separator: "\n"))
  }
}
