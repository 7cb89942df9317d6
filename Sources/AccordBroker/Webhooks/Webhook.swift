import AccordModel
import Foundation

/// An HTTP request the broker sends when an event happens between a consumer and a provider (either may be left
/// out to mean any), as the Pact Broker's webhooks are.
///
/// ```swift
/// let webhook = Webhook(
///   uuid: "6e9b1c1a-…", provider: "user-service", events: [.contractRequiringVerificationPublished],
///   request: WebhookRequest(method: "POST", url: "https://ci.example/build?pact=${pactbroker.pactUrl}"))
/// ```
public struct Webhook: Sendable, Hashable {
  public var uuid: String
  public var description: String?
  /// The consumer's name; `nil` for every consumer.
  public var consumer: String?
  /// The provider's name; `nil` for every provider.
  public var provider: String?
  /// Instead of a consumer's name: every consumer with this label.
  public var consumerLabel: String?
  /// Instead of a provider's name: every provider with this label.
  public var providerLabel: String?
  public var events: [WebhookEvent]
  public var request: WebhookRequest
  public var enabled: Bool
  public var createdAt: Date
  public var updatedAt: Date

  public init(
    uuid: String, description: String? = nil, consumer: String? = nil, provider: String? = nil,
    consumerLabel: String? = nil, providerLabel: String? = nil, events: [WebhookEvent], request: WebhookRequest,
    enabled: Bool = true, createdAt: Date = Date(), updatedAt: Date = Date()
  ) {
    self.uuid = uuid
    self.description = description
    self.consumer = consumer
    self.provider = provider
    self.consumerLabel = consumerLabel
    self.providerLabel = providerLabel
    self.events = events
    self.request = request
    self.enabled = enabled
    self.createdAt = createdAt
    self.updatedAt = updatedAt
  }

  /// Whether this webhook fires for `event` between `consumer` and `provider` (whose labels are given).
  public func fires(
    on event: WebhookEvent, consumer: String, provider: String, consumerLabels: [String] = [],
    providerLabels: [String] = []
  ) -> Bool {
    enabled && events.contains(event)
      && concerns(
        consumer: consumer, provider: provider, consumerLabels: consumerLabels, providerLabels: providerLabels)
  }

  /// Whether this webhook is about `consumer` and `provider`: each side is the one it names, one with the label it
  /// names, or any when it names neither.
  public func concerns(
    consumer: String, provider: String, consumerLabels: [String] = [], providerLabels: [String] = []
  ) -> Bool {
    (self.consumer ?? consumer) == consumer && (self.provider ?? provider) == provider
      && (consumerLabel.map(consumerLabels.contains) ?? true) && (providerLabel.map(providerLabels.contains) ?? true)
  }

  /// It names a label on either side: matching it needs the pacticipants' labels.
  public var usesLabels: Bool { consumerLabel != nil || providerLabel != nil }

  /// A short name for lists and logs: the description, or what it fires on.
  public var title: String {
    if let description, !description.isEmpty { return description }
    let pair =
      "\(consumer ?? consumerLabel.map { "consumers labelled \($0)" } ?? "any consumer") → "
      + (provider ?? providerLabel.map { "providers labelled \($0)" } ?? "any provider")
    return "\(events.map(\.rawValue).joined(separator: ", ")) for \(pair)"
  }
}

/// The request a webhook sends, with `${pactbroker.…}` parameters in its URL, headers and body.
public struct WebhookRequest: Sendable, Hashable {
  /// Upper case: `POST`, `PUT`, …
  public var method: String
  public var url: String
  /// In the order given.
  public var headers: [WebhookHeader]
  /// A JSON body (its strings are templates), or text (a template), or none.
  public var body: JSONValue?
  /// Basic authentication for the called server.
  public var username: String?
  public var password: String?

  public init(
    method: String = "POST", url: String, headers: [WebhookHeader] = [], body: JSONValue? = nil,
    username: String? = nil, password: String? = nil
  ) {
    self.method = method
    self.url = url
    self.headers = headers
    self.body = body
    self.username = username
    self.password = password
  }
}

/// One header of a webhook request.
public struct WebhookHeader: Sendable, Hashable {
  public var name: String
  public var value: String

  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }
}
