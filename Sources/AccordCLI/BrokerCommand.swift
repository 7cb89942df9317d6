import ArgumentParser

/// `accord broker`: runs a broker (`serve`, the default) or maintains its database (`clean`).
///
/// The group holds no options of its own: a parent's option would take the value meant for a subcommand's option
/// of the same name (`accord broker clean --database …` once cleaned the default file instead).
struct BrokerCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "broker",
    abstract: "Run a contract broker that speaks the Pact Broker API, or clean its database.",
    discussion: """
      `accord broker` with no subcommand is `accord broker serve`: `accord broker serve --help` lists its options.

      Examples:
        accord broker
        accord broker --port 9393 --database sqlite:/var/lib/accord/broker.sqlite
        accord broker clean --database sqlite:/var/lib/accord/broker.sqlite --keep-latest 10 --keep-days 90 --dry-run
      """,
    subcommands: [BrokerServeCommand.self, BrokerCleanCommand.self],
    defaultSubcommand: BrokerServeCommand.self
  )
}
