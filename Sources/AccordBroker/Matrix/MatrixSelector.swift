/// One pacticipant's versions in a matrix query, as `q[][pacticipant]=…&q[][version]=…` names them: one version by
/// number, every version with a tag or on a branch (or only the latest of them with `latest`), what is in an
/// environment, or every version of the pacticipant when nothing else is given.
///
/// ```swift
/// MatrixSelector(pacticipant: "web", version: "1.4.0")
/// MatrixSelector(pacticipant: "users", tag: "prod")  // every version tagged prod
/// MatrixSelector(pacticipant: "users", tag: "prod", latest: true)  // the latest of them
/// ```
public struct MatrixSelector: Sendable, Hashable {
  public var pacticipant: String
  public var version: String?
  public var tag: String?
  public var branch: String?
  public var mainBranch: Bool
  public var environment: String?
  public var latest: Bool

  public init(
    pacticipant: String, version: String? = nil, tag: String? = nil, branch: String? = nil, mainBranch: Bool = false,
    environment: String? = nil, latest: Bool = false
  ) {
    self.pacticipant = pacticipant
    self.version = version
    self.tag = tag
    self.branch = branch
    self.mainBranch = mainBranch
    self.environment = environment
    self.latest = latest
  }

  /// The conditions on a version this selector sets.
  public var filter: VersionFilter {
    VersionFilter(number: version, tag: tag, branch: branch, mainBranch: mainBranch, environment: environment)
  }

  /// Only the pacticipant is named: every one of its versions, without looking them up.
  public var namesEveryVersion: Bool { filter.isEmpty && !latest }

  /// Names the pacticipant, or a version of it, and nothing else: what an ignore selector may say.
  var namesPacticipantOnly: Bool { version == nil && tag == nil && !latest }
}
