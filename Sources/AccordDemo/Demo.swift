import AccordBroker
import AccordBrokerSQLite
import AccordBrokerServer
import AccordClient
import AccordModel
import AccordVerifier
import Foundation
import Logging
import OrderService
import SampleKit
import SampleSystem
import UserService

/// `accord demo`: the whole contract-testing loop on the sample services, in one process, on 127.0.0.1.
///
/// It starts a broker on an embedded SQLite file and every sample service on a free port; publishes the contracts
/// in `contracts/`; verifies each provider against the contracts the broker selects for it and publishes the
/// results; asks can-i-deploy for each service and records its deployment to `production`, providers first; then
/// releases a breaking change of `user-service` (the response field `name` renamed `fullName`), which verification
/// catches and can-i-deploy refuses.
///
/// ```swift
/// let outcome = try await Demo(options: .init(contractsDirectory: "contracts")) { print($0) }.run()
/// precondition(outcome.succeeded)
/// ```
public struct Demo: Sendable {
  public struct Options: Sendable {
    /// Where the contracts to publish are (`contracts/` of the Accord checkout).
    public var contractsDirectory: String
    /// Where the broker and the services keep their SQLite files; `nil` for a temporary directory removed at the end.
    public var workDirectory: String?
    /// Leave the broker and the services running until `stopSignal` returns.
    public var keepRunning: Bool

    public init(contractsDirectory: String = "contracts", workDirectory: String? = nil, keepRunning: Bool = false) {
      self.contractsDirectory = contractsDirectory
      self.workDirectory = workDirectory
      self.keepRunning = keepRunning
    }
  }

  /// The version every sample service is released at, on branch `main`.
  public static let version = "1.0.0"
  /// The version with the breaking change.
  public static let breakingVersion = "2.0.0"
  static let environment = "production"
  /// The one address the demo's webhook may reach although webhooks may not reach loopback by default: its chat.
  static let chatNetwork = AddressRange("127.0.0.1/32")!

  public var options: Options
  let say: @Sendable (String) -> Void
  /// Waits until the user wants the services stopped (for `keepRunning`).
  let stopSignal: @Sendable () async -> Void

  public init(
    options: Options, stopSignal: @escaping @Sendable () async -> Void = {},
    say: @escaping @Sendable (String) -> Void
  ) {
    self.options = options
    self.stopSignal = stopSignal
    self.say = say
  }

  /// Runs the demo; throws ``DemoError`` when a step cannot be done at all (a missing contracts directory, a port
  /// that cannot be bound). A verification that fails is not an error: it is in the outcome.
  public func run() async throws -> DemoOutcome {
    let clock = ContinuousClock()
    let started = clock.now
    let contracts = try readContracts()
    let (directory, temporary) = try workDirectory()
    defer { if temporary { try? FileManager.default.removeItem(at: directory) } }

    let (store, databasePath) = try brokerStore(in: directory)
    // Webhooks may call the demo's own chat on this machine (plain http).
    var quiet = Logger(label: "accord.broker.webhooks")
    quiet.logLevel = .warning
    let server = BrokerServer(
      store: store,
      options: .init(
        webhookPolicy: WebhookPolicy(
          schemes: ["http", "https"], hosts: ["127.0.0.1"],
          network: WebhookNetworkPolicy(allowedRanges: [Self.chatNetwork]))),
      logger: quiet)
    let broker = try await DemoError.during("starting the broker") {
      try await RunningService.start(name: "accord-broker", router: server.router())
    }
    let dispatching = Task { try? await server.webhookDispatcher?.run() }
    let chat = DemoChat()
    let system: SampleSystem
    let chatService: RunningService
    do {
      chatService = try await RunningService.start(name: "chat", router: chat.router())
      system = try await SampleSystem.start(directory: directory)
    } catch {
      dispatching.cancel()
      await broker.stop()
      throw DemoError(step: "starting the sample services", message: "\(error)", hint: "see the message above")
    }
    @Sendable func stopAll() async {
      await system.stop()
      dispatching.cancel()
      await chatService.stop()
      await broker.stop()
    }
    var outcome = DemoOutcome(brokerURL: broker.baseURL)
    do {
      say("Accord demo: the contract-testing loop on the sample services (sample-services/README.md)\n")
      say("Broker    \(broker.baseURL)  (SQLite: \(PrintSafe.escaped(databasePath)))")
      say("Services  " + system.services.map { "\($0.name) :\($0.port)" }.joined(separator: " · "))
      try await DemoError.during("creating the webhook") {
        try await chat.subscribe(brokerURL: broker.baseURL, chatURL: chatService.baseURL)
      }
      say("Webhook   a failed verification is posted to the consumer teams' chat (\(chatService.baseURL)/messages)")
      say(
        "          (a loopback address: webhooks may reach it because the demo's broker runs with the equivalent of "
          + "--webhook-allow-networks \(Self.chatNetwork))")
      try await loop(contracts, brokerURL: broker.baseURL, system: system, chat: chat, outcome: &outcome)
    } catch {
      await stopAll()
      throw error
    }
    say("\nSummary\n" + outcome.table + "\n")
    if outcome.succeeded {
      say(
        "The breaking change was caught by verification and refused by can-i-deploy; everything else is verified"
          + " and deployed to \(Self.environment).")
    } else {
      say("✘ The demo did not go as expected; the lines above say which step.")
    }
    let seconds = (clock.now - started).inSeconds
    say("Finished in \(String(format: "%.1f", seconds)) s. Broker: \(broker.baseURL)")
    if options.keepRunning {
      say("The broker and the services keep running; Ctrl-C stops them.")
      await stopSignal()
    } else {
      say("(stopped; `swift run accord demo --keep-running` leaves the broker and the services up to browse)")
    }
    await stopAll()
    return outcome
  }

  // MARK: The loop

  private func loop(
    _ contracts: [DemoContract], brokerURL: String, system: SampleSystem, chat: DemoChat, outcome: inout DemoOutcome
  ) async throws {
    let client = BrokerClient(baseURL: brokerURL, timeout: .seconds(10))

    say(
      "\n1. Publish the consumers' contracts from \(options.contractsDirectory)/ (version \(Self.version), branch main)"
    )
    try await DemoError.during("publishing the contracts") {
      _ = try await client.publish(
        contracts.map(\.content), version: Self.version, branch: "main", tags: [], buildURL: nil)
    }
    for contract in contracts {
      say("   \(contract.consumer) → \(contract.provider)  (\(contract.interactions) interactions, \(contract.file))")
    }
    try await DemoError.during("creating the production environment") {
      _ = try await client.createEnvironment(name: Self.environment, displayName: "Production", production: true)
    }

    say("\n2. Verify each provider against the contracts the broker selects for it, and publish the results")
    let providers = Array(Set(contracts.map(\.provider))).sorted()
    var verifications: [String: DemoOutcome.Verification] = [:]
    for provider in providers {
      guard let url = system.url(of: provider) else { continue }
      let report = try await verify(provider, at: url, version: Self.version, branch: "main", brokerURL: brokerURL)
      let verification = Self.summary(report)
      verifications[provider] = verification
      let mark = verification.passed == verification.total ? "✔" : "✘"
      say(
        "   \(mark) \(provider) \(Self.version): \(verification.passed)/\(verification.total) interactions passed"
          + " (\(verification.consumers.joined(separator: ", ")))")
      if verification.passed != verification.total { say(Self.indented(HumanReport(report).description, 6)) }
    }

    say("\n3. can-i-deploy to \(Self.environment), then record the deployment (providers first)")
    let order = DeploymentOrder(contracts: contracts.map { ($0.consumer, $0.provider) }).pacticipants
    for service in order {
      let answer = try await DemoError.during("asking can-i-deploy for \(service)") {
        try await client.canIDeploy(pacticipant: service, version: Self.version, to: .environment(Self.environment))
      }
      var deployed = false
      if answer.deployable == true {
        try await DemoError.during("recording the deployment of \(service)") {
          _ = try await client.recordDeployment(
            pacticipant: service, version: Self.version, environment: Self.environment, applicationInstance: nil)
        }
        deployed = true
      }
      let mark = answer.deployable == true ? "✔" : "✘"
      say(
        "   \(mark) \(service) \(Self.version): \(answer.deployable == true ? "yes" : "no") — "
          + PrintSafe.escaped(answer.reason) + (deployed ? "; deployed" : ""))
      outcome.rows.append(
        .init(
          service: service, version: Self.version, verified: verifications[service], deployable: answer.deployable,
          reason: answer.reason, deployed: deployed))
    }

    try await breakingChange(brokerURL: brokerURL, client: client, chat: chat, outcome: &outcome)
    try await fieldUsage(client: client, outcome: &outcome)
  }

  /// Who relies on the field the breaking change renamed, and which fields no consumer relies on.
  private func fieldUsage(client: BrokerClient, outcome: inout DemoOutcome) async throws {
    let provider = UserService.name
    say("\n5. Who uses which field of \(provider)? (`accord usage --provider \(provider)`)")
    let usage = try await DemoError.during("asking who uses the fields of \(provider)") {
      try await client.fieldUsage(provider: provider)
    }
    for field in usage["fields"]?.arrayValue ?? [] {
      let consumers = (field["consumers"]?.arrayValue ?? []).map {
        "\($0["name"]?.stringValue ?? "?") \($0["version"]?.stringValue ?? "?")"
      }
      let path = field["path"]?.stringValue ?? "?"
      let endpoint = field["endpoint"]?.stringValue ?? "?"
      if path == "$.name" { outcome.renamedFieldUsers = consumers }
      say(
        "   \(PrintSafe.escaped(endpoint))  \(PrintSafe.escaped(path))  ← \(PrintSafe.escaped(consumers.joined(separator: ", ")))"
      )
    }
    let unused = (usage["unusedFields"]?.arrayValue ?? []).map {
      "\($0["endpoint"]?.stringValue ?? "?") \($0["path"]?.stringValue ?? "?")"
    }
    if !unused.isEmpty {
      say("   no consumer relies on: " + PrintSafe.escaped(unused.joined(separator: ", ")))
    }
  }

  /// user-service 2.0.0 answers `fullName` where its consumers read `name`.
  private func breakingChange(
    brokerURL: String, client: BrokerClient, chat: DemoChat, outcome: inout DemoOutcome
  ) async throws {
    let provider = UserService.name
    say(
      "\n4. A breaking change: \(provider) \(Self.breakingVersion) renames the response field \"name\" to"
        + " \"fullName\"")
    let changed = UserService(store: try UserStore(), nameField: "fullName")
    let running = try await DemoError.during("starting \(provider) \(Self.breakingVersion)") {
      try await RunningService.start(name: "\(provider) \(Self.breakingVersion)", router: changed.router())
    }
    let report: VerificationReport
    do {
      report = try await verify(
        provider, at: running.baseURL, version: Self.breakingVersion, branch: "rename-name", brokerURL: brokerURL)
    } catch {
      await running.stop()
      throw error
    }
    await running.stop()
    let verification = Self.summary(report)
    for result in report.results where !result.passed {
      guard case .failed(let mismatches, let errors) = result.outcome else { continue }
      outcome.breakingFailures.append(
        .init(
          consumer: result.consumer, interaction: result.description,
          mismatches: mismatches.map(\.description) + errors))
    }
    if outcome.breakingFailures.isEmpty {
      say("   ✘ verification passed: the breaking change was not caught")
    } else {
      say("   ✘ verification failed, as it should:")
      for failure in outcome.breakingFailures {
        say("     \(failure.consumer) — \"\(PrintSafe.escaped(failure.interaction))\"")
        for mismatch in failure.mismatches { say("       \(PrintSafe.escaped(mismatch))") }
      }
    }
    // The broker's webhook tells the consumer's team (delivered in the background within moments).
    outcome.chatMessages = await chat.messages(atLeast: outcome.breakingFailures.isEmpty ? 0 : 1, timeout: .seconds(10))
    for message in outcome.chatMessages {
      say("   ✔ webhook: the consumer's team was told in chat: \(PrintSafe.escaped(message))")
    }
    let answer = try await DemoError.during("asking can-i-deploy for \(provider) \(Self.breakingVersion)") {
      try await client.canIDeploy(
        pacticipant: provider, version: Self.breakingVersion, to: .environment(Self.environment))
    }
    outcome.breakingDeployable = answer.deployable
    outcome.breakingReason = answer.reason
    say(
      "   \(answer.deployable == false ? "✔ refused" : "✘ not refused"): can-i-deploy \(provider)"
        + " \(Self.breakingVersion) to \(Self.environment): \(answer.deployable == true ? "yes" : "no") — "
        + PrintSafe.escaped(answer.reason))
    for line in answer.lines where line.hasPrefix("✘") && !answer.reason.contains(line) {
      say("     \(PrintSafe.escaped(line))")
    }
    outcome.rows.append(
      .init(
        service: provider, version: Self.breakingVersion, verified: verification, deployable: answer.deployable,
        reason: answer.reason, deployed: false))
  }

  /// Verifies `provider` against the contracts the broker selects (main branch and deployed), with its
  /// provider-states endpoint and, for order-service, its messages endpoint; publishes the results.
  private func verify(_ provider: String, at url: String, version: String, branch: String, brokerURL: String)
    async throws -> VerificationReport
  {
    let source = BrokerContractSource(
      brokerURL: brokerURL, provider: provider, selectors: [["mainBranch": true], ["deployedOrReleased": true]],
      providerBranch: branch, timeout: .seconds(10))
    let options = VerificationOptions(
      providerBaseURL: url, stateHandler: HTTPProviderStates(url: url + "/_accord/provider-states"),
      messageProducer: provider == OrderService.name ? HTTPMessageProducer(url: url + "/_accord/messages") : nil,
      requestTimeout: .seconds(10))
    let report = try await DemoError.during("verifying \(provider) \(version)") {
      try await Verifier(sources: [source], options: options).verify()
    }
    try await DemoError.during("publishing the results of \(provider) \(version)") {
      _ = try await VerificationPublisher(
        brokerURL: brokerURL, provider: provider, providerVersion: version, providerBranch: branch
      ).publish(report)
    }
    return report
  }

  static func summary(_ report: VerificationReport) -> DemoOutcome.Verification {
    .init(
      passed: report.results.filter(\.passed).count, total: report.results.count,
      consumers: Array(Set(report.results.map(\.consumer))).sorted())
  }

  static func indented(_ text: String, _ spaces: Int) -> String {
    let pad = String(repeating: " ", count: spaces)
    return text.split(separator: "\n", omittingEmptySubsequences: false).map { pad + $0 }.joined(separator: "\n")
  }
}

/// A contract file the demo publishes.
struct DemoContract: Sendable {
  var file: String
  var consumer: String
  var provider: String
  var interactions: Int
  var content: JSONValue
}
