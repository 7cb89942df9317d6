import AccordBroker
import AccordBrokerSQLite
import AccordBrokerServer
import AccordModel
import Foundation
import SampleKit

extension Demo {
  /// A broker seeded with a company's network of `services` services (``CompanyNetwork``) instead of the sample
  /// services' loop: to see the broker's pages at scale. Keeps running until `stopSignal` returns when
  /// ``Options/keepRunning``; returns the network it seeded.
  public func runNetwork(services: Int) async throws -> CompanyNetwork {
    let (directory, temporary) = try workDirectory()
    defer { if temporary { try? FileManager.default.removeItem(at: directory) } }
    let (store, databasePath) = try brokerStore(in: directory)
    let network = CompanyNetwork(services: services)
    try await DemoError.during("seeding the network") { try await network.seed(store) }
    let broker = try await DemoError.during("starting the broker") {
      try await RunningService.start(name: "accord-broker", router: BrokerServer(store: store).router())
    }
    let counts = Dictionary(grouping: network.contracts, by: \.outcome).mapValues(\.count)
    say("Accord demo: a company's network of \(network.services.count) services\n")
    say("Broker: \(broker.baseURL)  (SQLite: \(PrintSafe.escaped(databasePath)))")
    say(
      "\(network.contracts.count) contracts, each in \(CompanyNetwork.consumerVersions.count) consumer versions: "
        + "\(counts[.failed] ?? 0) failed, \(counts[.failedOnBranch] ?? 0) failed on a provider branch only, "
        + "\(counts[.unverified] ?? 0) never verified; \(network.deployed.count) services deployed to production")
    if options.keepRunning {
      say("The broker keeps running; Ctrl-C stops it.")
      await stopSignal()
    }
    await broker.stop()
    return network
  }
}
