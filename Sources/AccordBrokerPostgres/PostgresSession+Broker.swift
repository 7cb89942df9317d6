import AccordBroker
import AccordModel
import Foundation
import PostgresNIO

/// The queries behind ``PostgresBrokerStore``, the same as the SQLite store's; each runs in its caller's transaction.
extension PostgresSession {
  static var now: Double { Date().timeIntervalSince1970 }

  // MARK: Pacticipants

  static func pacticipant(_ row: PostgresRandomAccessRow) throws -> AccordBroker.Pacticipant {
    AccordBroker.Pacticipant(
      id: try row.get("id"), name: try row.get("name"), displayName: try row.get("display_name"),
      mainBranch: try row.get("main_branch"), repositoryURL: try row.get("repository_url"),
      createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
  }

  func pacticipant(named name: String) async throws -> AccordBroker.Pacticipant? {
    try await rows("SELECT * FROM pacticipants WHERE name = ?", [.text(name)]).first.map(Self.pacticipant)
  }

  /// The pacticipant's id, created if new: one round trip, or two when another transaction created it at the same
  /// moment (the statement's snapshot cannot see that row; the next statement's can).
  func ensurePacticipant(_ name: String) async throws -> Int64 {
    if let id = try await int(
      """
      WITH created AS (
        INSERT INTO pacticipants (name, created_at, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING
        RETURNING id)
      SELECT id FROM created UNION ALL SELECT id FROM pacticipants WHERE name = ? LIMIT 1
      """, [.text(name), .double(Self.now), .double(Self.now), .text(name)])
    {
      return id
    }
    return try await required(int("SELECT id FROM pacticipants WHERE name = ?", [.text(name)]), "pacticipant \(name)")
  }

  /// A row that must exist by now; its absence is a storage failure, never a crash.
  func required(_ id: Int64?, _ what: String) throws -> Int64 {
    guard let id else { throw BrokerError.storage("the database lost \(what) within a transaction; try again") }
    return id
  }

  // MARK: Versions

  func ensureVersion(_ change: VersionChange) async throws -> Int64 {
    try await ensureVersionOfPacticipant(change).version
  }

  /// The version's id, created if new, with its branch and tags added, and its pacticipant's id.
  func ensureVersionOfPacticipant(_ change: VersionChange) async throws -> (version: Int64, pacticipant: Int64) {
    // The pacticipant and the version, each created or found, in one round trip; when another transaction created
    // either a moment ago (this statement's snapshot cannot see it), again step by step.
    let now = Self.now
    if let row = try await rows(
      """
      WITH new_pacticipant AS (
        INSERT INTO pacticipants (name, created_at, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING
        RETURNING id),
      pacticipant AS (
        SELECT id FROM new_pacticipant UNION ALL SELECT id FROM pacticipants WHERE name = ? LIMIT 1),
      new_version AS (
        INSERT INTO versions (pacticipant_id, number, build_url, created_at) SELECT id, ?, ?, ? FROM pacticipant
        ON CONFLICT (pacticipant_id, number) DO NOTHING RETURNING id, pacticipant_id)
      SELECT id, pacticipant_id FROM new_version
      UNION ALL SELECT v.id, v.pacticipant_id FROM versions v JOIN pacticipant p ON v.pacticipant_id = p.id
        WHERE v.number = ?
      LIMIT 1
      """,
      [
        .text(change.pacticipant), .double(now), .double(now), .text(change.pacticipant), .text(change.number),
        .text(change.buildURL), .double(now), .text(change.number),
      ]
    ).first {
      let ids = (version: try row.get(at: 0, as: Int64.self), pacticipant: try row.get(at: 1, as: Int64.self))
      try await addBranchAndTags(change, versionID: ids.version, pacticipantID: ids.pacticipant)
      return ids
    }
    let pacticipantID = try await ensurePacticipant(change.pacticipant)
    var found = try await int(
      """
      WITH created AS (
        INSERT INTO versions (pacticipant_id, number, build_url, created_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (pacticipant_id, number) DO NOTHING RETURNING id)
      SELECT id FROM created UNION ALL SELECT id FROM versions WHERE pacticipant_id = ? AND number = ? LIMIT 1
      """,
      [
        .int(pacticipantID), .text(change.number), .text(change.buildURL), .double(Self.now), .int(pacticipantID),
        .text(change.number),
      ])
    if found == nil {
      found = try await int(
        "SELECT id FROM versions WHERE pacticipant_id = ? AND number = ?", [.int(pacticipantID), .text(change.number)])
    }
    let id = try required(found, "\(change.pacticipant) version \(change.number)")
    try await addBranchAndTags(change, versionID: id, pacticipantID: pacticipantID)
    return (id, pacticipantID)
  }

  /// The build URL, branch and tags of `change` added to its version.
  private func addBranchAndTags(_ change: VersionChange, versionID id: Int64, pacticipantID: Int64) async throws {
    if let buildURL = change.buildURL {
      try await execute("UPDATE versions SET build_url = ? WHERE id = ?", [.text(buildURL), .int(id)])
    }
    if let branch = change.branch {
      let insert = """
        INSERT INTO branch_versions (version_id, pacticipant_id, branch, created_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (version_id, branch) DO NOTHING
        """
      let arguments: [SQLValue] = [.int(id), .int(pacticipantID), .text(branch), .double(Self.now)]
      if AccordBroker.Pacticipant.mainBranchCandidates.contains(branch) {
        // The first version on main (or master, develop) names the main branch: in the same round trip.
        try await execute(
          """
          WITH added AS (\(insert))
          UPDATE pacticipants SET main_branch = ? WHERE id = ? AND main_branch IS NULL
          """, arguments + [.text(branch), .int(pacticipantID)])
      } else {
        try await execute(insert, arguments)
      }
    }
    for tag in change.tags {
      try await execute(
        """
        INSERT INTO tags (version_id, pacticipant_id, name, created_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (version_id, name) DO NOTHING
        """, [.int(id), .int(pacticipantID), .text(tag), .double(Self.now)])
    }
  }

  /// The columns of a version, with its branches and tags as arrays: `v` is the version, `p` its pacticipant.
  static func versionColumns(prefix: String = "") -> String {
    """
    v.id AS \(prefix)id, v.number AS \(prefix)number, v.build_url AS \(prefix)build_url,
    v.created_at AS \(prefix)created_at, p.name AS \(prefix)pacticipant,
    ARRAY(SELECT b.branch FROM branch_versions b WHERE b.version_id = v.id ORDER BY b.created_at, b.branch)
      AS \(prefix)branches,
    ARRAY(SELECT t.name FROM tags t WHERE t.version_id = v.id ORDER BY t.created_at, t.name) AS \(prefix)tags
    """
  }

  static func version(_ row: PostgresRandomAccessRow, prefix: String = "") throws -> Version {
    let id: Int64 = try row.get(prefix + "id")
    return Version(
      id: id, pacticipant: try row.get(prefix + "pacticipant"), number: try row.get(prefix + "number"), order: id,
      branches: try row.get(prefix + "branches"), tags: try row.get(prefix + "tags"),
      buildURL: try row.get(prefix + "build_url"), createdAt: try row.date(prefix + "created_at"))
  }

  /// Versions matching `condition` (which may end with ORDER BY / LIMIT), with branches and tags: one round trip.
  func versions(where condition: String, _ arguments: [SQLValue]) async throws -> [Version] {
    try await rows(
      """
      SELECT \(Self.versionColumns()) FROM versions v JOIN pacticipants p ON p.id = v.pacticipant_id
      WHERE \(condition)
      """, arguments
    ).map { try Self.version($0) }
  }

  func latestVersion(of pacticipant: String, branch: String?, tag: String?) async throws -> Version? {
    var condition = "p.name = ?"
    var arguments: [SQLValue] = [.text(pacticipant)]
    if let branch {
      condition += " AND v.id IN (SELECT version_id FROM branch_versions WHERE pacticipant_id = p.id AND branch = ?)"
      arguments.append(.text(branch))
    }
    if let tag {
      condition += " AND v.id IN (SELECT version_id FROM tags WHERE pacticipant_id = p.id AND name = ?)"
      arguments.append(.text(tag))
    }
    return try await versions(where: condition + " ORDER BY v.id DESC LIMIT 1", arguments).first
  }

  // MARK: Pacts

  /// Pacts matching `condition` over `pp`, `pc`, `c`, `pr` and the consumer version `v`: one round trip. `source`
  /// replaces the table of publications `pp` (a subquery), after the common table expressions `with`.
  func pacts(
    with: String = "", source: String = "pact_publications pp", where condition: String, _ arguments: [SQLValue]
  ) async throws -> [StoredPact] {
    try await rows(
      """
      \(with)
      SELECT pp.id AS pact_id, pp.created_at AS pact_created_at, pc.sha, c.name AS consumer, pr.name AS provider,
        \(Self.versionColumns(prefix: "version_"))
      FROM \(source) JOIN pact_contents pc ON pc.id = pp.content_id
      JOIN pacticipants c ON c.id = pp.consumer_id JOIN pacticipants pr ON pr.id = pp.provider_id
      JOIN versions v ON v.id = pp.consumer_version_id JOIN pacticipants p ON p.id = v.pacticipant_id
      WHERE \(condition)
      """, arguments
    ).map { row in
      StoredPact(
        id: try row.get("pact_id"), consumer: try row.get("consumer"), provider: try row.get("provider"),
        consumerVersion: try Self.version(row, prefix: "version_"), sha: try row.get("sha"),
        createdAt: try row.date("pact_created_at"))
    }
  }

  /// The pacts of `query` in one statement: the provider's consumers (found by skipping through the index, so a
  /// long history is not scanned), and for each the latest matching publication (or all of them), newest first.
  func pacts(provider: String, consumer: String?, query: PactQuery) async throws -> [StoredPact] {
    var arguments: [SQLValue] = [.text(provider)]
    var consumers: String
    if let consumer {
      consumers = "consumers (consumer_id) AS (SELECT id FROM pacticipants WHERE name = ?)"
      arguments.append(.text(consumer))
    } else {
      consumers = """
        consumers (consumer_id) AS (
          SELECT MIN(consumer_id) FROM pact_publications WHERE provider_id = (SELECT id FROM provider)
          UNION ALL
          SELECT (SELECT MIN(x.consumer_id) FROM pact_publications x
            WHERE x.provider_id = (SELECT id FROM provider) AND x.consumer_id > consumers.consumer_id)
          FROM consumers WHERE consumers.consumer_id IS NOT NULL)
        """
    }
    var condition = ""
    var limit = " LIMIT 1"
    var branches = ""
    var order = "cs.consumer_id, pp.consumer_version_id DESC"
    var publications = "pact_publications x"
    switch query {
    case .latest:
      break
    case .latestOnBranch(let branch), .allOnBranch(let branch):
      condition =
        " AND EXISTS (SELECT 1 FROM branch_versions b WHERE b.version_id = x.consumer_version_id AND b.branch = ?)"
      arguments.append(.text(branch))
      if query == .allOnBranch(branch) { limit = "" }
    case .latestOnMainBranch:
      condition = """
         AND EXISTS (SELECT 1 FROM branch_versions b WHERE b.version_id = x.consumer_version_id
          AND b.branch = (SELECT main_branch FROM pacticipants WHERE id = cs.consumer_id))
        """
    case .latestWithTag(let tag), .allWithTag(let tag):
      condition = " AND EXISTS (SELECT 1 FROM tags t WHERE t.version_id = x.consumer_version_id AND t.name = ?)"
      arguments.append(.text(tag))
      if query == .allWithTag(tag) { limit = "" }
    case .latestOfEachBranch:
      branches = """
        CROSS JOIN LATERAL (SELECT DISTINCT b.branch FROM branch_versions b
          JOIN pact_publications y ON y.consumer_version_id = b.version_id
          WHERE b.pacticipant_id = cs.consumer_id AND y.provider_id = (SELECT id FROM provider)) br
        """
      condition =
        " AND EXISTS (SELECT 1 FROM branch_versions b WHERE b.version_id = x.consumer_version_id AND b.branch = br.branch)"
      order = "cs.consumer_id, br.branch, pp.consumer_version_id DESC"
    case .deployed(let environment), .released(let environment), .deployedOrReleased(let environment):
      // Driven from the consumer's few current deployments and releases, each finding its publication by the unique
      // (version, provider) index.
      var selects: [String] = []
      for (table, current, kind) in [
        ("deployed_versions", "undeployed_at IS NULL", PactQuery.released(environment: environment)),
        ("released_versions", "support_ended_at IS NULL", PactQuery.deployed(environment: environment)),
      ] where query != kind {
        var select =
          "SELECT DISTINCT c.version_id FROM \(table) c WHERE c.pacticipant_id = cs.consumer_id AND c.\(current)"
        if let environment {
          select += " AND c.environment_id = (SELECT id FROM environments WHERE name = ?)"
          arguments.append(.text(environment))
        }
        selects.append(select)
      }
      publications = """
        (\(selects.joined(separator: " UNION "))) cv JOIN pact_publications x ON x.consumer_version_id = cv.version_id
        """
      limit = ""
    }
    return try await pacts(
      with: "WITH RECURSIVE provider AS (SELECT id FROM pacticipants WHERE name = ?), \(consumers)",
      source: """
        consumers cs \(branches)
        CROSS JOIN LATERAL (SELECT x.* FROM \(publications)
          WHERE x.provider_id = (SELECT id FROM provider) AND x.consumer_id = cs.consumer_id\(condition)
          ORDER BY x.consumer_version_id DESC\(limit)) pp
        """, where: "cs.consumer_id IS NOT NULL ORDER BY \(order)", arguments)
  }

  // MARK: Verifications

  /// Verifications matching `condition`; `source` replaces the table `vr` (a subquery).
  func verifications(source: String = "verifications vr", where condition: String, _ arguments: [SQLValue])
    async throws -> [Verification]
  {
    try await rows(
      """
      SELECT vr.id AS verification_id, vr.number AS verification_number, vr.success, vr.build_url AS verification_build_url,
        vr.test_results, vr.verified_by, vr.executed_at, pc.sha, pr.name AS provider, c.name AS consumer,
        \(Self.versionColumns(prefix: "version_"))
      FROM \(source)
      JOIN pact_contents pc ON pc.id = vr.content_id JOIN pacticipants pr ON pr.id = vr.provider_id
      JOIN pacticipants c ON c.id = vr.consumer_id
      JOIN versions v ON v.id = vr.provider_version_id JOIN pacticipants p ON p.id = v.pacticipant_id
      WHERE \(condition)
      """, arguments
    ).map { row in
      Verification(
        id: try row.get("verification_id"), number: try row.get("verification_number"),
        provider: try row.get("provider"), consumer: try row.get("consumer"), sha: try row.get("sha"),
        providerVersion: try Self.version(row, prefix: "version_"), success: try row.get("success"),
        buildURL: try row.get("verification_build_url"),
        testResults: try row.get("test_results", as: String?.self).flatMap { try? JSONValue(parsing: Data($0.utf8)) },
        verifiedBy: try row.get("verified_by", as: String?.self).flatMap { try? JSONValue(parsing: Data($0.utf8)) },
        executedAt: try row.date("executed_at"))
    }
  }

  // MARK: Environments, deployments, releases

  static func environment(_ row: PostgresRandomAccessRow) throws -> Environment {
    Environment(
      id: try row.get("id"), uuid: try row.get("uuid"), name: try row.get("name"),
      displayName: try row.get("display_name"), production: try row.get("production"),
      createdAt: try row.date("created_at"))
  }

  func deployed(where condition: String, _ arguments: [SQLValue]) async throws -> [DeployedVersion] {
    try await rows(
      """
      SELECT d.id AS deployed_id, d.uuid AS deployed_uuid, d.application_instance, d.created_at AS deployed_at,
        d.undeployed_at, e.*, \(Self.versionColumns(prefix: "version_"))
      FROM deployed_versions d JOIN environments e ON e.id = d.environment_id
      JOIN versions v ON v.id = d.version_id JOIN pacticipants p ON p.id = v.pacticipant_id
      WHERE \(condition)
      """, arguments
    ).map { row in
      let instance: String = try row.get("application_instance")
      return DeployedVersion(
        id: try row.get("deployed_id"), uuid: try row.get("deployed_uuid"),
        version: try Self.version(row, prefix: "version_"), environment: try Self.environment(row),
        applicationInstance: instance.isEmpty ? nil : instance, createdAt: try row.date("deployed_at"),
        undeployedAt: try row.optionalDate("undeployed_at"))
    }
  }

  func released(where condition: String, _ arguments: [SQLValue]) async throws -> [ReleasedVersion] {
    try await rows(
      """
      SELECT r.id AS released_id, r.uuid AS released_uuid, r.created_at AS released_at, r.support_ended_at, e.*,
        \(Self.versionColumns(prefix: "version_"))
      FROM released_versions r JOIN environments e ON e.id = r.environment_id
      JOIN versions v ON v.id = r.version_id JOIN pacticipants p ON p.id = v.pacticipant_id
      WHERE \(condition)
      """, arguments
    ).map { row in
      ReleasedVersion(
        id: try row.get("released_id"), uuid: try row.get("released_uuid"),
        version: try Self.version(row, prefix: "version_"), environment: try Self.environment(row),
        createdAt: try row.date("released_at"), supportEndedAt: try row.optionalDate("support_ended_at"))
    }
  }
}
