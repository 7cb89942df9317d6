import AccordModel
import ArgumentParser

/// `accord`: consumer-driven contract testing with Pact contracts.
@available(macOS 10.15, macCatalyst 13, iOS 13, tvOS 13, watchOS 6, *)
public struct AccordCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "accord",
    abstract: "Consumer-driven contract testing, speaking Pact.",
    discussion: """
      Consumers record contracts in their own `swift test` and `accord publish` them to a broker (`accord \
      broker`); providers verify them with `accord verify`; `accord can-i-deploy` gates each deployment and \
      `accord record-deployment` records it. `accord stub` serves a contract's responses for local development; `accord compare` checks a contract \
      against a provider's OpenAPI document. `accord demo` runs the whole loop on \
      the sample services. `accord --version` prints the version.
      """,
    // No `version:` here: with it, ArgumentParser answers any failed parse whose arguments hold `--version` with
    // the tool's version and exit status 0, so `accord can-i-deploy --version 1.0 --broker-url typo` would pass a
    // CI gate. `accord --version` is answered in runMain instead (a root flag would take subcommands' --version).
    subcommands: [
      VerifyCommand.self, StubCommand.self, CompareCommand.self, BrokerCommand.self, PublishCommand.self,
      CanIDeployCommand.self,
      CanIMergeCommand.self,
      RecordDeploymentCommand.self, RecordUndeploymentCommand.self, RecordReleaseCommand.self,
      RecordSupportEndedCommand.self,
      CreateEnvironmentCommand.self, DescribeVersionCommand.self, ListEnvironmentsCommand.self, UsageCommand.self,
      DemoCommand.self,
    ]
  )

  public init() {}

  /// Parses the command line, runs the chosen subcommand, and exits with its status.
  public static func runMain(arguments: [String]? = nil) async {
    if (arguments ?? Array(CommandLine.arguments.dropFirst())) == ["--version"] {
      print(AccordVersion.current)
      return
    }
    do {
      var command = try parseAsRoot(arguments)
      if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch {
      exit(withError: error)
    }
  }
}
