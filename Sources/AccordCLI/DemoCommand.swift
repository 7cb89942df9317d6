import AccordDemo
import ArgumentParser
import Foundation
import UnixSignals

/// `accord demo`: the whole contract-testing loop on the sample services, on 127.0.0.1.
struct DemoCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "Run the whole contract-testing loop on the sample services.",
    discussion: """
      Starts a broker on an embedded SQLite file and the sample services (sample-services/) on free ports of \
      127.0.0.1; publishes contracts/; verifies every provider from the broker and publishes the results; asks \
      can-i-deploy and records each deployment to production; then shows a breaking change (user-service \
      renames the field "name") caught by verification and refused by can-i-deploy. Exits 0 when all of that \
      happened as it should.

      With --network N, instead: a broker seeded with a company's network of N services (front ends, gateways, \
      domain and platform services, event workers; some failing, some on feature branches, some never \
      verified), to see the broker's pages at scale.

      Examples:
        swift run accord demo
        swift run accord demo --keep-running
        swift run accord demo --network 60 --keep-running
      """
  )

  @Flag(help: "Leave the broker and the services running after the summary, until Ctrl-C.")
  var keepRunning = false

  @Option(help: "The contracts to publish.")
  var contracts: String = "contracts"

  @Option(
    help: "Keep the broker's and the services' SQLite files here (an empty directory) instead of a temporary one.")
  var directory: String?

  @Option(help: "Seed a broker with a company's network of this many services (10–2000) instead of the loop.")
  var network: Int?

  func validate() throws {
    if let network, !(10...2000).contains(network) {
      throw ValidationError("--network takes 10 to 2000 services; got \(network)")
    }
  }

  func run() async throws {
    let demo = Demo(
      options: .init(contractsDirectory: contracts, workDirectory: directory, keepRunning: keepRunning),
      stopSignal: {
        for await _ in await UnixSignalsSequence(trapping: .sigint, .sigterm) { break }
      },
      say: { line in
        print(line)
        fflush(nil)
      })
    if let network {
      do {
        _ = try await demo.runNetwork(services: network)
      } catch let error as DemoError {
        throw CommandFailure.report("demo", message: "\(error)", flag: directory == nil ? "--network" : "--directory")
      }
      return
    }
    let outcome: DemoOutcome
    do {
      outcome = try await demo.run()
    } catch let error as DemoError {
      let flag = error.step == "reading the contracts" ? "--contracts" : directory == nil ? nil : "--directory"
      throw CommandFailure.report("demo", message: "\(error)", flag: flag)
    }
    if !outcome.succeeded { throw ExitCode(1) }
  }
}
