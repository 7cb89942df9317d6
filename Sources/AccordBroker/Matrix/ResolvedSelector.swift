/// A ``MatrixSelector`` looked up: one of the versions it names, every version of its pacticipant, or nothing (the
/// version or the pacticipant does not exist). A selector that names several versions (every version tagged
/// `prod`) resolves to one of these per version.
///
/// ```swift
/// let resolved = ResolvedSelector(selector: selector, origin: .specified, version: version)
/// resolved.description  // "version 1.4.0 of web"
/// ```
public struct ResolvedSelector: Sendable, Hashable {
  /// Where a selector comes from.
  public enum Origin: Sendable, Hashable {
    /// Given in the query (`q[]`).
    case specified
    /// Made for a pacticipant integrated with a specified one, from the query's target (`environment`, `tag`,
    /// `latest`, `mainBranch`).
    case inferred
    /// Given as `ignore[]`.
    case ignore
  }

  public var selector: MatrixSelector
  public var origin: Origin
  /// The version it resolved to; `nil` for every version of the pacticipant, or for one that does not exist.
  public var version: Version?
  public var pacticipantExists: Bool
  /// An ignore selector names its pacticipant (or this version of it): rows it is in do not count.
  public var ignored: Bool
  /// One of several versions the selector names (an environment with two deployed versions).
  public var oneOfMany: Bool

  public init(
    selector: MatrixSelector, origin: Origin, version: Version? = nil, pacticipantExists: Bool = true,
    ignored: Bool = false, oneOfMany: Bool = false
  ) {
    self.selector = selector
    self.origin = origin
    self.version = version
    self.pacticipantExists = pacticipantExists
    self.ignored = ignored
    self.oneOfMany = oneOfMany
  }

  public var pacticipant: String { selector.pacticipant }

  /// Every version of the pacticipant (no lookup).
  public var everyVersion: Bool { pacticipantExists && selector.namesEveryVersion }

  /// It names versions, none of which exists (or its pacticipant does not exist).
  public var versionMissing: Bool { !pacticipantExists || (version == nil && !selector.namesEveryVersion) }

  /// How the reasons name it, e.g. "the latest version of users with tag prod (2.0.1)".
  public var description: String {
    let name = selector.pacticipant
    guard pacticipantExists else { return "any version of \(name) (no such pacticipant exists)" }
    let found = version.map { "(\($0.number))" } ?? "(no such version exists)"
    let s = selector
    if s.latest, let tag = s.tag { return "the latest version of \(name) with tag \(tag) \(found)" }
    if s.latest, let branch = s.branch { return "the latest version of \(name) from branch \(branch) \(found)" }
    if s.latest, s.mainBranch { return "the latest version of \(name) from its main branch \(found)" }
    if s.latest, let environment = s.environment {
      return "the latest version of \(name) currently in \(environment) \(found)"
    }
    if s.latest { return "the latest version of \(name) \(found)" }
    if let tag = s.tag { return "a version of \(name) with tag \(tag) \(found)" }
    if let branch = s.branch { return "a version of \(name) from branch \(branch) \(found)" }
    if s.mainBranch { return "a version of \(name) from its main branch \(found)" }
    if let environment = s.environment {
      guard version != nil else { return "the version of \(name) currently in \(environment) \(found)" }
      return (oneOfMany ? "one of the versions" : "the version") + " of \(name) currently in \(environment) \(found)"
    }
    if let number = s.version {
      return version == nil ? "version \(number) of \(name) (no such version exists)" : "version \(number) of \(name)"
    }
    return "any version of \(name)"
  }

  /// For a row without a selector of its own (rows of every version): the version it has.
  static func row(_ pacticipant: String, _ version: Version?) -> ResolvedSelector {
    ResolvedSelector(
      selector: MatrixSelector(pacticipant: pacticipant, version: version?.number), origin: .inferred,
      version: version)
  }
}
