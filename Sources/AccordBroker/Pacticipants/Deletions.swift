import AccordModel

/// Deleting what was published by mistake, as the Pact Broker allows: a pacticipant (with its versions, pacts,
/// verifications, deployments and webhooks), one version, or one pact. Each unknown one is a
/// ``BrokerError/notFound(_:)`` that says where to look.
///
/// ```swift
/// try await Deletions(store: store).deleteVersion("web", "1.4.0")
/// ```
public struct Deletions: Sendable {
  public let store: any VersionStore & RetentionStore

  public init(store: any VersionStore & RetentionStore) {
    self.store = store
  }

  public func deletePacticipant(_ name: String) async throws(BrokerError) {
    guard try await store.deletePacticipant(named: name) != nil else {
      throw .notFound("no pacticipant named \(PrintSafe.quoted(name)); list them at /pacticipants")
    }
  }

  public func deleteVersion(_ pacticipant: String, _ number: String) async throws(BrokerError) {
    guard let version = try await store.version(of: pacticipant, number: number) else {
      throw .notFound(
        "\(PrintSafe.quoted(pacticipant)) has no version \(PrintSafe.quoted(number)); list its versions at "
          + "/pacticipants/\(PercentEncoding.unreserved(pacticipant))/versions")
    }
    _ = try await store.deleteVersions([version.id])
  }

  public func deletePact(provider: String, consumer: String, consumerVersion number: String) async throws(BrokerError) {
    guard try await store.deletePact(provider: provider, consumer: consumer, consumerVersion: number) else {
      throw .notFound(
        "no pact between \(PrintSafe.quoted(consumer)) version \(PrintSafe.quoted(number)) and "
          + "\(PrintSafe.quoted(provider)); check the names and the version")
    }
  }
}
