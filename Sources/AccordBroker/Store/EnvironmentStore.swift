import AccordModel

/// Environments, and the versions deployed to or released into them. A part of ``BrokerStore``: a use case asks for the parts it needs.
public protocol EnvironmentStore: Sendable {
  func environments() async throws(BrokerError) -> [Environment]
  func environment(named name: String) async throws(BrokerError) -> Environment?
  func environment(uuid: String) async throws(BrokerError) -> Environment?
  func saveEnvironment(_ change: EnvironmentChange) async throws(BrokerError) -> Environment
  func deleteEnvironment(uuid: String) async throws(BrokerError) -> Bool

  /// Records a deployment; the version deployed before to the same environment and application instance is
  /// marked undeployed.
  func recordDeployment(versionID: Int64, environmentID: Int64, applicationInstance: String?)
    async throws(BrokerError) -> DeployedVersion
  func deployedVersion(uuid: String) async throws(BrokerError) -> DeployedVersion?
  /// Marks a deployed version undeployed; returns it.
  func undeploy(uuid: String) async throws(BrokerError) -> DeployedVersion?
  /// Versions currently deployed in an environment (of one pacticipant when given).
  func deployedVersions(environmentID: Int64, pacticipant: String?) async throws(BrokerError) -> [DeployedVersion]
  /// Deployments and releases of one version, current or not.
  func deployments(versionID: Int64) async throws(BrokerError) -> [DeployedVersion]

  func recordRelease(versionID: Int64, environmentID: Int64) async throws(BrokerError) -> ReleasedVersion
  func releasedVersion(uuid: String) async throws(BrokerError) -> ReleasedVersion?
  /// Marks a released version's support ended; returns it.
  func endSupport(uuid: String) async throws(BrokerError) -> ReleasedVersion?
  /// Versions released to an environment and still supported (of one pacticipant when given).
  func releasedVersions(environmentID: Int64, pacticipant: String?) async throws(BrokerError) -> [ReleasedVersion]
  /// What of each of `pacticipants` is in the environment named `environment`: the versions currently deployed,
  /// then those released and still supported, by pacticipant; `nil` when there is no such environment. In one
  /// query where the store can.
  func versionsInEnvironment(named environment: String, pacticipants: Set<String>) async throws(BrokerError)
    -> [String: [Version]]?
  func releases(versionID: Int64) async throws(BrokerError) -> [ReleasedVersion]
}
