import AccordModel

/// A webhook request's URL, headers and body with the Pact Broker's `${pactbroker.…}` parameters, filled in for one
/// event. Unknown parameters are left as they are (as the Pact Broker does), so a typo shows in the delivery log.
///
/// ```swift
/// let url = WebhookTemplate.render("https://ci/build?pact=${pactbroker.pactUrl}", ["pactUrl": url], urlEncoded: true)
/// ```
public enum WebhookTemplate {
  /// The parameters the Pact Broker documents, without the `pactbroker.` prefix.
  public static let parameters: Set<String> = [
    "pactUrl", "verificationResultUrl", "consumerVersionNumber", "providerVersionNumber", "providerVersionTags",
    "providerVersionBranch", "consumerVersionTags", "consumerVersionBranch", "consumerName", "providerName",
    "consumerLabels", "providerLabels", "githubVerificationStatus", "bitbucketVerificationStatus",
    "azureDevOpsVerificationStatus", "gitlabVerificationStatus", "buildUrl",
    "currentlyDeployedProviderVersionNumber", "eventName",
  ]

  /// `template` with each `${pactbroker.name}` replaced by `values[name]`; in a URL (`urlEncoded`) the values are
  /// percent-encoded, so a branch named `feat/x&y` cannot change the query.
  public static func render(_ template: String, _ values: [String: String], urlEncoded: Bool = false) -> String {
    var out = ""
    var rest = Substring(template)
    while let start = rest.range(of: "${pactbroker.") {
      out += rest[..<start.lowerBound]
      guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
        out += rest[start.lowerBound...]
        return out
      }
      let name = String(rest[start.upperBound..<end])
      if let value = values[name] {
        out += urlEncoded ? PercentEncoding.unreserved(value) : value
      } else {
        out += rest[start.lowerBound...end]
      }
      rest = rest[rest.index(after: end)...]
    }
    return out + rest
  }

  /// The parameters a template uses that the Pact Broker does not define (for a warning when a webhook is saved).
  public static func unknownParameters(in template: String) -> [String] {
    var unknown: [String] = []
    var rest = Substring(template)
    while let start = rest.range(of: "${pactbroker."), let end = rest[start.upperBound...].firstIndex(of: "}") {
      let name = String(rest[start.upperBound..<end])
      if !parameters.contains(name) && !unknown.contains(name) { unknown.append(name) }
      rest = rest[rest.index(after: end)...]
    }
    return unknown
  }
}
