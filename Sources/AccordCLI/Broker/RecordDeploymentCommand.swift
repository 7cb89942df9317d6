import AccordClient
import AccordModel
import ArgumentParser
import Foundation

/// `accord record-deployment`: records that a version is now deployed to an environment.
struct RecordDeploymentCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "record-deployment",
    abstract: "Record that a version is deployed to an environment.",
    discussion: """
      The version deployed before to the same environment (and application instance) is marked undeployed.

      Example:
        accord record-deployment --pacticipant web --version 1.4.0 --environment production
      """
  )

  @Option(help: "The pacticipant deployed.") var pacticipant: String
  @Option(help: "Its version.") var version: String
  @Option(help: "The environment deployed to.") var environment: String
  @Option(
    name: .customLong("application-instance"),
    help: "When several instances run side by side (regions, tenants), which one.")
  var applicationInstance: String?
  @Option(help: "table or json.") var output: OutputFormat = .table
  @OptionGroup var broker: BrokerOptions

  func run() async throws {
    let client = try broker.client()
    do {
      let answer = try await client.recordDeployment(
        pacticipant: pacticipant, version: version, environment: environment, applicationInstance: applicationInstance)
      if output == .json {
        print(answer.serialized(.pretty))
      } else {
        print(PrintSafe.escaped("Recorded deployment of \(pacticipant) \(version) to \(environment)"))
      }
    } catch {
      throw BrokerFailure.report("record-deployment", error)
    }
  }
}
