import AccordBroker
import AccordModel
import Foundation

/// The queries behind ``SQLBrokerStore``, written once for every database; each runs in its caller's transaction
/// (or none).
extension SQLSession {
  static var now: Double { Date().timeIntervalSince1970 }

  /// A row that must exist by now; its absence is a storage failure, never a crash.
  func required<T>(_ value: T?, _ what: String) throws -> T {
    guard let value else { throw BrokerError.storage("the database lost \(what) within a transaction; try again") }
    return value
  }

  // MARK: Pacticipants

  static func pacticipant(_ row: Row) throws -> Pacticipant {
    Pacticipant(
      id: try row.int("id"), name: try row.string("name"), displayName: try row.optionalString("display_name"),
      mainBranch: try row.optionalString("main_branch"), repositoryURL: try row.optionalString("repository_url"),
      labels: try row.strings("labels"), createdAt: try row.date("created_at"),
      updatedAt: try row.date("updated_at"))
  }

  /// The pacticipants matching `condition` over `p`, with their labels.
  func pacticipants(where condition: String, _ arguments: [SQLValue]) async throws -> [Pacticipant] {
    try await rows(
      """
      SELECT p.*, \(dialect.list("l.name", from: "pacticipant_labels l WHERE l.pacticipant_id = p.id ORDER BY l.name"))
        AS labels
      FROM pacticipants p WHERE \(condition)
      """, arguments
    ).map(Self.pacticipant)
  }

  func pacticipant(named name: String) async throws -> Pacticipant? {
    try await pacticipants(where: "p.name = ?", [.text(name)]).first
  }

  /// The pacticipant's id, created if new: one round trip when it exists. Another transaction creating it at the
  /// same moment makes the insert do nothing; the next statement sees that row.
  func ensurePacticipant(_ name: String) async throws -> Int64 {
    if let id = try await int("SELECT id FROM pacticipants WHERE name = ?", [.text(name)]) { return id }
    let now = Self.now
    if let id = try await int(
      """
      INSERT INTO pacticipants (name, created_at, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING
      RETURNING id
      """, [.text(name), .double(now), .double(now)])
    {
      return id
    }
    return try required(
      await int("SELECT id FROM pacticipants WHERE name = ?", [.text(name)]), "the pacticipant \(name)")
  }

  // MARK: Versions

  func ensureVersion(_ change: VersionChange) async throws -> Int64 {
    try await ensureVersionOfPacticipant(change).version
  }

  /// The new pact's id: published for the consumer version `versionID`, to the provider named `provider`, with the
  /// content `sha` (stored already). One round trip when the provider exists.
  func insertPublication(consumerID: Int64, versionID: Int64, provider: String, sha: String) async throws -> Int64 {
    let insert = """
      INSERT INTO pact_publications (consumer_id, provider_id, consumer_version_id, content_id, created_at)
      SELECT CAST(? AS BIGINT), p.id, CAST(? AS BIGINT), c.id, CAST(? AS DOUBLE PRECISION)
      FROM pacticipants p JOIN pact_contents c ON c.sha = ? WHERE p.name = ? RETURNING id
      """
    let arguments: [SQLValue] = [.int(consumerID), .int(versionID), .double(Self.now), .text(sha), .text(provider)]
    if let id = try await int(insert, arguments) { return id }
    _ = try await ensurePacticipant(provider)
    return try required(await int(insert, arguments), "the content \(sha)")
  }

  /// The version's id, created if new (`created`), with its branch, tags and build URL added, and its
  /// pacticipant's id. A new version of a known pacticipant is one round trip; a known version two.
  func ensureVersionOfPacticipant(_ change: VersionChange) async throws
    -> (version: Int64, pacticipant: Int64, created: Bool)
  {
    let now = Self.now
    let ids: (version: Int64, pacticipant: Int64)
    var created = true
    if let row = try await rows(
      """
      INSERT INTO versions (pacticipant_id, number, build_url, created_at)
      SELECT id, CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS DOUBLE PRECISION) FROM pacticipants WHERE name = ?
      ON CONFLICT (pacticipant_id, number) DO NOTHING RETURNING id, pacticipant_id
      """, [.text(change.number), .text(change.buildURL), .double(now), .text(change.pacticipant)]
    ).first {
      ids = (try row.int("id"), try row.int("pacticipant_id"))
    } else if let row = try await rows(
      """
      SELECT v.id, v.pacticipant_id FROM versions v JOIN pacticipants p ON p.id = v.pacticipant_id
      WHERE p.name = ? AND v.number = ?
      """, [.text(change.pacticipant), .text(change.number)]
    ).first {
      ids = (try row.int("id"), try row.int("pacticipant_id"))
      created = false
      if let buildURL = change.buildURL {
        try await execute("UPDATE versions SET build_url = ? WHERE id = ?", [.text(buildURL), .int(ids.version)])
      }
    } else {
      let pacticipantID = try await ensurePacticipant(change.pacticipant)
      created =
        try await int(
          """
          INSERT INTO versions (pacticipant_id, number, build_url, created_at) VALUES (?, ?, ?, ?)
          ON CONFLICT (pacticipant_id, number) DO NOTHING RETURNING id
          """, [.int(pacticipantID), .text(change.number), .text(change.buildURL), .double(now)]) != nil
      let id = try required(
        await int(
          "SELECT id FROM versions WHERE pacticipant_id = ? AND number = ?",
          [.int(pacticipantID), .text(change.number)]
        ), "\(change.pacticipant) version \(change.number)")
      ids = (id, pacticipantID)
    }
    try await addBranchAndTags(change, versionID: ids.version, pacticipantID: ids.pacticipant)
    return (ids.version, ids.pacticipant, created)
  }

  /// The branch and tags of `change` added to its version; the first version on main (or master, develop) names
  /// the pacticipant's main branch.
  private func addBranchAndTags(_ change: VersionChange, versionID id: Int64, pacticipantID: Int64) async throws {
    let now = Self.now
    if let branch = change.branch {
      try await execute(
        """
        INSERT INTO branch_versions (version_id, pacticipant_id, branch, created_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (version_id, branch) DO NOTHING
        """, [.int(id), .int(pacticipantID), .text(branch), .double(now)])
      if Pacticipant.mainBranchCandidates.contains(branch) {
        try await execute(
          "UPDATE pacticipants SET main_branch = ? WHERE id = ? AND main_branch IS NULL",
          [.text(branch), .int(pacticipantID)])
      }
    }
    guard !change.tags.isEmpty else { return }
    // `WHERE TRUE`: SQLite reads `ON CONFLICT` after a bare `SELECT … FROM` as a join's. The casts type the
    // parameters of a select list (PostgreSQL cannot infer them from the columns they go to).
    try await execute(
      """
      INSERT INTO tags (version_id, pacticipant_id, name, created_at)
      SELECT CAST(? AS BIGINT), CAST(? AS BIGINT), tag.value, CAST(? AS DOUBLE PRECISION)
      FROM \(dialect.each(as: "tag")) WHERE TRUE
      ON CONFLICT (version_id, name) DO NOTHING
      """, [.int(id), .int(pacticipantID), .double(now), .texts(change.tags)])
  }

  /// The columns of a version, with its branches and tags as lists: `v` is the version, `p` its pacticipant.
  func versionColumns(prefix: String = "") -> String {
    """
    v.id AS \(prefix)id, v.number AS \(prefix)number, v.build_url AS \(prefix)build_url,
    v.created_at AS \(prefix)created_at, p.name AS \(prefix)pacticipant,
    \(dialect.list("b.branch", from: "branch_versions b WHERE b.version_id = v.id ORDER BY b.created_at, b.branch"))
      AS \(prefix)branches,
    \(dialect.list("t.name", from: "tags t WHERE t.version_id = v.id ORDER BY t.created_at, t.name")) AS \(prefix)tags
    """
  }

  static func version(_ row: Row, prefix: String = "") throws -> Version {
    let id = try row.int(prefix + "id")
    return Version(
      id: id, pacticipant: try row.string(prefix + "pacticipant"), number: try row.string(prefix + "number"),
      order: id, branches: try row.strings(prefix + "branches"), tags: try row.strings(prefix + "tags"),
      buildURL: try row.optionalString(prefix + "build_url"), createdAt: try row.date(prefix + "created_at"))
  }

  /// Versions matching `condition` (which may end with ORDER BY / LIMIT), with branches and tags: one round trip.
  func versions(where condition: String, _ arguments: [SQLValue]) async throws -> [Version] {
    try await rows(
      """
      SELECT \(versionColumns()) FROM versions v JOIN pacticipants p ON p.id = v.pacticipant_id
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

  /// The columns of a pact (``pact(_:)`` decodes them), from `pp` and ``pactJoins``.
  func pactColumns() -> String {
    """
    pp.id AS pact_id, pp.created_at AS pact_created_at, pc.sha, c.name AS consumer, pr.name AS provider,
      \(versionColumns(prefix: "version_"))
    """
  }

  /// What ``pactColumns()`` reads besides the publication `pp`.
  static var pactJoins: String {
    """
    JOIN pact_contents pc ON pc.id = pp.content_id
    JOIN pacticipants c ON c.id = pp.consumer_id JOIN pacticipants pr ON pr.id = pp.provider_id
    JOIN versions v ON v.id = pp.consumer_version_id JOIN pacticipants p ON p.id = v.pacticipant_id
    """
  }

  static func pact(_ row: Row) throws -> StoredPact {
    StoredPact(
      id: try row.int("pact_id"), consumer: try row.string("consumer"), provider: try row.string("provider"),
      consumerVersion: try version(row, prefix: "version_"), sha: try row.string("sha"),
      createdAt: try row.date("pact_created_at"))
  }

  /// Pacts matching `condition` over `pp`, `pc`, `c`, `pr` and the consumer version `v`: one round trip. `source`
  /// replaces the table of publications `pp` (joins ending in a table aliased `pp`), after the common table
  /// expressions `with`.
  func pacts(
    with: String = "", source: String = "pact_publications pp", where condition: String, _ arguments: [SQLValue]
  ) async throws -> [StoredPact] {
    try await rows(
      """
      \(with)
      SELECT \(pactColumns()) FROM \(source) \(Self.pactJoins)
      WHERE \(condition)
      """, arguments
    ).map(Self.pact)
  }

  /// The pacts of `query` in one statement: the provider's consumers (found by skipping through the index, so a
  /// long history is not scanned), and for each the latest matching publication (or all of them), newest first.
  func pacts(provider: String, consumer: String?, query: PactQuery) async throws -> [StoredPact] {
    var arguments: [SQLValue] = [.text(provider)]
    let consumers: String
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
    /// The latest publication of each consumer that satisfies `condition` (of a publication's alias), or all of
    /// them.
    func publications(latest: Bool, _ condition: (String) -> String = { _ in "" }) -> String {
      latest
        ? "consumers cs "
          + dialect.joinFirst(
            "pact_publications", as: "pp",
            where: "x.provider_id = (SELECT id FROM provider) AND x.consumer_id = cs.consumer_id\(condition("x"))",
            orderBy: "x.consumer_version_id DESC")
        : """
        consumers cs JOIN pact_publications pp ON pp.provider_id = (SELECT id FROM provider)
          AND pp.consumer_id = cs.consumer_id\(condition("pp"))
        """
    }
    var source: String
    var order = "pp.consumer_id, pp.consumer_version_id DESC"
    switch query {
    case .latest:
      source = publications(latest: true)
    case .all:
      source = publications(latest: false)
    case .latestOnBranch(let branch), .allOnBranch(let branch):
      source = publications(latest: query == .latestOnBranch(branch)) { x in
        " AND EXISTS (SELECT 1 FROM branch_versions b WHERE b.version_id = \(x).consumer_version_id AND b.branch = ?)"
      }
      arguments.append(.text(branch))
    case .latestOnMainBranch:
      source = publications(latest: true) { x in
        """
         AND EXISTS (SELECT 1 FROM branch_versions b WHERE b.version_id = \(x).consumer_version_id
          AND b.branch = (SELECT main_branch FROM pacticipants WHERE id = \(x).consumer_id))
        """
      }
    case .latestWithTag(let tag), .allWithTag(let tag):
      source = publications(latest: query == .latestWithTag(tag)) { x in
        " AND EXISTS (SELECT 1 FROM tags t WHERE t.version_id = \(x).consumer_version_id AND t.name = ?)"
      }
      arguments.append(.text(tag))
    case .latestOfEachBranch:
      // Each consumer's branches with a publication for the provider.
      source =
        dialect.joinDistinct(
          "consumers cs", "cs.consumer_id, b.branch",
          from: """
            branch_versions b
            JOIN pact_publications y ON y.consumer_version_id = b.version_id AND y.provider_id = (SELECT id FROM provider)
            """, where: "b.pacticipant_id = cs.consumer_id", as: "br")
        + " "
        + dialect.joinFirst(
          "pact_publications", as: "pp",
          where: """
            x.provider_id = (SELECT id FROM provider) AND x.consumer_id = br.consumer_id
            AND EXISTS (SELECT 1 FROM branch_versions b WHERE b.version_id = x.consumer_version_id AND b.branch = br.branch)
            """, orderBy: "x.consumer_version_id DESC")
      order = "pp.consumer_id, br.branch, pp.consumer_version_id DESC"
    case .deployed(let environment), .released(let environment), .deployedOrReleased(let environment):
      // From the consumers' few current deployments and releases, each finding its publication by the unique
      // (version, provider) index.
      var selects: [String] = []
      for (table, current, kind) in [
        ("deployed_versions", "undeployed_at IS NULL", PactQuery.released(environment: environment)),
        ("released_versions", "support_ended_at IS NULL", PactQuery.deployed(environment: environment)),
      ] where query != kind {
        // Only the consumers' rows (their index), not every current deployment of the environment.
        var select = """
          SELECT d.pacticipant_id, d.version_id FROM \(table) d
          WHERE d.\(current) AND d.pacticipant_id IN (SELECT consumer_id FROM consumers)
          """
        if let environment {
          select += " AND d.environment_id = (SELECT id FROM environments WHERE name = ?)"
          arguments.append(.text(environment))
        }
        selects.append(select)
      }
      source = """
        consumers cs JOIN (\(selects.joined(separator: " UNION "))) cv ON cv.pacticipant_id = cs.consumer_id
        JOIN pact_publications pp ON pp.consumer_version_id = cv.version_id
          AND pp.provider_id = (SELECT id FROM provider)
        """
    }
    return try await pacts(
      with: "WITH RECURSIVE provider AS (SELECT id FROM pacticipants WHERE name = ?), \(consumers)",
      source: source, where: "TRUE ORDER BY \(order)", arguments)
  }

  // MARK: Verifications

  /// Verifications matching `condition`; `source` replaces the table `vr` (joins ending in a table aliased `vr`).
  func verifications(source: String = "verifications vr", where condition: String, _ arguments: [SQLValue])
    async throws -> [Verification]
  {
    try await rows(
      """
      SELECT vr.id AS verification_id, vr.number AS verification_number, vr.success,
        vr.build_url AS verification_build_url, vr.test_results, vr.verified_by, vr.executed_at, pc.sha,
        pr.name AS provider, c.name AS consumer, \(versionColumns(prefix: "version_"))
      FROM \(source)
      JOIN pact_contents pc ON pc.id = vr.content_id JOIN pacticipants pr ON pr.id = vr.provider_id
      JOIN pacticipants c ON c.id = vr.consumer_id
      JOIN versions v ON v.id = vr.provider_version_id JOIN pacticipants p ON p.id = v.pacticipant_id
      WHERE \(condition)
      """, arguments
    ).map { row in
      Verification(
        id: try row.int("verification_id"), number: try row.int("verification_number"),
        provider: try row.string("provider"), consumer: try row.string("consumer"), sha: try row.string("sha"),
        providerVersion: try Self.version(row, prefix: "version_"), success: try row.bool("success"),
        buildURL: try row.optionalString("verification_build_url"),
        testResults: try row.optionalString("test_results").flatMap { try? JSONValue(parsing: Data($0.utf8)) },
        verifiedBy: try row.optionalString("verified_by").flatMap { try? JSONValue(parsing: Data($0.utf8)) },
        executedAt: try row.date("executed_at"))
    }
  }

  // MARK: Environments, deployments, releases

  static func environment(_ row: Row) throws -> Environment {
    Environment(
      id: try row.int("id"), uuid: try row.string("uuid"), name: try row.string("name"),
      displayName: try row.optionalString("display_name"), production: try row.bool("production"),
      contacts: try row.optionalString("contacts").flatMap { try? JSONValue(parsing: Data($0.utf8)) },
      createdAt: try row.date("created_at"))
  }

  func deployed(where condition: String, _ arguments: [SQLValue]) async throws -> [DeployedVersion] {
    try await rows(
      """
      SELECT d.id AS deployed_id, d.uuid AS deployed_uuid, d.application_instance, d.created_at AS deployed_at,
        d.undeployed_at, e.*, \(versionColumns(prefix: "version_"))
      FROM deployed_versions d JOIN environments e ON e.id = d.environment_id
      JOIN versions v ON v.id = d.version_id JOIN pacticipants p ON p.id = v.pacticipant_id
      WHERE \(condition)
      """, arguments
    ).map { row in
      let instance = try row.string("application_instance")
      return DeployedVersion(
        id: try row.int("deployed_id"), uuid: try row.string("deployed_uuid"),
        version: try Self.version(row, prefix: "version_"), environment: try Self.environment(row),
        applicationInstance: instance.isEmpty ? nil : instance, createdAt: try row.date("deployed_at"),
        undeployedAt: try row.optionalDate("undeployed_at"))
    }
  }

  func released(where condition: String, _ arguments: [SQLValue]) async throws -> [ReleasedVersion] {
    try await rows(
      """
      SELECT r.id AS released_id, r.uuid AS released_uuid, r.created_at AS released_at, r.support_ended_at, e.*,
        \(versionColumns(prefix: "version_"))
      FROM released_versions r JOIN environments e ON e.id = r.environment_id
      JOIN versions v ON v.id = r.version_id JOIN pacticipants p ON p.id = v.pacticipant_id
      WHERE \(condition)
      """, arguments
    ).map { row in
      ReleasedVersion(
        id: try row.int("released_id"), uuid: try row.string("released_uuid"),
        version: try Self.version(row, prefix: "version_"), environment: try Self.environment(row),
        createdAt: try row.date("released_at"), supportEndedAt: try row.optionalDate("support_ended_at"))
    }
  }
}
