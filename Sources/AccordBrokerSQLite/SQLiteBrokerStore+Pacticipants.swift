import AccordBroker
import AccordModel
import Foundation
import GRDB

extension SQLiteBrokerStore {
  // MARK: Pacticipants

  public func pacticipants() async throws(BrokerError) -> [AccordBroker.Pacticipant] {
    try await read { db in try db.cachedRows(sql: "SELECT * FROM pacticipants ORDER BY name").map(Self.pacticipant) }
  }

  public func pacticipant(named name: String) async throws(BrokerError) -> AccordBroker.Pacticipant? {
    try await read { db in try Self.pacticipant(db, named: name) }
  }

  public func savePacticipant(_ change: PacticipantChange) async throws(BrokerError) -> AccordBroker.Pacticipant {
    try Names.check(change.name, what: "the pacticipant name")
    return try await write { db in
      let id = try Self.ensurePacticipant(db, change.name)
      let now = Date().timeIntervalSince1970
      try db.cachedExecute(
        sql: """
          UPDATE pacticipants SET display_name = COALESCE(?, display_name), main_branch = COALESCE(?, main_branch),
            repository_url = COALESCE(?, repository_url), updated_at = ? WHERE id = ?
          """, arguments: [change.displayName, change.mainBranch, change.repositoryURL, now, id])
      return try Self.pacticipant(db, named: change.name)!
    }
  }

  // MARK: Versions

  public func version(of pacticipant: String, number: String) async throws(BrokerError) -> Version? {
    try await read { db in
      try Self.versions(
        db, where: "p.name = ? AND v.number = ?", arguments: [pacticipant, number]
      ).first
    }
  }

  public func versions(of pacticipant: String, limit: Int) async throws(BrokerError) -> [Version] {
    try await read { db in
      try Self.versions(db, where: "p.name = ? ORDER BY v.id DESC LIMIT ?", arguments: [pacticipant, limit])
    }
  }

  public func latestVersion(of pacticipant: String, branch: String?, tag: String?) async throws(BrokerError)
    -> Version?
  {
    try await read { db in try Self.latestVersion(db, of: pacticipant, branch: branch, tag: tag) }
  }

  public func saveVersion(_ change: VersionChange) async throws(BrokerError) -> Version {
    try Self.check(change)
    return try await write { db in
      let id = try Self.ensureVersion(db, change)
      return try Self.versions(db, where: "v.id = ?", arguments: [id]).first!
    }
  }

  public func deleteTag(_ tag: String, of pacticipant: String, number: String) async throws(BrokerError) -> Bool {
    try await write { db in
      try db.cachedExecute(
        sql: """
          DELETE FROM tags WHERE name = ? AND version_id =
            (SELECT v.id FROM versions v JOIN pacticipants p ON p.id = v.pacticipant_id WHERE p.name = ? AND v.number = ?)
          """, arguments: [tag, pacticipant, number])
      return db.changesCount > 0
    }
  }

  // MARK: Branches

  public func branches(of pacticipant: String) async throws(BrokerError) -> [Branch] {
    try await read { db in
      try db.cachedRows(
        sql: """
          SELECT b.branch, MIN(b.created_at) AS created_at, MAX(b.created_at) AS updated_at FROM branch_versions b
          WHERE b.pacticipant_id = (SELECT id FROM pacticipants WHERE name = ?)
          GROUP BY b.branch ORDER BY MAX(b.version_id) DESC
          """, arguments: [pacticipant]
      ).map { row in
        Branch(
          pacticipant: pacticipant, name: row["branch"], createdAt: Self.date(row, "created_at"),
          updatedAt: Self.date(row, "updated_at"))
      }
    }
  }

  public func versions(of pacticipant: String, branch: String, limit: Int) async throws(BrokerError) -> [Version] {
    try await read { db in
      try Self.versions(
        db,
        where: """
          p.name = ? AND v.id IN (SELECT version_id FROM branch_versions WHERE pacticipant_id = p.id AND branch = ?)
          ORDER BY v.id DESC LIMIT ?
          """, arguments: [pacticipant, branch, limit])
    }
  }

  public func deleteBranch(_ branch: String, of pacticipant: String) async throws(BrokerError) -> Bool {
    try await write { db in
      try db.cachedExecute(
        sql: """
          DELETE FROM branch_versions WHERE branch = ? AND pacticipant_id = (SELECT id FROM pacticipants WHERE name = ?)
          """, arguments: [branch, pacticipant])
      return db.changesCount > 0
    }
  }
}
