/// One sentence of the matrix's answer: why it is yes, no or unknown, or a warning about the query.
///
/// ```swift
/// MatrixReason.verificationFailed(consumer: web, provider: users).text
/// // "The verification for the pact between version 1.4.0 of web and version 2.0.1 of users failed"
/// ```
public indirect enum MatrixReason: Sendable, Hashable {
  /// Every row that counts has a successful verification.
  case successful
  /// No row counts, and none is missing.
  case noDependenciesMissing
  /// A pact has no verification by the provider version (or none at all).
  case notVerified(consumer: ResolvedSelector, provider: ResolvedSelector)
  /// The provider version's verification of a pact failed.
  case verificationFailed(consumer: ResolvedSelector, provider: ResolvedSelector)
  /// A selector of the query names a version (or pacticipant) that does not exist.
  case versionDoesNotExist(ResolvedSelector)
  /// An ignore selector names something that does not exist.
  case cannotIgnore(ResolvedSelector)
  /// The reason, about a row or selector that is ignored.
  case ignored(MatrixReason)

  /// The notice type, as the Pact Broker's clients colour it: `success`, `error`, `warning` or `info`.
  public var type: String {
    switch self {
    case .successful, .noDependenciesMissing: "success"
    case .notVerified, .verificationFailed, .versionDoesNotExist: "error"
    case .cannotIgnore: "warning"
    case .ignored: "info"
    }
  }

  /// The sentence.
  public var text: String {
    switch self {
    case .successful:
      "All required verification results are published and successful"
    case .noDependenciesMissing:
      "There are no missing dependencies"
    case .notVerified(let consumer, let provider):
      "There is no verified pact between \(consumer.description) and \(provider.description)"
    case .verificationFailed(let consumer, let provider):
      "The verification for the pact between \(consumer.description) and \(provider.description) failed"
    case .versionDoesNotExist(let selector):
      Self.missing(selector)
    case .cannotIgnore(let selector):
      "WARNING: Cannot ignore \(selector.description)"
    case .ignored(let reason):
      "[IGNORED] " + reason.text
    }
  }

  static func missing(_ selector: ResolvedSelector) -> String {
    let name = selector.pacticipant
    guard selector.pacticipantExists else { return "No pacticipant named \(name) exists" }
    if let tag = selector.selector.tag { return "No version with tag \(tag) exists for \(name)" }
    if let branch = selector.selector.branch { return "No version of \(name) from branch \(branch) exists" }
    if selector.selector.mainBranch {
      return
        "No version of \(name) from its main branch exists; publish one from main, master or develop, or set its "
        + "mainBranch"
    }
    if let environment = selector.selector.environment {
      return "No version of \(name) is currently in \(environment)"
    }
    if let number = selector.selector.version {
      return "No pacts or verifications have been published for version \(number) of \(name)"
    }
    return "No pacts or verifications have been published for \(name)"
  }
}
