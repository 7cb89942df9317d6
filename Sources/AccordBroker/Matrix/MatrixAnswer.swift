/// The matrix's answer to a ``MatrixQuery``: the rows that count and the rows ignored, whether the versions asked
/// about can be deployed together (yes, no, or unknown), and why.
///
/// ```swift
/// let answer = try await Matrix(store: store).find(query)
/// answer.deployable  // true, false or nil
/// answer.reasons.map(\.text)
/// ```
public struct MatrixAnswer: Sendable, Hashable {
  /// An integration the versions asked about take part in; `required` when a version asked about is its
  /// consumer (a consumer needs its provider; a provider can go without a consumer).
  public struct Integration: Sendable, Hashable {
    public var consumer: String
    public var provider: String
    public var required: Bool
  }

  /// Counts of the rows that count, as the summary reports them.
  public struct Counts: Sendable, Hashable {
    public var success: Int
    public var failed: Int
    /// Rows without a verification, and required integrations without a row.
    public var unknown: Int
    /// Rows ignored; `nil` when none is.
    public var ignored: Int?
  }

  public var query: MatrixQuery
  /// The rows that count, ordered by consumer, newest consumer version, provider, newest provider version.
  public var rows: [MatrixRow]
  /// Rows an ignore selector takes out of the decision, in the same order.
  public var ignoredRows: [MatrixRow]
  /// The query's selectors looked up, then those made for the integrated pacticipants.
  public var selectors: [ResolvedSelector]
  public var ignoreSelectors: [ResolvedSelector]
  public var integrations: [Integration]
  public var deployable: Bool?
  public var reasons: [MatrixReason]
  public var counts: Counts

  /// The reasons in one text, a line each.
  public var reason: String { reasons.map(\.text).joined(separator: "\n") }
}
