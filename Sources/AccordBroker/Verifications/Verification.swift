import AccordModel
import Foundation

/// The result of one provider version verifying one contract content.
///
/// ```swift
/// let result = NewVerification(
///   provider: "users", consumer: "web", sha: pact.sha, providerVersion: VersionChange(pacticipant: "users",
///   number: "2.0.1", branch: "main"), success: true)
/// ```
public struct Verification: Sendable, Hashable {
  public var id: Int64
  /// Counts from 1 per content, as the Pact Broker's verification URLs do.
  public var number: Int64
  public var provider: String
  public var consumer: String
  public var sha: String
  public var providerVersion: Version
  public var success: Bool
  public var buildURL: String?
  /// `testResults` as the verifier sent them (per-interaction results), kept as given.
  public var testResults: JSONValue?
  /// `verifiedBy` (the tool and its version) as sent.
  public var verifiedBy: JSONValue?
  public var executedAt: Date

  public init(
    id: Int64, number: Int64, provider: String, consumer: String, sha: String, providerVersion: Version, success: Bool,
    buildURL: String? = nil, testResults: JSONValue? = nil, verifiedBy: JSONValue? = nil, executedAt: Date = Date()
  ) {
    self.id = id
    self.number = number
    self.provider = provider
    self.consumer = consumer
    self.sha = sha
    self.providerVersion = providerVersion
    self.success = success
    self.buildURL = buildURL
    self.testResults = testResults
    self.verifiedBy = verifiedBy
    self.executedAt = executedAt
  }
}

/// A verification result to record.
public struct NewVerification: Sendable, Hashable {
  public var provider: String
  public var consumer: String
  public var sha: String
  public var providerVersion: VersionChange
  public var success: Bool
  public var buildURL: String?
  public var testResults: JSONValue?
  public var verifiedBy: JSONValue?

  public init(
    provider: String, consumer: String, sha: String, providerVersion: VersionChange, success: Bool,
    buildURL: String? = nil, testResults: JSONValue? = nil, verifiedBy: JSONValue? = nil
  ) {
    self.provider = provider
    self.consumer = consumer
    self.sha = sha
    self.providerVersion = providerVersion
    self.success = success
    self.buildURL = buildURL
    self.testResults = testResults
    self.verifiedBy = verifiedBy
  }
}
