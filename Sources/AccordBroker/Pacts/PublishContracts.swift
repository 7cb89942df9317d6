/// Publishing a consumer version's contracts: the publication in one transaction, then the webhooks it fires
/// (`contract_published`, `contract_content_changed` against the pair's previous pact on the same branch,
/// `contract_requiring_verification_published`). Built from the stores it needs; the HTTP routes parse, call it
/// and render what it returns.
///
/// ```swift
/// let publish = PublishContracts(store: store, webhooks: store as? any WebhookStore)
/// let published = try await publish(publication) { pact in urls.pactVersion(of: pact) }
/// ```
public struct PublishContracts: Sendable {
  public let store: any BrokerStore
  public let webhooks: (any WebhookStore)?

  public init(store: any BrokerStore, webhooks: (any WebhookStore)?) {
    self.store = store
    self.webhooks = webhooks
  }

  /// What a publication did.
  public struct Published: Sendable {
    public var outcome: PublicationOutcome
    /// The consumer version existed before (its pacts were added to or left as they were); `false` when not asked.
    public var existed: Bool
    /// The webhook deliveries queued.
    public var deliveries: [WebhookDelivery]
    /// Why webhook deliveries could not be queued, when they could not: the publication itself is stored.
    public var webhookError: BrokerError?
  }

  /// Publishes, then queues the webhooks; `pactURL` gives a stored pact's URL for the webhooks' parameters.
  /// `askingWhetherItExisted` looks the version up first, for ``Published/existed`` (one query more: leave it out
  /// where nothing reports it).
  public func callAsFunction(
    _ publication: Publication, askingWhetherItExisted: Bool = true, pactURL: @Sendable (StoredPact) -> String
  ) async throws(BrokerError) -> Published {
    let version = publication.version
    let existed =
      askingWhetherItExisted ? try await store.version(of: version.pacticipant, number: version.number) != nil : false
    let previous = try await previousContents(publication)
    let outcome = try await store.publish(publication)
    var published = Published(outcome: outcome, existed: existed, deliveries: [])
    guard let webhooks, let previous else { return published }
    let trigger = WebhookTrigger(store: store, webhooks: webhooks)
    do {
      for pact in outcome.stored {
        published.deliveries += try await trigger.published(
          pact, previousSHA: previous[pact.provider], pactURL: pactURL(pact))
      }
    } catch {
      published.webhookError = error
    }
    return published
  }

  /// The content of each provider's latest pact from the consumer before this publication (on its branch when it
  /// has one), for `contract_content_changed`; `nil` when no webhook exists, so publishing skips the lookups.
  func previousContents(_ publication: Publication) async throws(BrokerError) -> [String: String]? {
    // A store that cannot list its webhooks now does not stop the publication: it fires none.
    guard let webhooks, (try? await webhooks.webhooks().isEmpty) == false else { return nil }
    var previous: [String: String] = [:]
    let query: PactQuery = publication.version.branch.map { .latestOnBranch($0) } ?? .latest
    for provider in publication.contracts.map(\.provider) {
      previous[provider] =
        try await store.pacts(provider: provider, consumer: publication.version.pacticipant, query: query).first?.sha
    }
    return previous
  }
}
