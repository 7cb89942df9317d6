import AccordClient
import AccordModel
import ArgumentParser
import Foundation

/// `accord list-environments`: the broker's environments.
struct ListEnvironmentsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list-environments", abstract: "List the broker's environments.")

  @Option(help: "table or json.") var output: OutputFormat = .table
  @OptionGroup var broker: BrokerOptions

  func run() async throws {
    let client = try broker.client()
    let environments: [JSONValue]
    do {
      environments = try await client.environments()
    } catch {
      throw BrokerFailure.report("list-environments", error)
    }
    if output == .json {
      print(JSONValue.array(environments).serialized(.pretty))
      return
    }
    guard !environments.isEmpty else {
      print("No environments yet; create one with `accord create-environment --name production --production`")
      return
    }
    print(
      TextTable.render(
        ["NAME", "DISPLAY NAME", "PRODUCTION", "UUID"],
        environments.map { environment in
          [
            environment["name"]?.stringValue ?? "", environment["displayName"]?.stringValue ?? "",
            environment["production"]?.boolValue == true ? "yes" : "no", environment["uuid"]?.stringValue ?? "",
          ]
        }))
  }
}
