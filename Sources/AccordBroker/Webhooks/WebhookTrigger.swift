import Foundation

/// Turns what just happened (a pact published, a verification published) into the deliveries of every webhook
/// that fires on it, with the `${pactbroker.…}` parameters filled in, and queues them.
///
/// - `contract_published`: every publication, content new or not.
/// - `contract_content_changed`: the content differs from the pair's previous pact (the first pact counts).
/// - `contract_requiring_verification_published`: once per provider version that should verify the content and has
///   not: the latest of the provider's main branch and each deployed or released version; once without a provider
///   version when the provider has none of those yet (its CI should build its main branch).
/// - `provider_verification_published`, then `…_succeeded` or `…_failed`: every verification result.
///
/// ```swift
/// let trigger = WebhookTrigger(store: store, webhooks: store)
/// try await trigger.published(pact, previousSHA: previous, pactURL: url)
/// ```
public struct WebhookTrigger: Sendable {
  public let store: any BrokerStore
  public let webhooks: any WebhookStore

  public init(store: any BrokerStore, webhooks: any WebhookStore) {
    self.store = store
    self.webhooks = webhooks
  }

  /// Queues the deliveries for one published pact; `previousSHA` is the content of the pair's pact before it.
  @discardableResult
  public func published(_ pact: StoredPact, previousSHA: String?, pactURL: String) async throws(BrokerError)
    -> [WebhookDelivery]
  {
    let all = try await webhooks.webhooks()
    let (consumerLabels, providerLabels) = try await labels(pact.consumer, pact.provider, for: all)
    let matching = all.filter {
      $0.enabled
        && $0.concerns(
          consumer: pact.consumer, provider: pact.provider, consumerLabels: consumerLabels,
          providerLabels: providerLabels)
    }
    guard !matching.isEmpty else { return [] }
    let verified = try await store.latestVerification(sha: pact.sha)
    var base = WebhookParameters.publication(pact, pactURL: pactURL, latestVerification: verified)
    base["currentlyDeployedProviderVersionNumber"] = try await deployedVersions(of: pact.provider)
      .map(\.number).joined(separator: ", ")
    var queue: [NewWebhookDelivery] = []
    func add(_ event: WebhookEvent, _ parameters: [String: String]) {
      for webhook in matching where webhook.events.contains(event) {
        var values = parameters
        values["eventName"] = event.rawValue
        queue.append(NewWebhookDelivery(webhookUUID: webhook.uuid, event: event, parameters: values))
      }
    }
    add(.contractPublished, base)
    if previousSHA != pact.sha { add(.contractContentChanged, base) }
    if matching.contains(where: { $0.events.contains(.contractRequiringVerificationPublished) }) {
      let required = try await providerVersionsToVerify(pact)
      let providerHasVersions = try await store.latestVersion(of: pact.provider, branch: nil, tag: nil) != nil
      if required.isEmpty && !providerHasVersions {
        add(.contractRequiringVerificationPublished, base)
      }
      for version in required {
        add(.contractRequiringVerificationPublished, base.merging(WebhookParameters.provider(version)) { $1 })
      }
    }
    return try await webhooks.enqueue(queue)
  }

  /// Queues the deliveries for one verification result.
  @discardableResult
  public func verified(_ verification: Verification, pact: StoredPact?, pactURL: String, verificationURL: String)
    async throws(BrokerError) -> [WebhookDelivery]
  {
    let events: [WebhookEvent] = [
      .providerVerificationPublished,
      verification.success ? .providerVerificationSucceeded : .providerVerificationFailed,
    ]
    let all = try await webhooks.webhooks()
    let (consumerLabels, providerLabels) = try await labels(verification.consumer, verification.provider, for: all)
    let matching = all.filter { webhook in
      events.contains {
        webhook.fires(
          on: $0, consumer: verification.consumer, provider: verification.provider, consumerLabels: consumerLabels,
          providerLabels: providerLabels)
      }
    }
    guard !matching.isEmpty else { return [] }
    let parameters = WebhookParameters.verification(
      verification, pact: pact, pactURL: pactURL, verificationURL: verificationURL)
    var queue: [NewWebhookDelivery] = []
    for event in events {
      for webhook in matching where webhook.events.contains(event) {
        var values = parameters
        values["eventName"] = event.rawValue
        queue.append(NewWebhookDelivery(webhookUUID: webhook.uuid, event: event, parameters: values))
      }
    }
    return try await webhooks.enqueue(queue)
  }

  /// The provider versions that should verify `pact` and have not: the latest of the main branch, and each
  /// deployed or released version.
  func providerVersionsToVerify(_ pact: StoredPact) async throws(BrokerError) -> [Version] {
    var candidates: [Version] = []
    if let main = try await store.pacticipant(named: pact.provider)?.mainBranch,
      let latest = try await store.latestVersion(of: pact.provider, branch: main, tag: nil)
    {
      candidates.append(latest)
    }
    for version in try await deployedVersions(of: pact.provider) where !candidates.contains(version) {
      candidates.append(version)
    }
    var required: [Version] = []
    for version in candidates {
      if try await store.latestVerification(sha: pact.sha, providerVersionID: version.id) == nil {
        required.append(version)
      }
    }
    return required
  }

  /// The provider's versions deployed or released (and supported) in any environment.
  func deployedVersions(of pacticipant: String) async throws(BrokerError) -> [Version] {
    var versions: [Version] = []
    for environment in try await store.environments() {
      let deployed = try await store.deployedVersions(environmentID: environment.id, pacticipant: pacticipant)
      let released = try await store.releasedVersions(environmentID: environment.id, pacticipant: pacticipant)
      for version in deployed.map(\.version) + released.map(\.version) where !versions.contains(version) {
        versions.append(version)
      }
    }
    return versions
  }

  /// The labels of `consumer` and `provider`, looked up only when a webhook names a label.
  func labels(_ consumer: String, _ provider: String, for webhooks: [Webhook]) async throws(BrokerError)
    -> ([String], [String])
  {
    guard webhooks.contains(where: \.usesLabels) else { return ([], []) }
    return (
      try await store.pacticipant(named: consumer)?.labels ?? [],
      try await store.pacticipant(named: provider)?.labels ?? []
    )
  }
}
