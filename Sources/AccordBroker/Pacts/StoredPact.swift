import Foundation

/// A published contract between a consumer version and a provider: which content (by SHA) and when.
///
/// The content itself is read separately (``BrokerStore/content(sha:)``): lists and selections need only this.
public struct StoredPact: Sendable, Hashable {
  public var id: Int64
  public var consumer: String
  public var provider: String
  public var consumerVersion: Version
  public var sha: String
  public var createdAt: Date

  public init(id: Int64, consumer: String, provider: String, consumerVersion: Version, sha: String, createdAt: Date) {
    self.id = id
    self.consumer = consumer
    self.provider = provider
    self.consumerVersion = consumerVersion
    self.sha = sha
    self.createdAt = createdAt
  }
}
