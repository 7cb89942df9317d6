import AccordBroker
import AccordModel
import Foundation

extension SQLBrokerStore {
  // MARK: Environments

  public func environments() async throws(BrokerError) -> [Environment] {
    try await read { session in
      try await session.rows("SELECT * FROM environments ORDER BY name").map(Database.Session.environment)
    }
  }

  public func environment(named name: String) async throws(BrokerError) -> Environment? {
    try await read { session in
      try await session.rows("SELECT * FROM environments WHERE name = ?", [.text(name)]).first.map(
        Database.Session.environment)
    }
  }

  public func environment(uuid: String) async throws(BrokerError) -> Environment? {
    try await read { session in
      try await session.rows("SELECT * FROM environments WHERE uuid = ?", [.text(uuid)]).first.map(
        Database.Session.environment)
    }
  }

  public func saveEnvironment(_ change: EnvironmentChange) async throws(BrokerError) -> Environment {
    try Names.check(change.name, what: "the environment name")
    return try await write { session in
      let now = Database.Session.now
      if let uuid = change.uuid {
        guard try await session.int("SELECT id FROM environments WHERE uuid = ?", [.text(uuid)]) != nil else {
          throw BrokerError.notFound("no environment with uuid \(uuid)")
        }
        if let other = try await session.rows(
          "SELECT uuid FROM environments WHERE name = ? AND uuid <> ?", [.text(change.name), .text(uuid)]
        ).first {
          throw BrokerError.conflict(
            "another environment (\(try other.string("uuid"))) is named \(change.name)", diff: "")
        }
        let rows = try await session.rows(
          """
          UPDATE environments SET name = ?, display_name = ?, production = ?, contacts = ?, updated_at = ?
          WHERE uuid = ? RETURNING *
          """,
          [
            .text(change.name), .text(change.displayName), .bool(change.production),
            .text(change.contacts?.serialized()), .double(now), .text(uuid),
          ])
        return try Database.Session.environment(session.required(rows.first, "the environment \(uuid)"))
      }
      if try await session.int("SELECT id FROM environments WHERE name = ?", [.text(change.name)]) != nil {
        throw BrokerError.conflict(
          "an environment named \(change.name) already exists; list them with `accord list-environments`", diff: "")
      }
      let rows = try await session.rows(
        """
        INSERT INTO environments (uuid, name, display_name, production, contacts, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *
        """,
        [
          .text(UUID().uuidString.lowercased()), .text(change.name), .text(change.displayName),
          .bool(change.production), .text(change.contacts?.serialized()), .double(now), .double(now),
        ])
      return try Database.Session.environment(session.required(rows.first, "the environment \(change.name)"))
    }
  }

  public func deleteEnvironment(uuid: String) async throws(BrokerError) -> Bool {
    try await write { session in
      try await !session.rows("DELETE FROM environments WHERE uuid = ? RETURNING id", [.text(uuid)]).isEmpty
    }
  }

  // MARK: Deployments and releases

  public func recordDeployment(versionID: Int64, environmentID: Int64, applicationInstance: String?)
    async throws(BrokerError) -> DeployedVersion
  {
    try await write { session in
      // One deployment of a pacticipant at a time, across replicas: its row is locked until commit.
      guard
        let pacticipantID = try await session.int(
          """
          SELECT id FROM pacticipants WHERE id = (SELECT pacticipant_id FROM versions WHERE id = ?)\
          \(session.dialect.forUpdate)
          """, [.int(versionID)])
      else { throw BrokerError.notFound("no version with id \(versionID)") }
      let now = Database.Session.now
      try await session.execute(
        """
        UPDATE deployed_versions SET undeployed_at = ? WHERE environment_id = ? AND pacticipant_id = ?
          AND application_instance = ? AND undeployed_at IS NULL
        """, [.double(now), .int(environmentID), .int(pacticipantID), .text(applicationInstance ?? "")])
      let id = try await session.int(
        """
        INSERT INTO deployed_versions (uuid, version_id, pacticipant_id, environment_id, application_instance, created_at)
        VALUES (?, ?, ?, ?, ?, ?) RETURNING id
        """,
        [
          .text(UUID().uuidString.lowercased()), .int(versionID), .int(pacticipantID), .int(environmentID),
          .text(applicationInstance ?? ""), .double(now),
        ])
      return try session.required(
        await session.deployed(where: "d.id = ?", [.int(session.required(id, "the deployment"))]).first,
        "the deployment")
    }
  }

  public func deployedVersion(uuid: String) async throws(BrokerError) -> DeployedVersion? {
    try await read { session in try await session.deployed(where: "d.uuid = ?", [.text(uuid)]).first }
  }

  public func undeploy(uuid: String) async throws(BrokerError) -> DeployedVersion? {
    try await write { session in
      try await session.execute(
        "UPDATE deployed_versions SET undeployed_at = ? WHERE uuid = ? AND undeployed_at IS NULL",
        [.double(Database.Session.now), .text(uuid)])
      return try await session.deployed(where: "d.uuid = ?", [.text(uuid)]).first
    }
  }

  public func deployedVersions(environmentID: Int64, pacticipant: String?) async throws(BrokerError)
    -> [DeployedVersion]
  {
    try await read { session in
      if let pacticipant {
        return try await session.deployed(
          where: """
            d.environment_id = ? AND d.undeployed_at IS NULL
            AND d.pacticipant_id = (SELECT id FROM pacticipants WHERE name = ?) ORDER BY d.id
            """, [.int(environmentID), .text(pacticipant)])
      }
      return try await session.deployed(
        where: "d.environment_id = ? AND d.undeployed_at IS NULL ORDER BY d.id", [.int(environmentID)])
    }
  }

  public func deployments(versionID: Int64) async throws(BrokerError) -> [DeployedVersion] {
    try await read { session in try await session.deployed(where: "d.version_id = ? ORDER BY d.id", [.int(versionID)]) }
  }

  public func recordRelease(versionID: Int64, environmentID: Int64) async throws(BrokerError) -> ReleasedVersion {
    try await write { session in
      guard
        let pacticipantID = try await session.int(
          "SELECT pacticipant_id FROM versions WHERE id = ?", [.int(versionID)])
      else { throw BrokerError.notFound("no version with id \(versionID)") }
      try await session.execute(
        """
        INSERT INTO released_versions (uuid, version_id, pacticipant_id, environment_id, created_at)
        VALUES (?, ?, ?, ?, ?) ON CONFLICT (version_id, environment_id) DO UPDATE SET support_ended_at = NULL
        """,
        [
          .text(UUID().uuidString.lowercased()), .int(versionID), .int(pacticipantID), .int(environmentID),
          .double(Database.Session.now),
        ])
      return try session.required(
        await session.released(
          where: "r.version_id = ? AND r.environment_id = ?", [.int(versionID), .int(environmentID)]
        ).first, "the release")
    }
  }

  public func releasedVersion(uuid: String) async throws(BrokerError) -> ReleasedVersion? {
    try await read { session in try await session.released(where: "r.uuid = ?", [.text(uuid)]).first }
  }

  public func endSupport(uuid: String) async throws(BrokerError) -> ReleasedVersion? {
    try await write { session in
      try await session.execute(
        "UPDATE released_versions SET support_ended_at = ? WHERE uuid = ? AND support_ended_at IS NULL",
        [.double(Database.Session.now), .text(uuid)])
      return try await session.released(where: "r.uuid = ?", [.text(uuid)]).first
    }
  }

  public func releasedVersions(environmentID: Int64, pacticipant: String?) async throws(BrokerError)
    -> [ReleasedVersion]
  {
    try await read { session in
      if let pacticipant {
        return try await session.released(
          where: """
            r.environment_id = ? AND r.support_ended_at IS NULL
            AND r.pacticipant_id = (SELECT id FROM pacticipants WHERE name = ?) ORDER BY r.id
            """, [.int(environmentID), .text(pacticipant)])
      }
      return try await session.released(
        where: "r.environment_id = ? AND r.support_ended_at IS NULL ORDER BY r.id", [.int(environmentID)])
    }
  }

  public func releases(versionID: Int64) async throws(BrokerError) -> [ReleasedVersion] {
    try await read { session in try await session.released(where: "r.version_id = ? ORDER BY r.id", [.int(versionID)]) }
  }

  public func versionsInEnvironment(named environment: String, pacticipants: Set<String>) async throws(BrokerError)
    -> [String: [Version]]?
  {
    try await read { [dialect] session in
      // From each pacticipant's current deployments and releases (indexed), never the environment's history;
      // every row (at least one) says whether the environment exists.
      let rows = try await session.rows(
        """
        WITH environment AS (SELECT id FROM environments WHERE name = ?),
        named AS (SELECT id FROM pacticipants WHERE \(dialect.isIn("name"))),
        found AS (
          SELECT 0 AS kind, d.id AS position, \(session.versionColumns())
          FROM named n JOIN deployed_versions d ON d.pacticipant_id = n.id AND d.undeployed_at IS NULL
          JOIN versions v ON v.id = d.version_id JOIN pacticipants p ON p.id = v.pacticipant_id
          WHERE d.environment_id = (SELECT id FROM environment)
          UNION ALL
          SELECT 1 AS kind, r.id AS position, \(session.versionColumns())
          FROM named n JOIN released_versions r ON r.pacticipant_id = n.id AND r.support_ended_at IS NULL
          JOIN versions v ON v.id = r.version_id JOIN pacticipants p ON p.id = v.pacticipant_id
          WHERE r.environment_id = (SELECT id FROM environment))
        SELECT (SELECT id FROM environment) AS environment_id, f.*
        FROM (SELECT 1 AS one) AS one LEFT JOIN found f ON TRUE
        ORDER BY f.kind, f.position
        """, [.text(environment), .texts(pacticipants.sorted())])
      guard try rows.first?.optionalInt("environment_id") != nil else { return nil }
      var result: [String: [Version]] = [:]
      for row in rows where try row.optionalInt("id") != nil {
        let version = try Database.Session.version(row)
        if !(result[version.pacticipant]?.contains(version) ?? false) {
          result[version.pacticipant, default: []].append(version)
        }
      }
      return result
    }
  }
}
