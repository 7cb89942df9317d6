import AccordClient
import AccordMockServer
import AccordModel
import AccordVerifier
import ArgumentParser
import Foundation
import UnixSignals

/// `accord stub`: serves a contract's responses, for a consumer's local development.
struct StubCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stub",
    abstract: "Serve the responses of contracts, as the provider would.",
    discussion: """
      A request that matches an interaction gets its response, generators applied; any other request gets a 500 whose JSON body explains how it differs from the closest interaction. It prints the URL it listens on and each request it answers, and runs until interrupted (exit status 0). Connections that send no request head within 30 seconds, or stay idle for 120, are closed; the last 100 requests are kept.

      Contracts come from files and folders, URLs, or a broker (the latest contract of each consumer of --provider-name). With several interactions for the same request, --provider-state keeps those whose state matches, or --provider-state-header-name lets each request name the state it wants. --cors lets a web app in a browser call the stub.

      Examples:
        accord stub --contract contracts/Web-UserService.json --port 8080
        accord stub --broker-url http://127.0.0.1:9292 --provider-name UserService --cors --port 8080
      """
  )

  @OptionGroup var locations: ContractLocations

  @OptionGroup var broker: BrokerOptions

  @Option(
    name: [.customLong("provider-name"), .customLong("provider")],
    help: "With --broker-url: serve the latest contract of each of this provider's consumers.")
  var provider: String?

  @Option(name: .customLong("consumer-name"), help: "Only contracts of this consumer (repeatable).")
  var consumers: [String] = []

  @Option(
    name: .customLong("provider-state"),
    help: "Only interactions with a provider state matching this regular expression.")
  var providerState: String?

  @Flag(
    name: .customLong("empty-provider-state"),
    help: "With --provider-state: keep the interactions without provider states too.")
  var emptyProviderState = false

  @Option(
    name: .customLong("provider-state-header-name"),
    help: "When several interactions match a request, prefer the one whose provider state is named in this header.")
  var providerStateHeader: String?

  @Flag(help: "Answer CORS preflights and allow the caller's origin, for web apps in a browser.")
  var cors = false

  @Option(help: "The port to listen on; 0 picks a free one.")
  var port: Int = 0

  @Option(help: "The address to listen on.")
  var host: String = "127.0.0.1"

  @Flag(help: "Print nothing per request.")
  var quiet = false

  func validate() throws {
    if locations.isEmpty && (broker.resolvedURL == nil || provider == nil) {
      throw ValidationError(
        "give the contracts to serve: --contract PATH, --contract-url URL, or --broker-url URL with --provider-name NAME"
      )
    }
    if broker.url != nil && provider == nil {
      throw ValidationError("--broker-url needs --provider-name NAME: the provider whose contracts to serve")
    }
    if !(0...65535).contains(port) { throw ValidationError("--port must be from 0 to 65535") }
    if let providerState, (try? NSRegularExpression(pattern: providerState)) == nil {
      throw ValidationError("--provider-state \(PrintSafe.quoted(providerState)) is not a valid regular expression")
    }
    if emptyProviderState && providerState == nil {
      throw ValidationError("--empty-provider-state goes with --provider-state REGEX")
    }
    if let providerStateHeader, !HTTPToken.isToken(providerStateHeader) {
      throw ValidationError(
        "--provider-state-header-name \(PrintSafe.quoted(providerStateHeader)) is not a header name; give one like "
          + "X-Provider-State")
    }
  }

  /// Keeps the interactions `--provider-state` (and `--empty-provider-state`) select.
  func selected(_ interactions: [Interaction]) -> [Interaction] {
    guard let providerState, let regex = try? NSRegularExpression(pattern: providerState) else { return interactions }
    return interactions.filter { interaction in
      if interaction.providerStates.isEmpty { return emptyProviderState }
      return interaction.providerStates.contains { state in
        regex.firstMatch(in: state.name, range: NSRange(state.name.startIndex..., in: state.name)) != nil
      }
    }
  }

  func run() async throws {
    var interactions: [Interaction] = []
    var names: [String] = []
    var sources = locations.sources(credentials: broker.credentials)
    if let brokerURL = broker.resolvedURL, let provider {
      sources.append(
        BrokerContractSource(
          brokerURL: brokerURL, provider: provider, selectors: [["latest": true]], credentials: broker.credentials))
    }
    do {
      for source in sources {
        for sourced in try await source.contracts()
        where consumers.isEmpty || consumers.contains(sourced.contract.consumer.name) {
          interactions += sourced.contract.interactions
          names.append("\(sourced.contract.consumer.name) → \(sourced.contract.provider.name)")
        }
      }
    } catch {
      throw CommandFailure.report("stub", error, flag: VerifyCommand.flag(for: error))
    }
    let http = selected(interactions).filter {
      if case .http = $0.exchange { return true } else { return false }
    }
    guard !http.isEmpty else {
      throw CommandFailure.report(
        "stub",
        message: "the contracts have no HTTP interactions to serve"
          + (providerState != nil || !consumers.isEmpty ? " after --provider-state and --consumer-name" : ""),
        flag: providerState != nil ? "--provider-state" : nil)
    }
    var options = MockServer.Options(host: host, port: port)
    options.cors = cors
    options.providerStateHeader = providerStateHeader
    // A stub runs for hours: keep the last requests only, so that memory stays flat.
    options.requestLog = .recent(100, bodyBytes: 4096)
    if !quiet {
      options.onRequest = { received in
        // Unbuffered, so that a terminal or a pipe sees each request as it is answered.
        var lines: [String] = []
        switch received.outcome {
        case .matched(_, let description):
          lines.append("\(received.summary) → \(PrintSafe.quoted(description))")
        case .unmatched(let closest, let mismatches):
          lines.append(
            "\(received.summary) → 500: no interaction matches"
              + (closest.map { "; closest \(PrintSafe.quoted($0.description))" } ?? ""))
          // What the request sent is printed escaped: it must not write terminal escapes or forge log lines.
          lines += mismatches.map { "    " + PrintSafe.escaped($0.description) }
        }
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
      }
    }
    let server: MockServer
    do {
      server = try await MockServer.start(serving: http, options: options)
    } catch {
      FileHandle.standardError.write(
        Data("accord stub: error: cannot listen on \(host):\(port) (\(error)); choose another --port\n".utf8))
      throw ExitCode(1)
    }
    print("Accord stub for \(names.joined(separator: ", ")): \(http.count) interactions on \(server.baseURL)")
    fflush(nil)
    for await _ in await UnixSignalsSequence(trapping: .sigint, .sigterm) { break }
    await server.stop()
  }
}
