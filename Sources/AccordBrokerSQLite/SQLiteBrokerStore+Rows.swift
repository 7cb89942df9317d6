import AccordBroker
import AccordModel
import Foundation
import GRDB

/// The queries behind ``SQLiteBrokerStore``: each runs inside a transaction its caller opened.
extension SQLiteBrokerStore {
  static func date(_ row: Row, _ column: String) -> Date {
    Date(timeIntervalSince1970: row[column] as Double)
  }

  static func optionalDate(_ row: Row, _ column: String) -> Date? {
    (row[column] as Double?).map { Date(timeIntervalSince1970: $0) }
  }

  /// Ids as a JSON array, for `IN (SELECT value FROM json_each(?))`: one statement whatever the count, so it is
  /// compiled once and cached.
  static func idList<S: Sequence>(_ ids: S) -> String where S.Element == Int64 {
    "[" + Set(ids).map(String.init).joined(separator: ",") + "]"
  }

  static func check(_ change: VersionChange) throws(BrokerError) { try change.validate() }

  // MARK: Pacticipants

  static func pacticipant(_ row: Row) -> Pacticipant {
    Pacticipant(
      id: row["id"], name: row["name"], displayName: row["display_name"], mainBranch: row["main_branch"],
      repositoryURL: row["repository_url"], createdAt: date(row, "created_at"), updatedAt: date(row, "updated_at"))
  }

  static func pacticipant(_ db: Database, named name: String) throws -> Pacticipant? {
    try db.cachedRow(sql: "SELECT * FROM pacticipants WHERE name = ?", arguments: [name]).map(pacticipant)
  }

  /// The id of the pacticipant named `name`, created if new.
  static func ensurePacticipant(_ db: Database, _ name: String) throws -> Int64 {
    let now = Date().timeIntervalSince1970
    try db.cachedExecute(
      sql: "INSERT INTO pacticipants (name, created_at, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
      arguments: [name, now, now])
    return try db.cachedValue(Int64.self, sql: "SELECT id FROM pacticipants WHERE name = ?", arguments: [name])!
  }

  // MARK: Versions

  /// The id of the version, created if new, with the branch, tags and build URL of `change` added.
  static func ensureVersion(_ db: Database, _ change: VersionChange) throws -> Int64 {
    let pacticipantID = try ensurePacticipant(db, change.pacticipant)
    let now = Date().timeIntervalSince1970
    try db.cachedExecute(
      sql: """
        INSERT INTO versions (pacticipant_id, number, build_url, created_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (pacticipant_id, number) DO NOTHING
        """, arguments: [pacticipantID, change.number, change.buildURL, now])
    let id = try db.cachedValue(
      Int64.self, sql: "SELECT id FROM versions WHERE pacticipant_id = ? AND number = ?",
      arguments: [pacticipantID, change.number])!
    if let buildURL = change.buildURL {
      try db.cachedExecute(sql: "UPDATE versions SET build_url = ? WHERE id = ?", arguments: [buildURL, id])
    }
    if let branch = change.branch {
      try db.cachedExecute(
        sql: """
          INSERT INTO branch_versions (version_id, pacticipant_id, branch, created_at) VALUES (?, ?, ?, ?)
          ON CONFLICT (version_id, branch) DO NOTHING
          """, arguments: [id, pacticipantID, branch, now])
      if Pacticipant.mainBranchCandidates.contains(branch) {
        try db.cachedExecute(
          sql: "UPDATE pacticipants SET main_branch = ? WHERE id = ? AND main_branch IS NULL",
          arguments: [branch, pacticipantID])
      }
    }
    for tag in change.tags {
      try db.cachedExecute(
        sql: """
          INSERT INTO tags (version_id, pacticipant_id, name, created_at) VALUES (?, ?, ?, ?)
          ON CONFLICT (version_id, name) DO NOTHING
          """, arguments: [id, pacticipantID, tag, now])
    }
    return id
  }

  /// Versions matching `condition` (which may end with ORDER BY / LIMIT), with their branches and tags.
  static func versions(_ db: Database, where condition: String, arguments: StatementArguments) throws -> [Version] {
    let rows = try db.cachedRows(
      sql: """
        SELECT v.id, v.number, v.build_url, v.created_at, p.name AS pacticipant
        FROM versions v JOIN pacticipants p ON p.id = v.pacticipant_id WHERE \(condition)
        """, arguments: arguments)
    return try versions(db, rows: rows)
  }

  static func versions(_ db: Database, rows: [Row]) throws -> [Version] {
    guard !rows.isEmpty else { return [] }
    let ids = rows.map { $0["id"] as Int64 }
    let list = idList(ids)
    var branches: [Int64: [String]] = [:]
    for row in try db.cachedRows(
      sql:
        "SELECT version_id, branch FROM branch_versions WHERE version_id IN (SELECT value FROM json_each(?)) ORDER BY created_at, branch",
      arguments: [list])
    {
      branches[row["version_id"], default: []].append(row["branch"])
    }
    var tags: [Int64: [String]] = [:]
    for row in try db.cachedRows(
      sql:
        "SELECT version_id, name FROM tags WHERE version_id IN (SELECT value FROM json_each(?)) ORDER BY created_at, name",
      arguments: [list])
    {
      tags[row["version_id"], default: []].append(row["name"])
    }
    return rows.map { row in
      let id: Int64 = row["id"]
      return Version(
        id: id, pacticipant: row["pacticipant"], number: row["number"], order: id, branches: branches[id] ?? [],
        tags: tags[id] ?? [], buildURL: row["build_url"], createdAt: date(row, "created_at"))
    }
  }

  static func latestVersion(_ db: Database, of pacticipant: String, branch: String?, tag: String?) throws -> Version? {
    var condition = "p.name = ?"
    var arguments: StatementArguments = [pacticipant]
    if let branch {
      condition += " AND v.id IN (SELECT version_id FROM branch_versions WHERE pacticipant_id = p.id AND branch = ?)"
      arguments += [branch]
    }
    if let tag {
      condition += " AND v.id IN (SELECT version_id FROM tags WHERE pacticipant_id = p.id AND name = ?)"
      arguments += [tag]
    }
    return try versions(db, where: condition + " ORDER BY v.id DESC LIMIT 1", arguments: arguments).first
  }

  // MARK: Pacts

  /// Pacts matching `condition` over `pp` (publication), `pc` (content), `c` (consumer) and `pr` (provider).
  static func pacts(_ db: Database, where condition: String, arguments: StatementArguments) throws -> [StoredPact] {
    let rows = try db.cachedRows(
      sql: """
        SELECT pp.id, pp.created_at, pp.consumer_version_id, pc.sha, c.name AS consumer, pr.name AS provider
        FROM pact_publications pp JOIN pact_contents pc ON pc.id = pp.content_id
        JOIN pacticipants c ON c.id = pp.consumer_id JOIN pacticipants pr ON pr.id = pp.provider_id
        WHERE \(condition)
        """, arguments: arguments)
    let versionIDs = Set(rows.map { $0["consumer_version_id"] as Int64 })
    let versions = try versions(
      db, where: "v.id IN (SELECT value FROM json_each(?))", arguments: [idList(versionIDs)])
    let byID = Dictionary(uniqueKeysWithValues: versions.map { ($0.id, $0) })
    return rows.compactMap { row in
      guard let version = byID[row["consumer_version_id"]] else { return nil }
      return StoredPact(
        id: row["id"], consumer: row["consumer"], provider: row["provider"], consumerVersion: version, sha: row["sha"],
        createdAt: date(row, "created_at"))
    }
  }

  static func pacts(_ db: Database, provider: String, consumer: String?, query: PactQuery) throws -> [StoredPact] {
    guard
      let providerID = try db.cachedValue(
        Int64.self, sql: "SELECT id FROM pacticipants WHERE name = ?", arguments: [provider])
    else { return [] }
    let consumerIDs: [Int64]
    if let consumer {
      guard
        let id = try db.cachedValue(
          Int64.self, sql: "SELECT id FROM pacticipants WHERE name = ?", arguments: [consumer])
      else { return [] }
      consumerIDs = [id]
    } else {
      consumerIDs = try db.cachedValues(
        Int64.self, sql: "SELECT DISTINCT consumer_id FROM pact_publications WHERE provider_id = ?",
        arguments: [providerID])
    }
    var result: [StoredPact] = []
    let latestOf = "pp.provider_id = ? AND pp.consumer_id = ?"
    for consumerID in consumerIDs {
      switch query {
      case .latest:
        result += try pacts(
          db, where: latestOf + " ORDER BY pp.consumer_version_id DESC LIMIT 1", arguments: [providerID, consumerID])
      case .latestOnBranch(let branch), .allOnBranch(let branch):
        let limit = query == .allOnBranch(branch) ? "" : " LIMIT 1"
        result += try pacts(
          db,
          where: latestOf
            + " AND pp.consumer_version_id IN (SELECT version_id FROM branch_versions WHERE pacticipant_id = ? AND branch = ?) ORDER BY pp.consumer_version_id DESC"
            + limit, arguments: [providerID, consumerID, consumerID, branch])
      case .latestOnMainBranch:
        guard
          let main = try db.cachedValue(
            String.self, sql: "SELECT main_branch FROM pacticipants WHERE id = ?", arguments: [consumerID])
        else { continue }
        result += try pacts(db, provider: provider, consumerID: consumerID, query: .latestOnBranch(main))
      case .latestWithTag(let tag), .allWithTag(let tag):
        let limit = query == .allWithTag(tag) ? "" : " LIMIT 1"
        result += try pacts(
          db,
          where: latestOf
            + " AND pp.consumer_version_id IN (SELECT version_id FROM tags WHERE pacticipant_id = ? AND name = ?) ORDER BY pp.consumer_version_id DESC"
            + limit, arguments: [providerID, consumerID, consumerID, tag])
      case .latestOfEachBranch:
        let branches = try db.cachedValues(
          String.self,
          sql: """
            SELECT DISTINCT b.branch FROM branch_versions b JOIN pact_publications pp ON pp.consumer_version_id = b.version_id
            WHERE b.pacticipant_id = ? AND pp.provider_id = ?
            """, arguments: [consumerID, providerID])
        for branch in branches {
          result += try pacts(db, provider: provider, consumerID: consumerID, query: .latestOnBranch(branch))
        }
      case .deployed(let environment):
        var condition =
          latestOf
          + " AND pp.consumer_version_id IN (SELECT d.version_id FROM deployed_versions d WHERE d.pacticipant_id = ? AND d.undeployed_at IS NULL"
        var arguments: StatementArguments = [providerID, consumerID, consumerID]
        if let environment {
          condition += " AND d.environment_id = (SELECT id FROM environments WHERE name = ?)"
          arguments += [environment]
        }
        result += try pacts(db, where: condition + ") ORDER BY pp.consumer_version_id DESC", arguments: arguments)
      case .released(let environment):
        var condition =
          latestOf
          + " AND pp.consumer_version_id IN (SELECT r.version_id FROM released_versions r WHERE r.pacticipant_id = ? AND r.support_ended_at IS NULL"
        var arguments: StatementArguments = [providerID, consumerID, consumerID]
        if let environment {
          condition += " AND r.environment_id = (SELECT id FROM environments WHERE name = ?)"
          arguments += [environment]
        }
        result += try pacts(db, where: condition + ") ORDER BY pp.consumer_version_id DESC", arguments: arguments)
      case .deployedOrReleased(let environment):
        var seen = Set<Int64>()
        var found: [StoredPact] = []
        for query in [PactQuery.deployed(environment: environment), .released(environment: environment)] {
          found += try pacts(db, provider: provider, consumerID: consumerID, query: query).filter {
            seen.insert($0.id).inserted
          }
        }
        result += found.sorted { $0.consumerVersion.order > $1.consumerVersion.order }
      }
    }
    return result
  }

  private static func pacts(_ db: Database, provider: String, consumerID: Int64, query: PactQuery) throws
    -> [StoredPact]
  {
    guard
      let name = try db.cachedValue(
        String.self, sql: "SELECT name FROM pacticipants WHERE id = ?", arguments: [consumerID])
    else { return [] }
    return try pacts(db, provider: provider, consumer: name, query: query)
  }

  // MARK: Verifications

  static func verifications(_ db: Database, where condition: String, arguments: StatementArguments) throws
    -> [Verification]
  {
    let rows = try db.cachedRows(
      sql: """
        SELECT vr.*, pc.sha, pr.name AS provider, c.name AS consumer FROM verifications vr
        JOIN pact_contents pc ON pc.id = vr.content_id JOIN pacticipants pr ON pr.id = vr.provider_id
        JOIN pacticipants c ON c.id = vr.consumer_id WHERE \(condition)
        """, arguments: arguments)
    let versionIDs = Set(rows.map { $0["provider_version_id"] as Int64 })
    let versions = try versions(
      db, where: "v.id IN (SELECT value FROM json_each(?))", arguments: [idList(versionIDs)])
    let byID = Dictionary(uniqueKeysWithValues: versions.map { ($0.id, $0) })
    return rows.compactMap { row in
      guard let version = byID[row["provider_version_id"]] else { return nil }
      return Verification(
        id: row["id"], number: row["number"], provider: row["provider"], consumer: row["consumer"], sha: row["sha"],
        providerVersion: version, success: row["success"], buildURL: row["build_url"],
        testResults: (row["test_results"] as String?).flatMap { try? JSONValue(parsing: Data($0.utf8)) },
        verifiedBy: (row["verified_by"] as String?).flatMap { try? JSONValue(parsing: Data($0.utf8)) },
        executedAt: date(row, "executed_at"))
    }
  }

  // MARK: Environments, deployments, releases

  static func environment(_ row: Row) -> Environment {
    Environment(
      id: row["id"], uuid: row["uuid"], name: row["name"], displayName: row["display_name"],
      production: row["production"], createdAt: date(row, "created_at"))
  }

  static func deployed(_ db: Database, where condition: String, arguments: StatementArguments) throws
    -> [DeployedVersion]
  {
    let rows = try db.cachedRows(
      sql: """
        SELECT d.id AS deployed_id, d.uuid AS deployed_uuid, d.version_id, d.application_instance,
          d.created_at AS deployed_at, d.undeployed_at, e.*
        FROM deployed_versions d JOIN environments e ON e.id = d.environment_id WHERE \(condition)
        """, arguments: arguments)
    let versions = try versions(
      db, where: "v.id IN (SELECT value FROM json_each(?))", arguments: [idList(rows.map { $0["version_id"] as Int64 })]
    )
    let byID = Dictionary(uniqueKeysWithValues: versions.map { ($0.id, $0) })
    return rows.compactMap { row in
      guard let version = byID[row["version_id"]] else { return nil }
      let instance: String = row["application_instance"]
      return DeployedVersion(
        id: row["deployed_id"], uuid: row["deployed_uuid"], version: version, environment: environment(row),
        applicationInstance: instance.isEmpty ? nil : instance, createdAt: date(row, "deployed_at"),
        undeployedAt: optionalDate(row, "undeployed_at"))
    }
  }

  static func released(_ db: Database, where condition: String, arguments: StatementArguments) throws
    -> [ReleasedVersion]
  {
    let rows = try db.cachedRows(
      sql: """
        SELECT r.id AS released_id, r.uuid AS released_uuid, r.version_id, r.created_at AS released_at,
          r.support_ended_at, e.*
        FROM released_versions r JOIN environments e ON e.id = r.environment_id WHERE \(condition)
        """, arguments: arguments)
    let versions = try versions(
      db, where: "v.id IN (SELECT value FROM json_each(?))", arguments: [idList(rows.map { $0["version_id"] as Int64 })]
    )
    let byID = Dictionary(uniqueKeysWithValues: versions.map { ($0.id, $0) })
    return rows.compactMap { row in
      guard let version = byID[row["version_id"]] else { return nil }
      return ReleasedVersion(
        id: row["released_id"], uuid: row["released_uuid"], version: version, environment: environment(row),
        createdAt: date(row, "released_at"), supportEndedAt: optionalDate(row, "support_ended_at"))
    }
  }
}
