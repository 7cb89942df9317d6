import AccordBroker
import AccordBrokerPostgres
import AccordBrokerSQLite
import AccordBrokerServer
import AccordModel
import ArgumentParser
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// `accord broker serve` (and plain `accord broker`): runs the broker, on an embedded SQLite file by default.
struct BrokerServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Run a contract broker that speaks the Pact Broker API (the default of `accord broker`).",
    discussion: """
      Stores contracts and verification results, and answers can-i-deploy. Pact clients (pact-broker, pact \
      verifier, the Pact libraries) work with it unchanged. It prints its URL and runs until SIGINT or SIGTERM, \
      then finishes the requests under way and exits 0.

      Examples:
        accord broker
        accord broker --port 9393 --database sqlite:/var/lib/accord/broker.sqlite
        ACCORD_BROKER_DATABASE=postgres://accord@db/accord accord broker serve --host 0.0.0.0
      """
  )

  @Option(help: "The address to listen on.")
  var host: String = "127.0.0.1"

  @Option(help: "The port to listen on (9292, as Pact users expect); 0 picks a free one.")
  var port: Int = 9292

  @OptionGroup var database: DatabaseOptions

  @Option(
    name: .customLong("public-url"),
    help: "The URL clients reach the broker at, for links, when it sits behind a proxy.")
  var publicURL: String?

  @Option(
    name: .customLong("auth-file"),
    help: """
      A JSON file of bearer tokens and basic-auth users, each read-write or read-only (or ACCORD_BROKER_AUTH_FILE). \
      Credentials also come from ACCORD_BROKER_WRITE_TOKENS, ACCORD_BROKER_READ_TOKENS and the Pact Broker's \
      PACT_BROKER_BASIC_AUTH_[READ_ONLY_]USERNAME/PASSWORD; never from the command line.
      """)
  var authFile: String?

  @Flag(
    name: .customLong("allow-anonymous"),
    help: """
      Run open to anyone who can reach it: no credential for reading or writing. Refused beside any credential \
      setting; without this flag, a credential setting that yields no credential stops the broker from starting.
      """)
  var allowAnonymous = false

  @Flag(
    name: .customLong("public-read"),
    help: "With credentials configured, let anyone read without one (or ACCORD_BROKER_PUBLIC_READ=true).")
  var publicRead = false

  @Flag(
    name: .customLong("public-badges"),
    help: """
      With credentials configured, let anyone fetch status badges (…/badge) for READMEs (or \
      ACCORD_BROKER_PUBLIC_BADGES=true, PACT_BROKER_ENABLE_PUBLIC_BADGE_ACCESS=true).
      """)
  var publicBadges = false

  @Flag(
    name: .customLong("webhook-allow-private"),
    help: """
      Let webhooks reach addresses in the broker's own network: loopback, private, link-local (cloud metadata) \
      and the like, refused by default (or ACCORD_BROKER_WEBHOOK_ALLOW_PRIVATE=true).
      """)
  var webhookAllowPrivate = false

  @Option(
    name: .customLong("webhook-allow-networks"),
    help: """
      Address blocks and host names webhooks may reach although they are not public, comma-separated, e.g. \
      10.20.0.0/16,ci.internal (or ACCORD_BROKER_WEBHOOK_ALLOW_NETWORKS).
      """)
  var webhookAllowNetworks: String?

  @Option(
    name: .customLong("log-format"),
    help: "text, or json for one JSON object per line (with request_id, route, status, duration_ms).")
  var logFormat: LogFormat = .text

  @Option(name: .customLong("log-level"), help: "trace, debug, info (every request), notice, warning, error.")
  var logLevel: String = "info"

  @Option(
    name: .customLong("clean-every"),
    help: "Run the retention policy (--keep-latest, --keep-days; see `accord broker clean`) every this many hours.")
  var cleanEvery: Double?

  @OptionGroup(title: "Retention (with --clean-every)") var retention: RetentionOptions

  enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  func validate() throws {
    if let cleanEvery, !(cleanEvery >= 0.01 && cleanEvery <= 24 * 365) {
      throw ValidationError("--clean-every is in hours, from 0.01 to 8760; for example --clean-every 24")
    }
    if Logger.Level(rawValue: logLevel) == nil {
      throw ValidationError(
        "--log-level \(PrintSafe.quoted(logLevel)) is not a level; use trace, debug, info, notice, warning or error")
    }
    if !(0...65535).contains(port) { throw ValidationError("--port must be from 0 to 65535") }
    if let publicURL { try URLArgument.check(publicURL, flag: "--public-url") }
  }

  func run() async throws {
    let policy = try accessPolicy(environment: ProcessInfo.processInfo.environment)
    let webhooks = try webhookPolicy(environment: ProcessInfo.processInfo.environment)
    let store: any BrokerStore
    do {
      store = try await database.argument().open()
    } catch {
      throw CommandFailure.report("broker", error, flag: database.source)
    }
    var logger =
      logFormat == .json
      ? Logger(label: "accord.broker", factory: { JSONLogHandler(label: $0) }) : Logger(label: "accord.broker")
    logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
    let (host, database) = (self.host, try database.argument().text)
    let environment = ProcessInfo.processInfo.environment
    let schedule = try Self.retrySchedule(environment)
    let server = BrokerServer(
      store: store,
      options: .init(
        publicURL: publicURL, access: policy, webhookPolicy: webhooks,
        webhookSchedule: schedule),
      logger: logger)
    let app = Application(
      router: server.router(),
      // A connection that sends nothing for a minute (a slow or stalled client) is closed.
      server: .http1(configuration: .init(idleTimeout: .seconds(60))),
      configuration: .init(address: .hostname(host, port: port), serverName: "accord-broker"),
      onServerRunning: { channel in
        print(
          "Accord broker on http://\(host):\(channel.localAddress?.port ?? 0) (\(DatabaseArgument.redacted(database)); "
            + Self.describe(policy) + ")")
        fflush(nil)
      }, logger: logger)
    var services: [any Service] = [app]
    if let dispatcher = server.webhookDispatcher { services.append(dispatcher) }
    if let cleanEvery {
      services.append(
        ScheduledClean(
          store: store, policy: retention.policy,
          interval: .milliseconds(Int64(cleanEvery * 3_600_000)), logger: logger))
    }
    let group = ServiceGroup(
      configuration: .init(services: services, gracefulShutdownSignals: [.sigint, .sigterm], logger: logger))
    do {
      try await group.run()
    } catch {
      throw CommandFailure.report(
        "broker",
        message: "cannot serve on \(host):\(port) (\(error)); is another broker running? choose another --port",
        flag: "--port")
    }
  }
}

extension BrokerServeCommand {
  /// Which requests webhooks may send: the environment's settings, widened by the flags.
  func webhookPolicy(environment: [String: String]) throws -> WebhookPolicy {
    var policy: WebhookPolicy
    do {
      policy = try WebhookPolicy.fromEnvironment(environment)
    } catch {
      throw CommandFailure.report("broker", message: error.description, code: 64)
    }
    if webhookAllowPrivate { policy.network.allowPrivate = true }
    if let webhookAllowNetworks {
      do {
        let extra = try WebhookNetworkPolicy.parse(allowing: webhookAllowNetworks)
        policy.network.allowedRanges += extra.allowedRanges
        policy.network.allowedHosts += extra.allowedHosts
      } catch {
        throw CommandFailure.report(
          "broker", message: error.description, flag: "--webhook-allow-networks", code: 64)
      }
    }
    return policy
  }

  /// Who may read and write, from the environment, `--auth-file` and the flags. A misconfiguration fails closed:
  /// a usage error (exit 64) that names the setting, never an open broker.
  func accessPolicy(environment: [String: String]) throws -> AccessPolicy {
    var access: AccessPolicy
    do {
      access = try AccessPolicy.load(environment: environment, file: authFile)
    } catch {
      throw CommandFailure.report(
        "broker", message: error.description, flag: authFile == nil ? nil : "--auth-file", code: 64)
    }
    if allowAnonymous {
      let settings = AccessPolicy.credentialSettings(in: environment) + (authFile == nil ? [] : ["--auth-file"])
      if !settings.isEmpty || publicRead {
        throw CommandFailure.report(
          "broker",
          message: "--allow-anonymous opens the broker to anyone, but "
            + (settings.isEmpty
              ? "--public-read asks for credentials" : "\(settings.joined(separator: ", ")) configure credentials")
            + "; give one or the other",
          flag: "--allow-anonymous", code: 64)
      }
    }
    if publicRead { access.publicRead = true }
    if publicBadges { access.publicBadges = true }
    if publicRead && !access.isEnabled {
      throw CommandFailure.report(
        "broker",
        message: "--public-read means reading needs no credential while writing does, but no credential is configured;"
          + " set ACCORD_BROKER_WRITE_TOKENS (or give --auth-file), or leave out --public-read",
        flag: "--public-read", code: 64)
    }
    if !access.isEnabled && !allowAnonymous {
      // No credential setting at all: open, as the Pact Broker is by default, and said loudly.
      FileHandle.standardError.write(
        Data(
          ("accord broker: warning: open: anyone can publish. No credential is configured (ACCORD_BROKER_WRITE_TOKENS, "
            + "--auth-file, …); pass --allow-anonymous to say this is meant\n").utf8))
    }
    return access
  }

  /// `ACCORD_BROKER_WEBHOOK_RETRY_DELAYS`: seconds before each retry of a failed webhook delivery, comma-separated.
  static func retrySchedule(_ environment: [String: String]) throws -> WebhookRetrySchedule {
    guard let text = environment["ACCORD_BROKER_WEBHOOK_RETRY_DELAYS"] else { return WebhookRetrySchedule() }
    if text.trimmingCharacters(in: .whitespaces).isEmpty { return WebhookRetrySchedule(delays: []) }
    var delays: [Int] = []
    for item in text.split(separator: ",", omittingEmptySubsequences: false) {
      guard let seconds = Int(item.trimmingCharacters(in: .whitespaces)), (0...86_400).contains(seconds) else {
        throw CommandFailure.report(
          "broker",
          message: "ACCORD_BROKER_WEBHOOK_RETRY_DELAYS is \(PrintSafe.quoted(text)); give seconds from 0 to 86400, "
            + "comma-separated, e.g. 10,60,300, or empty for no retries")
      }
      delays.append(seconds)
    }
    return WebhookRetrySchedule(delays: delays)
  }

  /// What access the broker grants, for its start-up line (names and counts, never secrets).
  static func describe(_ access: AccessPolicy) -> String {
    guard access.isEnabled else { return "open: anyone can publish" }
    let credentials = access.tokens.count + access.users.count
    return "\(credentials) credential\(credentials == 1 ? "" : "s"), "
      + (access.publicRead ? "reading open to all" : "reading and writing need one")
  }

}
