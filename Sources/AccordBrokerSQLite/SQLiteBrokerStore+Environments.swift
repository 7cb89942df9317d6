import AccordBroker
import AccordModel
import Foundation
import GRDB

extension SQLiteBrokerStore {
  // MARK: Environments

  public func environments() async throws(BrokerError) -> [Environment] {
    try await read { db in try db.cachedRows(sql: "SELECT * FROM environments ORDER BY name").map(Self.environment) }
  }

  public func environment(named name: String) async throws(BrokerError) -> Environment? {
    try await read { db in
      try db.cachedRow(sql: "SELECT * FROM environments WHERE name = ?", arguments: [name]).map(Self.environment)
    }
  }

  public func environment(uuid: String) async throws(BrokerError) -> Environment? {
    try await read { db in
      try db.cachedRow(sql: "SELECT * FROM environments WHERE uuid = ?", arguments: [uuid]).map(Self.environment)
    }
  }

  public func saveEnvironment(_ change: EnvironmentChange) async throws(BrokerError) -> Environment {
    try Names.check(change.name, what: "the environment name")
    return try await write { db in
      let now = Date().timeIntervalSince1970
      if let uuid = change.uuid {
        guard try db.cachedRow(sql: "SELECT id FROM environments WHERE uuid = ?", arguments: [uuid]) != nil else {
          throw BrokerError.notFound("no environment with uuid \(uuid)")
        }
        if let other = try db.cachedValue(
          String.self, sql: "SELECT uuid FROM environments WHERE name = ? AND uuid <> ?",
          arguments: [change.name, uuid])
        {
          throw BrokerError.conflict("another environment (\(other)) is named \(change.name)", diff: "")
        }
        try db.cachedExecute(
          sql: "UPDATE environments SET name = ?, display_name = ?, production = ?, updated_at = ? WHERE uuid = ?",
          arguments: [change.name, change.displayName, change.production, now, uuid])
        return try db.cachedRow(sql: "SELECT * FROM environments WHERE uuid = ?", arguments: [uuid]).map(
          Self.environment)!
      }
      if try db.cachedRow(sql: "SELECT id FROM environments WHERE name = ?", arguments: [change.name]) != nil {
        throw BrokerError.conflict(
          "an environment named \(change.name) already exists; list them with `accord list-environments`", diff: "")
      }
      try db.cachedExecute(
        sql: """
          INSERT INTO environments (uuid, name, display_name, production, created_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?)
          """,
        arguments: [UUID().uuidString.lowercased(), change.name, change.displayName, change.production, now, now])
      return try db.cachedRow(sql: "SELECT * FROM environments WHERE id = ?", arguments: [db.lastInsertedRowID])
        .map(Self.environment)!
    }
  }

  public func deleteEnvironment(uuid: String) async throws(BrokerError) -> Bool {
    try await write { db in
      try db.cachedExecute(sql: "DELETE FROM environments WHERE uuid = ?", arguments: [uuid])
      return db.changesCount > 0
    }
  }

  // MARK: Deployments and releases

  public func recordDeployment(versionID: Int64, environmentID: Int64, applicationInstance: String?)
    async throws(BrokerError) -> DeployedVersion
  {
    try await write { db in
      guard
        let pacticipantID = try db.cachedValue(
          Int64.self, sql: "SELECT pacticipant_id FROM versions WHERE id = ?", arguments: [versionID])
      else { throw BrokerError.notFound("no version with id \(versionID)") }
      let now = Date().timeIntervalSince1970
      try db.cachedExecute(
        sql: """
          UPDATE deployed_versions SET undeployed_at = ? WHERE environment_id = ? AND pacticipant_id = ?
            AND application_instance = ? AND undeployed_at IS NULL
          """, arguments: [now, environmentID, pacticipantID, applicationInstance ?? ""])
      try db.cachedExecute(
        sql: """
          INSERT INTO deployed_versions (uuid, version_id, pacticipant_id, environment_id, application_instance, created_at)
          VALUES (?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          UUID().uuidString.lowercased(), versionID, pacticipantID, environmentID, applicationInstance ?? "", now,
        ])
      return try Self.deployed(db, where: "d.id = ?", arguments: [db.lastInsertedRowID]).first!
    }
  }

  public func deployedVersion(uuid: String) async throws(BrokerError) -> DeployedVersion? {
    try await read { db in try Self.deployed(db, where: "d.uuid = ?", arguments: [uuid]).first }
  }

  public func undeploy(uuid: String) async throws(BrokerError) -> DeployedVersion? {
    try await write { db in
      try db.cachedExecute(
        sql: "UPDATE deployed_versions SET undeployed_at = ? WHERE uuid = ? AND undeployed_at IS NULL",
        arguments: [Date().timeIntervalSince1970, uuid])
      return try Self.deployed(db, where: "d.uuid = ?", arguments: [uuid]).first
    }
  }

  public func deployedVersions(environmentID: Int64, pacticipant: String?) async throws(BrokerError)
    -> [DeployedVersion]
  {
    try await read { db in
      if let pacticipant {
        return try Self.deployed(
          db,
          where:
            "d.environment_id = ? AND d.undeployed_at IS NULL AND d.pacticipant_id = (SELECT id FROM pacticipants WHERE name = ?) ORDER BY d.id",
          arguments: [environmentID, pacticipant])
      }
      return try Self.deployed(
        db, where: "d.environment_id = ? AND d.undeployed_at IS NULL ORDER BY d.id", arguments: [environmentID])
    }
  }

  public func deployments(versionID: Int64) async throws(BrokerError) -> [DeployedVersion] {
    try await read { db in try Self.deployed(db, where: "d.version_id = ? ORDER BY d.id", arguments: [versionID]) }
  }

  public func recordRelease(versionID: Int64, environmentID: Int64) async throws(BrokerError) -> ReleasedVersion {
    try await write { db in
      guard
        let pacticipantID = try db.cachedValue(
          Int64.self, sql: "SELECT pacticipant_id FROM versions WHERE id = ?", arguments: [versionID])
      else { throw BrokerError.notFound("no version with id \(versionID)") }
      try db.cachedExecute(
        sql: """
          INSERT INTO released_versions (uuid, version_id, pacticipant_id, environment_id, created_at)
          VALUES (?, ?, ?, ?, ?) ON CONFLICT (version_id, environment_id) DO UPDATE SET support_ended_at = NULL
          """,
        arguments: [
          UUID().uuidString.lowercased(), versionID, pacticipantID, environmentID, Date().timeIntervalSince1970,
        ])
      return try Self.released(
        db, where: "r.version_id = ? AND r.environment_id = ?", arguments: [versionID, environmentID]
      ).first!
    }
  }

  public func releasedVersion(uuid: String) async throws(BrokerError) -> ReleasedVersion? {
    try await read { db in try Self.released(db, where: "r.uuid = ?", arguments: [uuid]).first }
  }

  public func endSupport(uuid: String) async throws(BrokerError) -> ReleasedVersion? {
    try await write { db in
      try db.cachedExecute(
        sql: "UPDATE released_versions SET support_ended_at = ? WHERE uuid = ? AND support_ended_at IS NULL",
        arguments: [Date().timeIntervalSince1970, uuid])
      return try Self.released(db, where: "r.uuid = ?", arguments: [uuid]).first
    }
  }

  public func releasedVersions(environmentID: Int64, pacticipant: String?) async throws(BrokerError)
    -> [ReleasedVersion]
  {
    try await read { db in
      if let pacticipant {
        return try Self.released(
          db,
          where:
            "r.environment_id = ? AND r.support_ended_at IS NULL AND r.pacticipant_id = (SELECT id FROM pacticipants WHERE name = ?) ORDER BY r.id",
          arguments: [environmentID, pacticipant])
      }
      return try Self.released(
        db, where: "r.environment_id = ? AND r.support_ended_at IS NULL ORDER BY r.id", arguments: [environmentID])
    }
  }

  public func releases(versionID: Int64) async throws(BrokerError) -> [ReleasedVersion] {
    try await read { db in try Self.released(db, where: "r.version_id = ? ORDER BY r.id", arguments: [versionID]) }
  }
}
