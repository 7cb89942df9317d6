/// Whether a pacticipant version can be deployed: every integration with what is in the target (an environment,
/// or the latest versions on a branch or with a tag) must be verified.
///
/// The question is the matrix's (``Matrix``) with `latestby=cvp`, as every Pact client's can-i-deploy asks it; the
/// answer adds a line per integration that says what to do about it.
///
/// ```swift
/// let answer = try await CanIDeploy(store: store).ask(pacticipant: "web", version: "1.4.0", to: .environment("production"))
/// print(answer.deployable, answer.reason)
/// ```
public struct CanIDeploy: Sendable {
  /// What the version is to be deployed alongside.
  public enum Target: Sendable, Hashable {
    case environment(String)
    /// The latest version of each other pacticipant with this tag.
    case tag(String)
    /// The latest version of each other pacticipant on this branch.
    case branch(String)
    /// The latest version of each other pacticipant on its main branch.
    case mainBranch
    /// The latest version of each other pacticipant.
    case latest

    /// The matrix's target: where the integrated pacticipants' versions are looked for.
    public var matrixTarget: MatrixQuery.Target {
      switch self {
      case .environment(let name): MatrixQuery.Target(environment: name)
      case .tag(let tag): MatrixQuery.Target(tag: tag, latest: true)
      case .branch(let branch): MatrixQuery.Target(branch: branch, latest: true)
      case .mainBranch: MatrixQuery.Target(mainBranch: true, latest: true)
      case .latest: MatrixQuery.Target(latest: true)
      }
    }
  }

  /// The answer: yes (`true`), no (`false`) or unknown (`nil`), and one integration per line.
  public struct Answer: Sendable, Hashable {
    public var pacticipant: String
    public var version: Version?
    public var versionNumber: String
    public var target: Target
    public var deployable: Bool?
    /// The answer and why, in a sentence; with the failing or unknown integrations named.
    public var reason: String
    /// The answer in a few words, without the integrations (they follow one per line).
    public var headline: String
    /// The integrations that count, a line each.
    public var integrations: [Integration]
    /// The integrations set aside by `ignore`.
    public var ignoredIntegrations: [Integration]
    /// The matrix's answer it is made of.
    public var matrix: MatrixAnswer
  }

  public let store: any BrokerStore

  public init(store: any BrokerStore) { self.store = store }

  /// Asks whether `pacticipant` `version` can be deployed to `target`, not counting the integrations of the
  /// pacticipants (or versions) in `ignore`.
  public func ask(pacticipant: String, version number: String, to target: Target, ignore: [MatrixSelector] = [])
    async throws(BrokerError) -> Answer
  {
    try await store.reading { () async throws(BrokerError) -> Answer in
      let matrix = Matrix(store: store)
      let query = MatrixQuery(
        selectors: [MatrixSelector(pacticipant: pacticipant, version: number)], ignore: ignore,
        target: target.matrixTarget, latestBy: .consumerVersionAndProvider)
      let problems = try await matrix.problems(query)
      guard problems.isEmpty else { throw .notFound(problems.joined(separator: "; ")) }
      return try await answer(try await matrix.answer(query), pacticipant: pacticipant, version: number, to: target)
    }
  }

  /// The matrix's answer told as can-i-deploy's: a line per integration, and a headline.
  func answer(_ matrix: MatrixAnswer, pacticipant: String, version number: String, to target: Target)
    async throws(BrokerError) -> Answer
  {
    let integrations = try await Self.integrations(matrix.rows, of: matrix, store: store, target: target)
    let ignored = try await Self.integrations(matrix.ignoredRows, of: matrix, store: store, target: target)
    let version = matrix.selectors.first { $0.origin == .specified }?.version
    let targetText = Self.describe(target)
    let failed = integrations.filter { $0.deployable == false }
    let unknown = integrations.filter { $0.deployable == nil }
    let count = "\(integrations.count) integration\(integrations.count == 1 ? "" : "s")"
    let headline: String
    var named: [Integration] = []
    if version == nil {
      headline =
        "\(pacticipant) version \(number) is unknown to the broker; publish its contracts (or record it) first"
    } else if matrix.deployable == false {
      headline = "No: \(failed.count) of \(count) \(failed.count == 1 ? "has" : "have") a failed verification"
      named = failed
    } else if matrix.deployable == nil {
      headline =
        "Unknown: \(unknown.count) of \(count) \(unknown.count == 1 ? "is" : "are") not verified yet"
        + (failed.isEmpty ? "" : ", and \(failed.count) failed")
      named = unknown + failed
    } else if integrations.isEmpty {
      headline =
        matrix.integrations.isEmpty
          || !matrix.selectors.contains(where: { $0.origin == .inferred && $0.version != nil })
        ? "Yes: nothing is in \(targetText) that \(pacticipant) integrates with, so there is no integration to check"
        : "Yes: nothing in \(targetText) has a pact with \(pacticipant) \(number), so there is no integration to check"
    } else {
      headline =
        integrations.count == 1
        ? "Yes: its one integration with \(targetText) is verified"
        : "Yes: all \(integrations.count) integrations with \(targetText) are verified"
    }
    let reason = named.isEmpty ? headline : headline + ": " + named.map(\.text).joined(separator: "; ")
    return Answer(
      pacticipant: pacticipant, version: version, versionNumber: number, target: target,
      deployable: matrix.deployable, reason: reason, headline: headline, integrations: integrations,
      ignoredIntegrations: ignored, matrix: matrix)
  }

  /// A line per row: verified, failed, or why there is no verification (no provider version in the target; the
  /// pact verified by another version only; no version has verified it yet).
  public static func integrations(
    _ rows: [MatrixRow], of matrix: MatrixAnswer, store: any BrokerStore, target: Target?
  ) async throws(BrokerError) -> [Integration] {
    let unverified = rows.filter { $0.verification == nil }.map(\.pact)
    let verifiedElsewhere = unverified.isEmpty ? [] : try await store.successfullyVerified(unverified, branch: nil)
    return rows.map { row in
      let reason: Integration.Reason
      if let verification = row.verification {
        reason = verification.success ? .verified : .failed
      } else if !matrix.selectors.contains(where: { $0.pacticipant == row.provider && !$0.versionMissing }) {
        reason = .providerVersionUnknown
      } else if verifiedElsewhere.contains(row.pact.sha) {
        reason = .neverVerified
      } else {
        reason = .pending
      }
      return Integration(
        consumer: row.consumer, consumerVersion: row.consumerVersion, provider: row.provider,
        providerVersion: row.providerVersion, pact: row.pact, verification: row.verification, reason: reason,
        target: target)
    }
  }

  static func unknownEnvironment(_ name: String) -> BrokerError {
    .notFound(
      "no environment named \"\(name)\"; create it with `accord create-environment --name \(name)` or check the "
        + "name with `accord list-environments`")
  }

  static func describe(_ target: Target) -> String {
    switch target {
    case .environment(let name): name
    case .tag(let tag): "the latest versions tagged '\(tag)'"
    case .branch(let branch): "the latest versions from branch '\(branch)'"
    case .mainBranch: "the latest versions from each main branch"
    case .latest: "the latest versions"
    }
  }
}
