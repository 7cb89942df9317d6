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
      one line per integration and exits 0 only when the answer is yes (1 for no or unknown; 0 with --dry-run).

      Examples:
        accord can-i-deploy --pacticipant web --version 1.4.0 --to-environment production
        accord can-i-deploy --pacticipant web --branch main --to-environment production
        accord can-i-deploy --pacticipant web --version 1.4.0 --to-environment production --retry-while-unknown 12 --retry-interval 10
        accord can-i-deploy --pacticipant web --version 1.4.0 --to-environment production --ignore legacy-auth
      """
  )

  @OptionGroup var question: CanIDeployQuestion

  @Option(name: .customLong("to-environment"), help: "The environment to deploy to.")
  var environment: String?

  @Option(
    name: .customLong("to"), help: "Instead of an environment: deploy alongside the latest versions with this tag.")
  var tag: String?

  func validate() throws {
    if (environment == nil) == (tag == nil) {
      throw ValidationError("give where to deploy: --to-environment NAME (or --to TAG), one of them")
    }
  }

  func run() async throws {
    let target: BrokerClient.Target = environment.map { .environment($0) } ?? .tag(tag ?? "")
    let place = environment.map { "to \($0)" } ?? "with the latest versions tagged \(tag ?? "")"
    try await question.ask(target, place: place, command: "can-i-deploy")
  }
}

/// `accord can-i-merge`: whether a version works with the latest version of each integrated pacticipant's main
/// branch, so its branch can be merged.
struct CanIMergeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "can-i-merge",
    abstract: "Ask whether a version works with the main branch of everything it integrates with.",
    discussion: """
      Every integration with the latest version of each other pacticipant's main branch must have a successful \
      verification. Exits 0 only when the answer is yes (0 with --dry-run), as pact-broker can-i-merge.

      Examples:
        accord can-i-merge --pacticipant web --version 1.4.0
        accord can-i-merge --pacticipant web --branch feat/new-checkout
      """
  )

  @OptionGroup var question: CanIDeployQuestion

  func run() async throws {
    try await question.ask(.mainBranch, place: "with each main branch", command: "can-i-merge")
  }
}

/// What `can-i-deploy` and `can-i-merge` ask about, and how they answer: the pacticipant version (a number, or the
/// latest of a branch, of the main branch, or of all), retries while unknown, and the output.
struct CanIDeployQuestion: ParsableArguments {
  @Option(help: "The pacticipant to deploy.")
  var pacticipant: String

  @Option(help: "Its version.")
  var version: String?

  @Option(help: "Instead of --version: the latest version on this branch.")
  var branch: String?

  @Flag(name: .customLong("main-branch"), help: "Instead of --version: the latest version on its main branch.")
  var mainBranch = false

  @Flag(help: "Instead of --version: its latest version.")
  var latest = false

  @Option(help: "table (for people) or json (the broker's answer).")
  var output: OutputFormat = .table

  @Option(
    name: .customLong("retry-while-unknown"),
    help: "While the answer is unknown (verifications still to come), ask again up to this many times.")
  var retries: Int = 0

  @Option(name: .customLong("retry-interval"), help: "Seconds between retries.")
  var interval: Double = 10

  @Flag(name: .customLong("dry-run"), help: "Print the answer but exit 0 whatever it is.")
  var dryRun = false

  @Option(
    name: .customLong("ignore"),
    help: ArgumentHelp(
      "A pacticipant (PACTICIPANT, or PACTICIPANT:VERSION for one version) whose integrations do not count; "
        + "its rows are still shown, marked ignored. Repeat for several.", valueName: "pacticipant[:version]"))
  var ignore: [String] = []

  @OptionGroup var broker: BrokerOptions

  var selector: BrokerClient.VersionSelector {
    if let version { return .number(version) }
    if let branch { return .latestOnBranch(branch) }
    if mainBranch { return .latestOnMainBranch }
    return .latest(tag: nil)
  }

  /// How the version is named in the answer's first line.
  var versionText: String {
    if let version { return version }
    if let branch { return "(latest on branch \(branch))" }
    return mainBranch ? "(latest on its main branch)" : "(latest)"
  }

  func validate() throws {
    let given = [version != nil, branch != nil, mainBranch, latest].filter { $0 }.count
    if given != 1 {
      throw ValidationError(
        "give which version, once: --version V, --branch B (its latest), --main-branch or --latest")
    }
    for entry in ignore {
      let ignored = BrokerClient.Ignored(entry)
      if ignored.pacticipant.isEmpty || ignored.version?.isEmpty == true {
        throw ValidationError(
          "--ignore \(PrintSafe.quoted(entry)) names nothing; give --ignore NAME or --ignore NAME:VERSION")
      }
    }
    if !(0...1000).contains(retries) { throw ValidationError("--retry-while-unknown must be from 0 to 1000") }
    if !interval.isFinite || interval < 0 || interval > 3600 {
      throw ValidationError("--retry-interval must be a number of seconds from 0 to 3600")
    }
  }

  func ask(_ target: BrokerClient.Target, place: String, command: String) async throws {
    let client = try broker.client()
    var answer: BrokerClient.CanIDeployAnswer
    var attempt = 0
    while true {
      do {
        answer = try await client.canIDeploy(
          pacticipant: pacticipant, selector, to: target, ignoring: ignore.map(BrokerClient.Ignored.init))
      } catch {
        throw BrokerFailure.report(command, error)
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
      let verb = command == "can-i-merge" ? "merge" : "deploy"
      let verdict =
        answer.deployable == true
        ? "Yes, you can \(verb)" : answer.deployable == false ? "No, do not \(verb)" : "Unknown"
      print(
        "\(verdict): \(PrintSafe.escaped(pacticipant)) \(PrintSafe.escaped(versionText)) \(PrintSafe.escaped(place))")
      for line in answer.lines { print("  " + PrintSafe.escaped(line)) }
      print(PrintSafe.escaped(answer.reason))
    }
    if dryRun {
      if output == .table { print("(dry run: exiting 0 whatever the answer)") }
      return
    }
    if answer.deployable != true { throw ExitCode(1) }
  }
}
