import Foundation

/// A row of the matrix: a pact a consumer version published, and a verification of it by a provider version (or
/// none: the pact has no verification by the provider versions asked about).
///
/// ```swift
/// let row = MatrixRow(pact: pact, verification: nil)
/// row.success  // nil: not verified
/// ```
public struct MatrixRow: Sendable, Hashable {
  public var pact: StoredPact
  public var verification: Verification?

  public init(pact: StoredPact, verification: Verification?) {
    self.pact = pact
    self.verification = verification
  }

  public var consumer: String { pact.consumer }
  public var consumerVersion: Version { pact.consumerVersion }
  public var provider: String { pact.provider }
  public var providerVersion: Version? { verification?.providerVersion }
  /// The verification's result; `nil` when there is none.
  public var success: Bool? { verification?.success }

  /// When the row last changed: the later of the pact's publication and its verification.
  public var lastAction: Double {
    max(pact.createdAt.timeIntervalSince1970, verification?.executedAt.timeIntervalSince1970 ?? -.infinity)
  }
}
