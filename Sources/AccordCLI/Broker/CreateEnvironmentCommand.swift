import AccordClient
import AccordModel
import ArgumentParser
import Foundation

/// `accord create-environment`: creates an environment to record deployments to.
struct CreateEnvironmentCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "create-environment",
    abstract: "Create an environment (test, production…).",
    discussion: """
      Example:
        accord create-environment --name production --production
      """
  )

  @Option(help: "Its name, as commands refer to it.") var name: String
  @Option(name: .customLong("display-name"), help: "A name for people.") var displayName: String?
  @Flag(help: "It is a production environment.") var production = false
  @Option(help: "table or json.") var output: OutputFormat = .table
  @OptionGroup var broker: BrokerOptions

  func run() async throws {
    let client = try broker.client()
    do {
      let created = try await client.createEnvironment(name: name, displayName: displayName, production: production)
      if output == .json {
        print(created.serialized(.pretty))
      } else {
        let uuid = created["uuid"]?.stringValue ?? "?"
        print(
          PrintSafe.escaped(
            "Created environment \(name) (\(production ? "production" : "not production"), uuid \(uuid))"))
      }
    } catch {
      throw BrokerFailure.report("create-environment", error)
    }
  }
}
