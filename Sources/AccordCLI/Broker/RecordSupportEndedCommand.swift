import AccordClient
import AccordModel
import ArgumentParser
import Foundation

/// `accord record-support-ended`: records that a released version is no longer supported in an environment (a
/// mobile app version retired), so can-i-deploy stops checking its consumers against it.
struct RecordSupportEndedCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "record-support-ended",
    abstract: "Record that a released version is no longer supported in an environment.",
    discussion: """
      Example:
        accord record-support-ended --pacticipant ios-app --version 4.2.0 --environment production
      """
  )

  @Option(help: "The pacticipant.") var pacticipant: String
  @Option(help: "The released version no longer supported.") var version: String
  @Option(help: "The environment it was released to.") var environment: String
  @OptionGroup var broker: BrokerOptions

  func run() async throws {
    let client = try broker.client()
    let ended: Bool
    do {
      ended = try await client.recordSupportEnded(pacticipant: pacticipant, version: version, environment: environment)
    } catch {
      throw BrokerFailure.report("record-support-ended", error)
    }
    guard ended else {
      throw CommandFailure.report(
        "record-support-ended",
        message: PrintSafe.escaped(
          "\(pacticipant) \(version) has no supported release in \(environment); record-release records one"))
    }
    print(PrintSafe.escaped("Recorded support ended for \(pacticipant) \(version) in \(environment)"))
  }
}
