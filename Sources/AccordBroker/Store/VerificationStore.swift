import AccordModel

/// Verification results of pacts by provider versions. A part of ``BrokerStore``: a use case asks for the parts it needs.
public protocol VerificationStore: Sendable {
  func recordVerification(_ verification: NewVerification) async throws(BrokerError) -> Verification
  /// Records many results in one transaction (imports, seeding); returns how many.
  func recordVerifications(_ verifications: [NewVerification]) async throws(BrokerError) -> Int
  func verification(sha: String, number: Int64) async throws(BrokerError) -> Verification?
  /// The latest verification of `sha` by one provider version.
  func latestVerification(sha: String, providerVersionID: Int64) async throws(BrokerError) -> Verification?
  /// The latest verification of `sha` by any provider version.
  func latestVerification(sha: String) async throws(BrokerError) -> Verification?
  /// Whether a provider version on `branch` (any version when `nil`) has verified `sha` successfully.
  func hasSuccessfulVerification(sha: String, provider: String, branch: String?) async throws(BrokerError) -> Bool
  /// The latest verification for each key (a content and a provider version), in one query where the store can;
  /// keys never verified are absent.
  func latestVerifications(_ keys: Set<VerificationKey>) async throws(BrokerError) -> [VerificationKey: Verification]
  /// The contents of `pacts` that a provider version on `branch` (any when `nil`) has verified successfully, in
  /// one query where the store can.
  func successfullyVerified(_ pacts: [StoredPact], branch: String?) async throws(BrokerError) -> Set<String>

  /// The latest verification of each content (by sha) by a provider version in `scope`, where there is one; one
  /// query where the store can.
  func latestVerifications(shas: [String], by scope: ProviderVersionScope) async throws(BrokerError)
    -> [String: Verification]
}

extension VerificationStore {
  /// The latest verification of each content (by sha) that has one.
  public func latestVerifications(shas: [String]) async throws(BrokerError) -> [String: Verification] {
    try await latestVerifications(shas: shas, by: .any)
  }
}

/// Which provider versions' verifications count.
public enum ProviderVersionScope: Sendable, Hashable {
  case any
  /// Versions on the provider's main branch.
  case mainBranch
  /// Versions currently deployed to, or released and supported in, any environment.
  case deployedOrReleased
}
