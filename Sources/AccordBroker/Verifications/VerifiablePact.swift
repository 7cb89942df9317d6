/// A pact chosen for a provider to verify, with why it was chosen and whether its failure may fail the build.
public struct VerifiablePact: Sendable, Hashable {
  public var pact: StoredPact
  /// One line per selector that chose it, e.g. "latest version of web from branch 'main' (1.4.0)".
  public var reasons: [String]
  /// `nil` unless pending status was asked for.
  public var pending: Bool?
  public var wip: Bool
  public var selectors: [ConsumerVersionSelector]
  /// The branch of the provider version that will verify it, as the request gave it.
  public var providerBranch: String?

  public init(
    pact: StoredPact, reasons: [String], pending: Bool?, wip: Bool, selectors: [ConsumerVersionSelector],
    providerBranch: String?
  ) {
    self.pact = pact
    self.reasons = reasons
    self.pending = pending
    self.wip = wip
    self.selectors = selectors
    self.providerBranch = providerBranch
  }

  /// The notices the Pact Broker gives with each pact (`verificationProperties.notices`): why it is verified,
  /// and whether a failure will fail the build. `when` is `before_verification`, or `after_verification:…`.
  public func notices(pactURL: String) -> [(when: String, text: String)] {
    var notices: [(String, String)] = []
    let provider = pact.provider
    if wip {
      notices.append(
        (
          "before_verification",
          "The pact at \(pactURL) is being verified because it is a 'work in progress' pact (ie. it is the pact "
            + "for the latest version of \(pact.consumer) from \(Self.branchText(pact.consumerVersion)) and is "
            + "still in pending state)."
        ))
    } else {
      let criteria = reasons.map { "    * " + $0 }.joined(separator: "\n")
      notices.append(
        (
          "before_verification",
          "The pact at \(pactURL) is being verified because the pact content belongs to the consumer version"
            + (reasons.count == 1 ? " matching the following criterion:\n" : "s matching the following criteria:\n")
            + criteria
        ))
    }
    let by = providerBranch.map { "a version of \(provider) from branch '\($0)'" } ?? "any version of \(provider)"
    switch pending {
    case true?:
      notices.append(
        (
          "before_verification",
          "This pact is in pending state for this version of \(provider) because a successful verification result "
            + "for \(by) has not yet been published. If this verification fails, it will not cause the overall build "
            + "to fail. Read more at https://docs.pact.io/go/pending"
        ))
      notices.append(
        (
          "after_verification:success_true",
          "This pact is still in pending state for \(by) as the successful verification results have not yet been "
            + "published."
        ))
      notices.append(
        (
          "after_verification:success_false",
          "Failure! This pact is in pending state for this version of \(provider) because a successful verification "
            + "result for \(by) has not yet been published. As a result, this verification will not cause the "
            + "overall build to fail."
        ))
    case false?:
      notices.append(
        (
          "before_verification",
          "This pact has previously been successfully verified by \(by). If this verification fails, it will fail "
            + "the build. Read more at https://docs.pact.io/go/pending"
        ))
    case nil:
      break
    }
    return notices
  }

  static func branchText(_ version: Version) -> String {
    version.branches.first.map { "branch '\($0)'" } ?? "no branch"
  }
}
