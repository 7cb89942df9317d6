import AccordModel

/// Recording that a version is deployed to, or released into, an environment: both named by what a client knows
/// (the pacticipant, the version number, the environment's uuid), each unknown one a ``BrokerError/notFound(_:)``
/// that says what to do.
///
/// ```swift
/// let deployed = try await Deployments(store: store).deploy("web", "1.4.0", to: environment.uuid, instance: nil)
/// ```
public struct Deployments: Sendable {
  public let store: any VersionStore & EnvironmentStore

  public init(store: any VersionStore & EnvironmentStore) {
    self.store = store
  }

  /// Records a deployment (ending the previous one of the same application instance, as the Pact Broker does).
  public func deploy(_ pacticipant: String, _ number: String, to environmentUUID: String, instance: String?)
    async throws(BrokerError) -> DeployedVersion
  {
    if let instance { try Names.check(instance, what: "$.applicationInstance") }
    let (version, environment) = try await versionAndEnvironment(pacticipant, number, environmentUUID)
    return try await store.recordDeployment(
      versionID: version.id, environmentID: environment.id, applicationInstance: instance)
  }

  /// Records a release (a version supported in an environment alongside others).
  public func release(_ pacticipant: String, _ number: String, into environmentUUID: String)
    async throws(BrokerError) -> ReleasedVersion
  {
    let (version, environment) = try await versionAndEnvironment(pacticipant, number, environmentUUID)
    return try await store.recordRelease(versionID: version.id, environmentID: environment.id)
  }

  func versionAndEnvironment(_ pacticipant: String, _ number: String, _ uuid: String) async throws(BrokerError)
    -> (Version, Environment)
  {
    guard let version = try await store.version(of: pacticipant, number: number) else {
      throw .notFound("\(pacticipant) version \(number) is unknown to the broker; publish or record it first")
    }
    guard let environment = try await store.environment(uuid: uuid) else {
      throw .notFound("no environment with uuid \(uuid); list them at /environments")
    }
    return (version, environment)
  }
}
