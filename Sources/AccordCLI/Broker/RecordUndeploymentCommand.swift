import AccordClient
import AccordModel
import ArgumentParser
import Foundation

/// `accord record-undeployment`: records that a pacticipant is no longer deployed to an environment.
struct RecordUndeploymentCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "record-undeployment",
    abstract: "Record that a pacticipant is no longer deployed to an environment.",
    discussion: """
      Example:
        accord record-undeployment --pacticipant web --environment test
      """
  )

  @Option(help: "The pacticipant undeployed.") var pacticipant: String
  @Option(help: "The environment.") var environment: String
  @Option(name: .customLong("application-instance"), help: "Only this application instance.")
  var applicationInstance: String?
  @OptionGroup var broker: BrokerOptions

  func run() async throws {
    let client = try broker.client()
    let undeployed: [String]
    do {
      undeployed = try await client.recordUndeployment(
        pacticipant: pacticipant, environment: environment, applicationInstance: applicationInstance)
    } catch {
      throw BrokerFailure.report("record-undeployment", error)
    }
    guard !undeployed.isEmpty else {
      throw CommandFailure.report(
        "record-undeployment", message: PrintSafe.escaped("\(pacticipant) is not deployed to \(environment)"))
    }
    print(
      PrintSafe.escaped(
        "Recorded undeployment of \(pacticipant) \(undeployed.joined(separator: ", ")) from \(environment)"))
  }
}
