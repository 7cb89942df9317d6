import AccordModel
import Foundation

/// Where versions are deployed or released: `test`, `production`…
///
/// ```swift
/// let production = try await store.saveEnvironment(EnvironmentChange(name: "production", production: true))
/// ```
public struct Environment: Sendable, Hashable {
  public var id: Int64
  public var uuid: String
  public var name: String
  public var displayName: String?
  public var production: Bool
  /// Who to ask about it: `[{"name": …, "details": {…}}]` as given.
  public var contacts: JSONValue?
  public var createdAt: Date

  public init(
    id: Int64, uuid: String, name: String, displayName: String? = nil, production: Bool, contacts: JSONValue? = nil,
    createdAt: Date = Date()
  ) {
    self.id = id
    self.uuid = uuid
    self.name = name
    self.displayName = displayName
    self.production = production
    self.contacts = contacts
    self.createdAt = createdAt
  }
}

/// An environment to create, or (with `uuid`) to update.
public struct EnvironmentChange: Sendable, Hashable {
  public var uuid: String?
  public var name: String
  public var displayName: String?
  public var production: Bool
  /// `[{"name": …, "details": {…}}]`; `nil` for none.
  public var contacts: JSONValue?

  public init(
    uuid: String? = nil, name: String, displayName: String? = nil, production: Bool, contacts: JSONValue? = nil
  ) {
    self.uuid = uuid
    self.name = name
    self.displayName = displayName
    self.production = production
    self.contacts = contacts
  }
}

/// A version deployed to an environment (one per application instance), until it is undeployed.
public struct DeployedVersion: Sendable, Hashable {
  public var id: Int64
  public var uuid: String
  public var version: Version
  public var environment: Environment
  public var applicationInstance: String?
  public var createdAt: Date
  public var undeployedAt: Date?

  public init(
    id: Int64, uuid: String, version: Version, environment: Environment, applicationInstance: String?,
    createdAt: Date, undeployedAt: Date?
  ) {
    self.id = id
    self.uuid = uuid
    self.version = version
    self.environment = environment
    self.applicationInstance = applicationInstance
    self.createdAt = createdAt
    self.undeployedAt = undeployedAt
  }

  public var currentlyDeployed: Bool { undeployedAt == nil }
}

/// A version released to an environment (mobile apps, libraries: several versions in use at once), until its
/// support ends.
public struct ReleasedVersion: Sendable, Hashable {
  public var id: Int64
  public var uuid: String
  public var version: Version
  public var environment: Environment
  public var createdAt: Date
  public var supportEndedAt: Date?

  public init(
    id: Int64, uuid: String, version: Version, environment: Environment, createdAt: Date, supportEndedAt: Date?
  ) {
    self.id = id
    self.uuid = uuid
    self.version = version
    self.environment = environment
    self.createdAt = createdAt
    self.supportEndedAt = supportEndedAt
  }

  public var currentlySupported: Bool { supportEndedAt == nil }
}
