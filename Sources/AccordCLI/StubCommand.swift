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

      Example:
        accord stub --contract contracts/Web-UserService.json --port 8080
      """
  )

  @Option(name: .customLong("contract"), help: "A contract file, or a directory of them (repeatable).")
  var contracts: [String] = []

  @Option(help: "The port to listen on; 0 picks a free one.")
  var port: Int = 0

  @Option(help: "The address to listen on.")
  var host: String = "127.0.0.1"

  @Flag(help: "Print nothing per request.")
  var quiet = false

  func validate() throws {
    if contracts.isEmpty { throw ValidationError("give the contract to serve: --contract PATH") }
    if !(0...65535).contains(port) { throw ValidationError("--port must be from 0 to 65535") }
  }

  func run() async throws {
    var interactions: [Interaction] = []
    var names: [String] = []
    do {
      for path in contracts {
        for sourced in try await FileContractSource(path: path).contracts() {
          interactions += sourced.contract.interactions
          names.append("\(sourced.contract.consumer.name) → \(sourced.contract.provider.name)")
        }
      }
    } catch {
      FileHandle.standardError.write(Data("accord stub: error: \(error)\n".utf8))
      throw ExitCode(1)
    }
    let http = interactions.filter { if case .http = $0.exchange { return true } else { return false } }
    guard !http.isEmpty else {
      FileHandle.standardError.write(
        Data("accord stub: error: the contracts have no HTTP interactions to serve\n".utf8))
      throw ExitCode(1)
    }
    var options = MockServer.Options(host: host, port: port)
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
