import AccordClient
import AccordModel
import ArgumentParser
import Foundation

/// `accord can-i-deploy`: asks the broker whether a version may be deployed, and says why.
struct CanIDeployCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "can-i-deploy",
    abstract: "Ask whether a version can be deployed to an environment.",
    discussion: """
      Every integration with what is deployed in the environment must have a successful verification. Prints \
      one line per integration and exits 0 only when the answer is yes (1 for no or unknown).

      Examples:
        accord can-i-deploy --pacticipant web --version 1.4.0 --to-environment production
        accord can-i-deploy --pacticipant web --version 1.4.0 --to-environment production --retry-while-unknown 12 --retry-interval 10
      """
  )

  @Option(help: "The pacticipant to deploy.")
  var pacticipant: String

  @Option(help: "Its version.")
  var version: String

  @Option(name: .customLong("to-environment"), help: "The environment to deploy to.")
  var environment: String?

  @Option(
    name: .customLong("to"), help: "Instead of an environment: deploy alongside the latest versions with this tag.")
  var tag: String?

  @Option(help: "table (for people) or json (the broker's answer).")
  var output: OutputFormat = .table

  @Option(
    name: .customLong("retry-while-unknown"),
    help: "While the answer is unknown (verifications still to come), ask again up to this many times.")
  var retries: Int = 0

  @Option(name: .customLong("retry-interval"), help: "Seconds between retries.")
  var interval: Double = 10

  @OptionGroup var broker: BrokerOptions

  func validate() throws {
    if (environment == nil) == (tag == nil) {
      throw ValidationError("give where to deploy: --to-environment NAME (or --to TAG), one of them")
    }
    if !(0...1000).contains(retries) { throw ValidationError("--retry-while-unknown must be from 0 to 1000") }
    if !interval.isFinite || interval < 0 || interval > 3600 {
      throw ValidationError("--retry-interval must be a number of seconds from 0 to 3600")
    }
  }

  func run() async throws {
    let client = try broker.client()
    let target: BrokerClient.Target = environment.map { .environment($0) } ?? .tag(tag ?? "")
    var answer: BrokerClient.CanIDeployAnswer
    var attempt = 0
    while true {
      do {
        answer = try await client.canIDeploy(pacticipant: pacticipant, version: version, to: target)
      } catch {
        throw BrokerFailure.report("can-i-deploy", error)
      }
      guard answer.deployable == nil, attempt < retries else { break }
      attempt += 1
      if output == .table {
        print("Unknown; asking again in \(interval) s (\(attempt) of \(retries))")
        fflush(nil)
      }
      try await Task.sleep(for: .milliseconds(Int64(interval * 1000)))
    }
    switch output {
    case .json:
      print(answer.document.serialized(.pretty))
    case .table:
      let verdict =
        answer.deployable == true ? "Yes, you can deploy" : answer.deployable == false ? "No, do not deploy" : "Unknown"
      let place = environment.map { "to \($0)" } ?? "with the latest versions tagged \(tag ?? "")"
      print("\(verdict): \(pacticipant) \(version) \(place)")
      for line in answer.lines { print("  " + PrintSafe.escaped(line)) }
      print(PrintSafe.escaped(answer.reason))
    }
    if answer.deployable != true { throw ExitCode(1) }
  }
}
