/// A question to the matrix, as `GET /matrix` takes it: the versions asked about (`q[]`), the versions whose
/// integrations do not count (`ignore[]`), where the other side of each integration is looked for (the target: an
/// environment, the latest versions, a tag, a branch), which rows to keep of each group (`latestby`), which
/// results to keep (`success[]`) and how many rows (`limit`).
///
/// ```swift
/// var query = MatrixQuery(selectors: [MatrixSelector(pacticipant: "web", version: "1.4.0")])
/// query.target = MatrixQuery.Target(environment: "production")
/// query.latestBy = .consumerVersionAndProvider
/// ```
public struct MatrixQuery: Sendable, Hashable {
  /// Of several rows for one consumer version (and provider, and provider version), which to keep.
  public enum LatestBy: String, Sendable, Hashable, CaseIterable {
    /// `cvpv`: per consumer version and provider version, the latest verification.
    case consumerVersionAndProviderVersion = "cvpv"
    /// `cvp`: per consumer version and provider, the latest provider version's row.
    case consumerVersionAndProvider = "cvp"
    /// `cp`: per consumer and provider, the latest provider version's row.
    case consumerAndProvider = "cp"
  }

  /// Where the versions integrated with the selected ones are looked for: a selector made for each integrated
  /// pacticipant from these conditions (as ``MatrixSelector``'s).
  public struct Target: Sendable, Hashable {
    public var environment: String?
    public var tag: String?
    public var branch: String?
    public var mainBranch: Bool
    public var latest: Bool

    public init(
      environment: String? = nil, tag: String? = nil, branch: String? = nil, mainBranch: Bool = false,
      latest: Bool = false
    ) {
      self.environment = environment
      self.tag = tag
      self.branch = branch
      self.mainBranch = mainBranch
      self.latest = latest
    }

    /// The selector made from the target for an integrated pacticipant.
    public func selector(for pacticipant: String) -> MatrixSelector {
      MatrixSelector(
        pacticipant: pacticipant, tag: tag, branch: branch, mainBranch: mainBranch, environment: environment,
        latest: latest)
    }
  }

  /// What `limit` is when the query does not say, as the Pact Broker.
  public static let defaultLimit = 100
  /// The most rows one answer holds.
  public static let maximumLimit = 10_000
  /// The most selectors (and ignore selectors) one query names: each is looked up.
  public static let maximumSelectors = 100

  public var selectors: [MatrixSelector]
  public var ignore: [MatrixSelector]
  public var target: Target?
  public var latestBy: LatestBy?
  /// Keep only rows whose result is one of these (`nil` in it: rows without a verification).
  public var success: Set<Bool?>?
  public var limit: Int

  public init(
    selectors: [MatrixSelector], ignore: [MatrixSelector] = [], target: Target? = nil, latestBy: LatestBy? = nil,
    success: Set<Bool?>? = nil, limit: Int = MatrixQuery.defaultLimit
  ) {
    self.selectors = selectors
    self.ignore = ignore
    self.target = target
    self.latestBy = latestBy
    self.success = success
    self.limit = limit
  }

  /// What is wrong with the query, one message each, naming the parameter; empty when it can be asked.
  public var problems: [String] {
    var problems: [String] = []
    if selectors.isEmpty {
      problems.append("the query names no version; give q[][pacticipant]=NAME (and q[][version]=V)")
    }
    for selector in selectors {
      if selector.pacticipant.isEmpty {
        problems.append("a q[][pacticipant] is empty; give the pacticipant's name")
      }
      if selector.version != nil && selector.latest {
        problems.append(
          "q[] for \(selector.pacticipant) gives both a version and latest=true; give one of them")
      }
    }
    if selectors.count > Self.maximumSelectors || ignore.count > Self.maximumSelectors {
      problems.append(
        "the query names \(selectors.count) selectors and \(ignore.count) to ignore; at most "
          + "\(Self.maximumSelectors) of each are asked at once")
      return problems
    }
    for selector in ignore where selector.pacticipant.isEmpty {
      problems.append("an ignore[][pacticipant] is empty; give the name of the pacticipant to ignore")
    }
    if let target {
      if target.environment != nil && target.tag != nil {
        problems.append("the query gives both environment and tag; give one place to deploy to")
      }
      if target.environment != nil && target.latest {
        problems.append("the query gives both environment and latest=true; an environment has no latest version")
      }
    }
    if !(1...Self.maximumLimit).contains(limit) {
      problems.append("limit must be a number from 1 to \(Self.maximumLimit)")
    }
    return problems
  }
}
