import AccordClient
import AccordModel
import AccordVerifier
import ArgumentParser
import Foundation

/// `accord verify`: replays consumers' contracts against the running provider.
struct VerifyCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Verify contracts against a running provider.",
    discussion: """
      Each HTTP interaction's request is sent to --provider-base-url, with its provider states set up first through --provider-states-url, and the provider's response is matched against the contract. Each message is asked for at --messages-url and matched.

      Exit status: 0 when every interaction that is not pending passed; 1 when one failed or verification could not run (the error names the flag to fix); 2 when a report file could not be written; 64 for a usage mistake.

      Examples:
        accord verify --contract contracts \\
          --provider-base-url http://127.0.0.1:8080 \\
          --provider-states-url http://127.0.0.1:8080/_pact/state
        accord verify --broker-url http://127.0.0.1:9292 --provider UserService \\
          --enable-pending --consumer-version-selectors '{"mainBranch": true}' \\
          --provider-base-url http://127.0.0.1:8080
      """
  )

  @OptionGroup var locations: ContractLocations

  @OptionGroup var broker: BrokerOptions

  @Option(
    name: [.customLong("provider"), .customLong("provider-name")],
    help: "The provider's name; with --broker-url, whose contracts to fetch (or PACT_PROVIDER_NAME).")
  var providerFlag: String?

  /// The provider's name from the flag or `PACT_PROVIDER_NAME`.
  var provider: String? { providerFlag ?? Environment.value("PACT_PROVIDER_NAME") }

  @Option(
    name: .customLong("consumer-version-tags"),
    help: "Fetch the latest contract of each of these consumer tags (comma-separated, repeatable; prefer selectors).")
  var consumerVersionTags: [String] = []

  @Option(
    name: .customLong("consumer-version-selectors"),
    help: "Consumer version selectors as JSON: an object or an array of objects (repeatable).")
  var selectors: [String] = []

  @Flag(name: .customLong("enable-pending"), help: "Let the broker mark contracts pending for this provider.")
  var enablePending = false

  @Option(
    name: [.customLong("include-wip-since"), .customLong("include-wip-pacts-since")],
    help: "Include work-in-progress contracts since this date (YYYY-MM-DD).")
  var includeWIPSince: String?

  @Option(name: .customLong("provider-branch"), help: "The provider's branch, which the broker uses for pending.")
  var providerBranch: String?

  @Flag(help: "Publish each contract's result to the broker it came from (needs --provider-app-version).")
  var publish = false

  @Option(
    name: [.customLong("provider-app-version"), .customLong("provider-version")],
    help: "The provider version verified, for --publish (a commit, a build number).")
  var providerVersion: String?

  @Option(name: .customLong("build-url"), help: "The CI build's URL, published with the results.")
  var buildURL: String?

  @Option(
    name: .customLong("provider-tags"),
    help: "Tags for the provider version, put on it when publishing (comma-separated, repeatable).")
  var providerTags: [String] = []

  @Option(name: .customLong("provider-base-url"), help: "Where the provider answers HTTP requests.")
  var providerBaseURLFlag: String?

  @OptionGroup(title: "PACT VERIFIER STYLE (INSTEAD OF --provider-base-url)") var address: ProviderAddressOptions

  /// `--provider-base-url`, or the URL `--hostname`, `--port`, `--transport` and `--base-path` make.
  var providerBaseURL: String? { providerBaseURLFlag ?? address.baseURL }

  @Option(
    name: [.customLong("provider-states-url"), .customLong("state-change-url")],
    help: """
      Where to POST {"state", "params", "action"} to set up and tear down provider states (or \
      PACT_PROVIDER_STATE_CHANGE_URL).
      """)
  var providerStatesURLFlag: String?

  var providerStatesURL: String? {
    providerStatesURLFlag ?? Environment.value("PACT_PROVIDER_STATE_CHANGE_URL")
  }

  @Flag(
    name: .customLong("state-change-as-query"),
    help: "Send the state, action and parameters as query parameters of the POST instead of a JSON body.")
  var stateChangeAsQuery = false

  @Flag(name: .customLong("no-state-teardown"), help: "Do not send teardown calls for provider states.")
  var noStateTeardown = false

  @Flag(
    name: .customLong("state-change-teardown"),
    help: "Accepted for pact verifier's flag: teardown calls are sent unless --no-state-teardown.")
  var stateChangeTeardown = false

  @Option(name: .customLong("messages-url"), help: "Where to POST {\"description\", \"providerStates\"} for messages.")
  var messagesURL: String?

  @Option(name: .customLong("header"), help: "A header for every request, as \"Name: value\" (repeatable).")
  var headers: [String] = []

  @Option(name: .customLong("request-timeout"), help: "Seconds the provider may take to answer one request.")
  var requestTimeout: Double = 30

  @Option(
    name: .customLong("junit"),
    help: "Also write a JUnit XML report to this file (or PACT_VERIFIER_JUNIT_REPORT).")
  var junitFlag: String?

  var junitFile: String? { junitFlag ?? Environment.value("PACT_VERIFIER_JUNIT_REPORT") }

  @Option(name: .customLong("json"), help: "Also write a JSON report to this file (or PACT_VERIFIER_JSON_REPORT).")
  var jsonFlag: String?

  var jsonFile: String? { jsonFlag ?? Environment.value("PACT_VERIFIER_JSON_REPORT") }

  @Option(
    name: .customLong("filter-description"),
    help: "Only interactions whose description matches this regex (or PACT_DESCRIPTION).")
  var filterDescriptionFlag: String?

  var filterDescription: String? { filterDescriptionFlag ?? Environment.value("PACT_DESCRIPTION") }

  @Option(name: .customLong("filter-consumer"), help: "Only contracts of this consumer (repeatable).")
  var filterConsumers: [String] = []

  @Option(
    name: .customLong("filter-state"),
    help: "Only interactions with a provider state matching this regex (or PACT_PROVIDER_STATE).")
  var filterStateFlag: String?

  var filterState: String? { filterStateFlag ?? Environment.value("PACT_PROVIDER_STATE") }

  @Flag(
    name: .customLong("filter-no-state"),
    help: "Only interactions without provider states (or PACT_PROVIDER_NO_STATE=true).")
  var filterNoStateFlag = false

  var filterNoState: Bool {
    filterNoStateFlag || ["true", "1", "yes"].contains(Environment.value("PACT_PROVIDER_NO_STATE")?.lowercased() ?? "")
  }

  @Flag(
    name: .customLong("ignore-no-pacts-error"),
    help: "Succeed when the broker has no contracts for the provider (instead of failing).")
  var ignoreNoPactsError = false

  @Option(
    help: ArgumentHelp(
      "How many interactions without provider states to verify at once.",
      discussion:
        "Without it, reads without provider states (GET, HEAD, OPTIONS) run 8 at once and everything else one at a "
        + "time; 1 runs every interaction one at a time."))
  var concurrency: Int?

  func validate() throws {
    if locations.isEmpty && broker.resolvedURL == nil {
      throw ValidationError(
        "give the contracts to verify: --contract PATH, --contract-url URL, or --broker-url URL with --provider NAME")
    }
    if broker.resolvedURL != nil && provider == nil && locations.isEmpty {
      throw ValidationError("--broker-url needs --provider NAME: the provider whose contracts to fetch")
    }
    if providerBaseURLFlag != nil && address.isGiven {
      throw ValidationError("give the provider's address once: --provider-base-url, or --hostname and --port")
    }
    if let providerBaseURL {
      try URLArgument.check(providerBaseURL, flag: address.isGiven ? "--hostname/--port" : "--provider-base-url")
    }
    if let providerStatesURL { try URLArgument.check(providerStatesURL, flag: "--provider-states-url") }
    if let messagesURL { try URLArgument.check(messagesURL, flag: "--messages-url") }
    if providerBaseURL == nil && messagesURL == nil {
      throw ValidationError(
        "give --provider-base-url (HTTP interactions; or --hostname and --port) or --messages-url (messages), or both")
    }
    if filterNoState && filterState != nil {
      throw ValidationError("--filter-no-state and --filter-state contradict each other; give one of them")
    }
    if !providerTags.isEmpty && !publish {
      throw ValidationError("--provider-tags are put on the provider version when results are published; add --publish")
    }
    for tag in Self.commaSeparated(consumerVersionTags + providerTags) where tag.isEmpty {
      throw ValidationError(
        "--consumer-version-tags and --provider-tags take names separated by commas, like main,prod")
    }
    for header in headers { _ = try Self.header(header) }
    _ = try parsedSelectors()
    if let concurrency, concurrency < 1 { throw ValidationError("--concurrency must be 1 or more") }
    if !requestTimeout.isFinite || requestTimeout <= 0 || requestTimeout > Self.longestTimeout {
      throw ValidationError(
        "--request-timeout must be a number of seconds above 0 and at most \(Int(Self.longestTimeout)) (a day); "
          + "got \(requestTimeout)")
    }
    for (flag, pattern) in [("--filter-description", filterDescription), ("--filter-state", filterState)] {
      guard let pattern else { continue }
      do {
        _ = try NSRegularExpression(pattern: pattern)
      } catch {
        throw ValidationError("\(flag) \(PrintSafe.quoted(pattern)) is not a valid regular expression")
      }
    }
    if publish {
      guard providerVersion != nil else {
        throw ValidationError("--publish needs --provider-app-version: the provider version the results are for")
      }
      guard broker.resolvedURL != nil, provider != nil else {
        throw ValidationError(
          "--publish sends results to the broker the contracts came from: give --broker-url and --provider")
      }
    }
    if let includeWIPSince, includeWIPSince.range(of: #"^\d{4}-\d{2}-\d{2}"#, options: .regularExpression) == nil {
      throw ValidationError("--include-wip-since \"\(includeWIPSince)\" is not a date; give one like 2024-01-31")
    }
  }

  func run() async throws {
    var sources = locations.sources(credentials: broker.credentials)
    if let brokerURL = broker.resolvedURL, let provider {
      sources.append(
        BrokerContractSource(
          brokerURL: brokerURL, provider: provider,
          // Each --consumer-version-tags tag as the Pact verifiers turn it into a selector.
          selectors: try parsedSelectors()
            + Self.commaSeparated(consumerVersionTags).map { ["tag": .string($0), "latest": true] },
          enablePending: enablePending,
          includeWIPSince: includeWIPSince, providerBranch: providerBranch, credentials: broker.credentials))
    }
    let headerPairs = try headers.map(Self.header)
    if requestTimeout >= 1000 {
      // `pact verifier --request-timeout` takes milliseconds: a copied 5000 would wait 83 minutes here.
      FileHandle.standardError.write(
        Data(
          ("accord verify: warning: --request-timeout is in seconds, so \(Self.plain(requestTimeout)) waits "
            + "\(Int(requestTimeout / 60)) minutes for an answer; pact verifier takes milliseconds (give "
            + "\(Self.plain(requestTimeout / 1000)) for the same wait)\n").utf8))
    }
    let timeout = Duration.milliseconds(Int64((requestTimeout * 1000).rounded(.up)))
    var options = VerificationOptions(
      providerBaseURL: providerBaseURL,
      stateHandler: providerStatesURL.map {
        HTTPProviderStates(url: $0, headers: headerPairs, timeout: timeout, asQuery: stateChangeAsQuery)
      },
      messageProducer: messagesURL.map { HTTPMessageProducer(url: $0, headers: headerPairs, timeout: timeout) },
      headers: headerPairs, requestTimeout: timeout, concurrency: concurrency ?? 1,
      descriptionFilter: filterDescription,
      consumerFilter: filterConsumers, stateFilter: filterState, tearDownStates: !noStateTeardown)
    options.onlyStateless = filterNoState
    if concurrency == 1 { options.readConcurrency = 1 }

    let report: VerificationReport
    do {
      report = try await Verifier(sources: sources, options: options).verify()
    } catch let error as VerifierError {
      throw CommandFailure.report("verify", error, flag: Self.flag(for: error))
    } catch ClientError.status(let url, 404, _) where url.hasSuffix("/for-verification") {
      // The broker does not know the provider: as the Pact verifiers see it, there are no contracts to verify.
      let what = "the broker knows no provider named \(PrintSafe.quoted(provider ?? ""))"
      try noContracts(
        notice: "\(what), so no contracts to verify", error: "\(what): check the name", flag: "--provider")
      return
    } catch let error as ClientError {
      throw CommandFailure.report("verify", error, flag: Self.flag(for: error))
    } catch let error as HTTPCallError {
      throw CommandFailure.report("verify", error, flag: Self.flag(for: error))
    }
    if report.contracts.isEmpty {
      let what = provider.map { "no contracts for \(PrintSafe.quoted($0)) to verify" } ?? "no contracts to verify"
      try noContracts(
        notice: what, error: "\(what): check the provider name, the selectors and the contract paths",
        flag: broker.resolvedURL != nil ? "--consumer-version-selectors" : "--contract")
      return
    }
    print(HumanReport(report))
    if let junitFile { try write(JUnitReport(report).xml, to: junitFile, flag: "--junit") }
    if let jsonFile { try write(JSONReport(report).json.serialized(.pretty) + "\n", to: jsonFile, flag: "--json") }
    if publish, let brokerURL = broker.resolvedURL, let provider, let providerVersion {
      let publisher = VerificationPublisher(
        brokerURL: brokerURL, provider: provider, providerVersion: providerVersion, providerBranch: providerBranch,
        buildURL: buildURL, providerTags: Self.commaSeparated(providerTags), credentials: broker.credentials)
      do {
        let published = try await publisher.publish(report)
        print("Published \(published.count) verification result\(published.count == 1 ? "" : "s") to \(brokerURL)")
      } catch {
        throw CommandFailure.report("verify", error, flag: "--publish")
      }
    }
    if !report.succeeded { throw ExitCode(1) }
  }

  /// Nothing to verify: with --ignore-no-pacts-error, says so (`notice`) and lets the run succeed; otherwise fails
  /// with `error` and how to accept it.
  private func noContracts(notice: String, error: String, flag: String) throws {
    guard ignoreNoPactsError else {
      throw CommandFailure.report(
        "verify", message: error + ", or pass --ignore-no-pacts-error when having none is fine", flag: flag)
    }
    print("\(notice); nothing to do (--ignore-no-pacts-error)")
  }

  private func write(_ text: String, to path: String, flag: String) throws {
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    } catch {
      FileHandle.standardError.write(
        Data("accord verify: error: \(flag) \(path): cannot write the report (\(error.localizedDescription))\n".utf8))
      throw ExitCode(2)
    }
  }
}
