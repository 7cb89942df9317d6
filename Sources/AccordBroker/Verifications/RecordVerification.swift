import AccordModel

/// Recording a provider's verification result of a pact: the result, then the webhooks it fires
/// (`provider_verification_published`, then `…_succeeded` or `…_failed`). The routes parse, call it and render.
///
/// ```swift
/// let record = RecordVerification(store: store, webhooks: store as? any WebhookStore)
/// let recorded = try await record(try NewVerification(publishing: body, provider: "users", consumer: "web", sha: sha),
///   pactURL: url, verificationURL: { number in urls.verification(number) })
/// ```
public struct RecordVerification: Sendable {
  public let store: any BrokerStore
  public let webhooks: (any WebhookStore)?

  public init(store: any BrokerStore, webhooks: (any WebhookStore)?) {
    self.store = store
    self.webhooks = webhooks
  }

  /// What recording did.
  public struct Recorded: Sendable {
    public var verification: Verification
    /// The webhook deliveries queued.
    public var deliveries: [WebhookDelivery]
    /// Why webhook deliveries could not be queued, when they could not: the result itself is stored.
    public var webhookError: BrokerError?
  }

  /// Records `result` for the pact it names (which must exist), then queues the webhooks; `verificationURL` gives
  /// the URL of the result by its number, for the webhooks' parameters.
  public func callAsFunction(
    _ result: NewVerification, pactURL: String, verificationURL: @Sendable (Int64) -> String
  ) async throws(BrokerError) -> Recorded {
    guard let pact = try await store.pact(provider: result.provider, consumer: result.consumer, sha: result.sha) else {
      throw .notFound("no pact between \(result.consumer) and \(result.provider) with content \(result.sha)")
    }
    let verification = try await store.recordVerification(result)
    var recorded = Recorded(verification: verification, deliveries: [])
    guard let webhooks else { return recorded }
    do {
      recorded.deliveries = try await WebhookTrigger(store: store, webhooks: webhooks).verified(
        verification, pact: pact, pactURL: pactURL, verificationURL: verificationURL(verification.number))
    } catch {
      recorded.webhookError = error
    }
    return recorded
  }
}

extension NewVerification {
  /// A verification result as the Pact clients publish it (`success`, `providerApplicationVersion`, the branch as
  /// `providerVersionBranch` or `providerBranch`, `buildUrl`, `testResults`, `verifiedBy`), for the pact of
  /// `consumer` and `provider` with content `sha`. Every mistake names its JSON path.
  public init(publishing body: JSONValue, provider: String, consumer: String, sha: String) throws(BrokerError) {
    guard case .object = body else { throw .invalid("the body must be a JSON object") }
    guard let success = try body.bool("success", path: "$") else {
      throw .invalid("$.success is missing; give true or false")
    }
    guard let number = try body.string("providerApplicationVersion", path: "$") else {
      throw .invalid("$.providerApplicationVersion is missing; give the provider version verified")
    }
    try Names.check(number, what: "$.providerApplicationVersion")
    var branch = try body.string("providerVersionBranch", path: "$")
    if branch == nil { branch = try body.string("providerBranch", path: "$") }
    let buildURL = try body.string("buildUrl", path: "$")
    self.init(
      provider: provider, consumer: consumer, sha: sha,
      providerVersion: VersionChange(pacticipant: provider, number: number, branch: branch), success: success,
      buildURL: buildURL, testResults: body["testResults"],
      verifiedBy: body["verifiedBy"])
  }
}
