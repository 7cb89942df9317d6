/// One consumer version and one provider version that must work together for a deployment, and what the broker
/// knows about them: a line of can-i-deploy's answer and a row of the matrix.
public struct Integration: Sendable, Hashable {
  /// Why an integration is fine, blocking, or unknown.
  public enum Reason: Sendable, Hashable {
    /// The provider version verified the consumer version's pact successfully.
    case verified
    /// The provider version's latest verification of the pact failed.
    case failed
    /// Other provider versions verified this pact, but not this one.
    case neverVerified
    /// No provider version has verified this pact successfully yet: it is new (pending).
    case pending
    /// The provider is not deployed (or has no version on the target branch or tag), so the consumer's calls to it
    /// cannot be checked.
    case providerVersionUnknown
    /// The consumer version asked about is unknown to the broker.
    case consumerVersionUnknown
    /// Nothing of the other side is deployed in the environment: no integration to check.
    case notDeployed
  }

  public var consumer: String
  public var consumerVersion: Version?
  public var provider: String
  public var providerVersion: Version?
  public var pact: StoredPact?
  public var verification: Verification?
  public var reason: Reason
  /// Where the provider version was looked for (can-i-deploy's target), so ``Reason/providerVersionUnknown`` says
  /// what to do: deploy it, tag it, or put a version on the branch.
  public var target: CanIDeploy.Target?

  public init(
    consumer: String, consumerVersion: Version?, provider: String, providerVersion: Version?, pact: StoredPact?,
    verification: Verification?, reason: Reason, target: CanIDeploy.Target? = nil
  ) {
    self.consumer = consumer
    self.consumerVersion = consumerVersion
    self.provider = provider
    self.providerVersion = providerVersion
    self.pact = pact
    self.verification = verification
    self.reason = reason
    self.target = target
  }

  /// `true` allows the deployment, `false` blocks it, `nil` is not known yet.
  public var deployable: Bool? {
    switch reason {
    case .verified, .notDeployed: true
    case .failed: false
    case .neverVerified, .pending, .providerVersionUnknown, .consumerVersionUnknown: nil
    }
  }

  /// The line a person reads, e.g. "✔ web 1.4.0 → users 2.0.1: verified by users 2.0.1".
  public var text: String {
    let consumerSide = consumer + (consumerVersion.map { " " + $0.number } ?? "")
    let providerSide = provider + (providerVersion.map { " " + $0.number } ?? "")
    switch reason {
    case .verified:
      return "✔ \(consumerSide) → \(providerSide): verified by \(providerSide)"
    case .failed:
      return "✘ \(consumerSide) → \(providerSide): verification failed"
    case .neverVerified:
      return "? \(consumerSide) → \(providerSide): never verified by this version of \(provider)"
    case .pending:
      return "? \(consumerSide) → \(providerSide): pending, no version of \(provider) has verified this pact yet"
    case .providerVersionUnknown:
      return "? \(consumerSide) → \(provider): " + Self.missingProvider(provider, in: target)
    case .consumerVersionUnknown:
      return "? \(consumerSide) → \(providerSide): the consumer version is unknown to the broker"
    case .notDeployed:
      return "✔ \(consumerSide) → \(providerSide): nothing deployed to check against, no integration needed"
    }
  }

  /// Why no version of `provider` is there to check against, and what to do about it.
  static func missingProvider(_ provider: String, in target: CanIDeploy.Target?) -> String {
    switch target {
    case .environment(let name):
      "no version of \(provider) is deployed or released in \(name) to check against; deploy it first and record "
        + "the deployment"
    case .tag(let tag):
      "no version of \(provider) is tagged '\(tag)' to check against; tag the version of \(provider) that is there"
    case .branch(let branch):
      "no version of \(provider) is on branch '\(branch)' to check against; publish or verify a version of "
        + "\(provider) from that branch first"
    case .mainBranch:
      "no version of \(provider) is on its main branch to check against; verify from the main branch, or set "
        + "\(provider)'s mainBranch"
    case .latest:
      "\(provider) has no version to check against yet; publish or verify a version of it first"
    case nil:
      "no version of \(provider) the query names exists to check against; name a version of \(provider) that does"
    }
  }
}
