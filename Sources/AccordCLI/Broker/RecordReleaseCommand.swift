import AccordClient
import AccordModel
import ArgumentParser
import Foundation

/// `accord record-release`: records that a version is released to an environment (several may be in use).
struct RecordReleaseCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "record-release",
    abstract: "Record that a version is released to an environment.",
    discussion: """
      For apps and libraries, where several released versions are in use at once.

      Example:
        accord record-release --pacticipant ios-app --version 3.2.0 --environment production
      """
  )

  @Option(help: "The pacticipant released.") var pacticipant: String
  @Option(help: "Its version.") var version: String
  @Option(help: "The environment released to.") var environment: String
  @Option(help: "table or json.") var output: OutputFormat = .table
  @OptionGroup var broker: BrokerOptions

  func run() async throws {
    let client = try broker.client()
    do {
      let answer = try await client.recordRelease(pacticipant: pacticipant, version: version, environment: environment)
      if output == .json {
        print(answer.serialized(.pretty))
      } else {
        print(PrintSafe.escaped("Recorded release of \(pacticipant) \(version) to \(environment)"))
      }
    } catch {
      throw BrokerFailure.report("record-release", error)
    }
  }
}
