import AccordModel

/// Where contracts to verify come from: files, URLs, a Pact Broker. Each source loads its contracts once per run.
///
/// ```swift
/// let sources: [any ContractSource] = [FileContractSource(path: "contracts"), URLContractSource(url: pactURL)]
/// ```
public protocol ContractSource: Sendable {
  /// For reports and errors: the file, URL or broker.
  var description: String { get }
  /// The contracts, with where each came from.
  func contracts() async throws -> [SourcedContract]
}

/// A contract to verify and what its source says about it.
public struct SourcedContract: Sendable {
  public var contract: Contract
  /// The file or URL it was read from.
  public var origin: String
  /// Whether the whole contract is pending (a broker's pending or work-in-progress pact): its failures are reported
  /// but do not fail the run.
  public var pending: Bool
  /// Notices from the source (a broker explains why each pact was selected).
  public var notices: [String]
  /// Where verification results for this contract are published, when the source is a broker.
  public var verificationResultsURL: String?
  /// Warnings the decoder found.
  public var warnings: [ContractWarning]

  public init(
    contract: Contract, origin: String, pending: Bool = false, notices: [String] = [],
    verificationResultsURL: String? = nil,
    warnings: [ContractWarning] = []
  ) {
    self.contract = contract
    self.origin = origin
    self.pending = pending
    self.notices = notices
    self.verificationResultsURL = verificationResultsURL
    self.warnings = warnings
  }
}
