import AccordModel

/// What a webhook fires on, named as the Pact Broker names its events.
///
/// ```swift
/// WebhookEvent(rawValue: "contract_content_changed")  // .contractContentChanged
/// ```
public enum WebhookEvent: String, Sendable, Hashable, CaseIterable {
  case contractPublished = "contract_published"
  case contractContentChanged = "contract_content_changed"
  case contractRequiringVerificationPublished = "contract_requiring_verification_published"
  case providerVerificationPublished = "provider_verification_published"
  case providerVerificationSucceeded = "provider_verification_succeeded"
  case providerVerificationFailed = "provider_verification_failed"

  /// The error for an unknown event name, listing the known ones.
  public static func parse(_ name: String, path: String) throws(BrokerError) -> WebhookEvent {
    guard let event = WebhookEvent(rawValue: name) else {
      throw .invalid(
        "\(path) \(PrintSafe.quoted(name)) is not a webhook event; use one of "
          + allCases.map(\.rawValue).joined(separator: ", "))
    }
    return event
  }
}
