import AccordBroker
import Logging
import ServiceLifecycle

/// `accord broker --clean-every H`: runs the retention policy every H hours while the broker runs, and logs what it
/// deleted. Several replicas may each run it: deleting what another replica deleted a moment ago changes nothing.
struct ScheduledClean: Service {
  let store: any BrokerStore
  let policy: RetentionPolicy
  let interval: Duration
  let logger: Logger

  func run() async throws {
    try? await cancelWhenGracefulShutdown {
      while !Task.isCancelled {
        try await Task.sleep(for: interval)
        do {
          let counts = try await CleanOldVersions(store: store, policy: policy)().counts
          logger.info(
            "retention",
            metadata: [
              "versions": .stringConvertible(counts.versions), "publications": .stringConvertible(counts.publications),
              "verifications": .stringConvertible(counts.verifications),
              "contents": .stringConvertible(counts.contents),
            ])
        } catch {
          logger.error("retention failed; it runs again at the next interval", metadata: ["error": "\(error)"])
        }
      }
    }
  }
}
