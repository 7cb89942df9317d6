import Foundation

/// The values of the Pact Broker's `${pactbroker.…}` parameters for an event.
///
/// ```swift
/// let values = WebhookParameters.verification(verification, pact: pact, pactURL: url, verificationURL: resultURL)
/// values["githubVerificationStatus"]  // "success"
/// ```
public enum WebhookParameters {
  /// For a published pact: the consumer version's facts; the provider's are empty (or filled per provider version
  /// for `contract_requiring_verification_published`).
  public static func publication(_ pact: StoredPact, pactURL: String, latestVerification: Verification?)
    -> [String: String]
  {
    var values = common(consumer: pact.consumer, provider: pact.provider, pactURL: pactURL)
    values.merge(consumer(pact.consumerVersion)) { $1 }
    values["buildUrl"] = pact.consumerVersion.buildURL ?? ""
    values["providerVersionNumber"] = ""
    values["providerVersionTags"] = ""
    values["providerVersionBranch"] = ""
    values["verificationResultUrl"] = ""
    values.merge(statuses(latestVerification?.success)) { $1 }
    return values
  }

  /// For a verification result: both versions' facts, the result's URL and the CI statuses.
  public static func verification(
    _ verification: Verification, pact: StoredPact?, pactURL: String, verificationURL: String
  ) -> [String: String] {
    var values = common(consumer: verification.consumer, provider: verification.provider, pactURL: pactURL)
    if let pact { values.merge(consumer(pact.consumerVersion)) { $1 } }
    values.merge(provider(verification.providerVersion)) { $1 }
    values["verificationResultUrl"] = verificationURL
    values["buildUrl"] = verification.buildURL ?? ""
    values.merge(statuses(verification.success)) { $1 }
    return values
  }

  /// The provider version's number, branch and tags.
  public static func provider(_ version: Version) -> [String: String] {
    [
      "providerVersionNumber": version.number, "providerVersionBranch": version.branches.first ?? "",
      "providerVersionTags": version.tags.joined(separator: ", "),
    ]
  }

  static func consumer(_ version: Version) -> [String: String] {
    [
      "consumerVersionNumber": version.number, "consumerVersionBranch": version.branches.first ?? "",
      "consumerVersionTags": version.tags.joined(separator: ", "),
    ]
  }

  static func common(consumer: String, provider: String, pactURL: String) -> [String: String] {
    [
      "consumerName": consumer, "providerName": provider, "pactUrl": pactURL, "consumerLabels": "",
      "providerLabels": "", "consumerVersionNumber": "", "consumerVersionBranch": "", "consumerVersionTags": "",
      "currentlyDeployedProviderVersionNumber": "",
    ]
  }

  /// The words each CI system's commit-status API uses: `nil` is not verified yet.
  static func statuses(_ success: Bool?) -> [String: String] {
    switch success {
    case nil:
      [
        "githubVerificationStatus": "pending", "bitbucketVerificationStatus": "INPROGRESS",
        "azureDevOpsVerificationStatus": "pending", "gitlabVerificationStatus": "pending",
      ]
    case true?:
      [
        "githubVerificationStatus": "success", "bitbucketVerificationStatus": "SUCCESSFUL",
        "azureDevOpsVerificationStatus": "succeeded", "gitlabVerificationStatus": "success",
      ]
    case false?:
      [
        "githubVerificationStatus": "failure", "bitbucketVerificationStatus": "FAILED",
        "azureDevOpsVerificationStatus": "failed", "gitlabVerificationStatus": "failed",
      ]
    }
  }

  /// Example values for testing a webhook when nothing matching it was published yet.
  public static func example(consumer: String, provider: String, base: String) -> [String: String] {
    var values = common(consumer: consumer, provider: provider, pactURL: base + "/pacts/provider/example")
    values.merge(statuses(nil)) { $1 }
    values["consumerVersionNumber"] = "example"
    values["providerVersionNumber"] = ""
    values["providerVersionTags"] = ""
    values["providerVersionBranch"] = ""
    values["verificationResultUrl"] = ""
    values["buildUrl"] = ""
    return values
  }
}
