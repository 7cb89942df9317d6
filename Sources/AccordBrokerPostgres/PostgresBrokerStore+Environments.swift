import AccordBroker
import AccordModel
import Foundation
import PostgresNIO

extension PostgresBrokerStore {
  // MARK: Environments

  public func environments() async throws(BrokerError) -> [Environment] {
    try await read { session in
      try await session.rows("SELECT * FROM environments ORDER BY name").map(PostgresSession.environment)
    }
  }

  public func environment(named name: String) async throws(BrokerError) -> Environment? {
    try await read { session in
      try await session.rows("SELECT * FROM environments WHERE name = ?", [.text(name)]).first.map(
        PostgresSession.environment)
    }
  }

  public func environment(uuid: String) async throws(BrokerError) -> Environment? {
    try await read { session in
      try await session.rows("SELECT * FROM environments WHERE uuid = ?", [.text(uuid)]).first.map(
        PostgresSession.environment)
    }
  }

  public func saveEnvironment(_ change: EnvironmentChange) async throws(BrokerError) -> Environment {
    try Names.check(change.name, what: "the environment name")
    return try await write { session in
      let now = PostgresSession.now
      if let uuid = change.uuid {
        guard try await session.int("SELECT id FROM environments WHERE uuid = ?", [.text(uuid)]) != nil else {
          throw BrokerError.notFound("no environment with uuid \(uuid)")
        }
        if let other = try await session.string(
          "SELECT uuid FROM environments WHERE name = ? AND uuid <> ?", [.text(change.name), .text(uuid)])
        {
          throw BrokerError.conflict("another environment (\(other)) is named \(change.name)", diff: "")
        }
        try await session.execute(
          "UPDATE environments SET name = ?, display_name = ?, production = ?, updated_at = ? WHERE uuid = ?",
          [.text(change.name), .text(change.displayName), .bool(change.production), .double(now), .text(uuid)])
        return try PostgresSession.environment(
          try await session.rows("SELECT * FROM environments WHERE uuid = ?", [.text(uuid)])[0])
      }
      if try await session.int("SELECT id FROM environments WHERE name = ?", [.text(change.name)]) != nil {
        throw BrokerError.conflict(
          "an environment named \(change.name) already exists; list them with `accord list-environments`", diff: "")
      }
      let rows = try await session.rows(
        """
        INSERT INTO environments (uuid, name, display_name, production, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?) RETURNING *
        """,
        [
          .text(UUID().uuidString.lowercased()), .text(change.name), .text(change.displayName),
          .bool(change.production), .double(now), .double(now),
        ])
      return try PostgresSession.environment(rows[0])
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
      guard
        let pacticipantID = try await session.int(
          "SELECT pacticipant_id FROM versions WHERE id = ?", [.int(versionID)])
      else { throw BrokerError.notFound("no version with id \(versionID)") }
      // One deployment of a pacticipant at a time, across replicas: its row is locked until commit.
      try await session.execute("SELECT id FROM pacticipants WHERE id = ? FOR UPDATE", [.int(pacticipantID)])
      let now = PostgresSession.now
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
        ])!
      return try await session.deployed(where: "d.id = ?", [.int(id)]).first!
    }
  }

  public func deployedVersion(uuid: String) async throws(BrokerError) -> DeployedVersion? {
    try await read { session in try await session.deployed(where: "d.uuid = ?", [.text(uuid)]).first }
  }

  public func undeploy(uuid: String) async throws(BrokerError) -> DeployedVersion? {
    try await write { session in
      try await session.execute(
        "UPDATE deployed_versions SET undeployed_at = ? WHERE uuid = ? AND undeployed_at IS NULL",
        [.double(PostgresSession.now), .text(uuid)])
      return try await session.deployed(where: "d.uuid = ?", [.text(uuid)]).first
    }
  }

  public func deployedVersions(environmentID: Int64, pacticipant: String?) async throws(BrokerError)
    -> [DeployedVersion]
  {
    try await read { session in
      if let pacticipant {
        return try await session.deployed(
          where:
            "d.environment_id = ? AND d.undeployed_at IS NULL AND d.pacticipant_id = (SELECT id FROM pacticipants WHERE name = ?) ORDER BY d.id",
          [.int(environmentID), .text(pacticipant)])
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
          .double(PostgresSession.now),
        ])
      return try await session.released(
        where: "r.version_id = ? AND r.environment_id = ?", [.int(versionID), .int(environmentID)]
      ).first!
    }
  }

  public func releasedVersion(uuid: String) async throws(BrokerError) -> ReleasedVersion? {
    try await read { session in try await session.released(where: "r.uuid = ?", [.text(uuid)]).first }
  }

  public func endSupport(uuid: String) async throws(BrokerError) -> ReleasedVersion? {
    try await write { session in
      try await session.execute(
        "UPDATE released_versions SET support_ended_at = ? WHERE uuid = ? AND support_ended_at IS NULL",
        [.double(PostgresSession.now), .text(uuid)])
      return try await session.released(where: "r.uuid = ?", [.text(uuid)]).first
    }
  }

  public func releasedVersions(environmentID: Int64, pacticipant: String?) async throws(BrokerError)
    -> [ReleasedVersion]
  {
    try await read { session in
      if let pacticipant {
        return try await session.released(
          where:
            "r.environment_id = ? AND r.support_ended_at IS NULL AND r.pacticipant_id = (SELECT id FROM pacticipants WHERE name = ?) ORDER BY r.id",
          [.int(environmentID), .text(pacticipant)])
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
    let rows = try await read { session in
      try await session.rows(
        // From each pacticipant's current deployments and releases (indexed), never the environment's history;
        // every row (at least one) says whether the environment exists.
        """
        WITH environment AS (SELECT id FROM environments WHERE name = ?),
        named AS (SELECT id FROM pacticipants WHERE name = ANY(?::text[])),
        found AS (
          SELECT 0 AS kind, d.id AS position, \(PostgresSession.versionColumns())
          FROM named n JOIN deployed_versions d ON d.pacticipant_id = n.id AND d.undeployed_at IS NULL
          JOIN versions v ON v.id = d.version_id JOIN pacticipants p ON p.id = v.pacticipant_id
          WHERE d.environment_id = (SELECT id FROM environment)
          UNION ALL
          SELECT 1 AS kind, r.id AS position, \(PostgresSession.versionColumns())
          FROM named n JOIN released_versions r ON r.pacticipant_id = n.id AND r.support_ended_at IS NULL
          JOIN versions v ON v.id = r.version_id JOIN pacticipants p ON p.id = v.pacticipant_id
          WHERE r.environment_id = (SELECT id FROM environment))
        SELECT (SELECT id FROM environment) AS environment_id, f.*
        FROM (SELECT 1) AS one LEFT JOIN found f ON TRUE
        ORDER BY f.kind, f.position
        """, [.text(environment), .texts(pacticipants.sorted())])
    }
    var result: [String: [Version]] = [:]
    do {
      guard try rows.first?.get("environment_id", as: Int64?.self) != nil else { return nil }
      for row in rows where try row.get("id", as: Int64?.self) != nil {
        let version = try PostgresSession.version(row)
        if !(result[version.pacticipant]?.contains(version) ?? false) {
          result[version.pacticipant, default: []].append(version)
        }
      }
    } catch {
      throw .storage("the PostgreSQL database failed: \(Self.describe(error))")
    }
    return result
  }
}
