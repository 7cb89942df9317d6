import AccordBroker
import AccordModel
import Foundation

extension SQLBrokerStore {
  public func existing(pacticipants: [String], environments: [String]) async throws(BrokerError) -> ExistingNames {
    guard !pacticipants.isEmpty || !environments.isEmpty else { return ExistingNames() }
    return try await read { [dialect] session in
      var names = ExistingNames()
      for row in try await session.rows(
        """
        SELECT 'p' AS kind, name FROM pacticipants WHERE \(dialect.isIn("name"))
        UNION ALL SELECT 'e' AS kind, name FROM environments WHERE \(dialect.isIn("name"))
        """, [.texts(pacticipants), .texts(environments)])
      {
        let name = try row.string("name")
        if try row.string("kind") == "p" { names.pacticipants.insert(name) } else { names.environments.insert(name) }
      }
      return names
    }
  }

  public func versions(of pacticipants: [String], matching filter: VersionFilter, latest: Bool)
    async throws(BrokerError) -> [Version]
  {
    guard !pacticipants.isEmpty else { return [] }
    return try await read { [dialect] session in
      var arguments: [SQLValue] = [.texts(pacticipants)]
      var conditions: [(String) -> String] = []
      // Each over a version (its alias given) of the pacticipant `p`.
      if let number = filter.number {
        conditions.append { "\($0).number = ?" }
        arguments.append(.text(number))
      }
      if let tag = filter.tag {
        conditions.append { "\($0).id IN (SELECT version_id FROM tags WHERE pacticipant_id = p.id AND name = ?)" }
        arguments.append(.text(tag))
      }
      if let branch = filter.branch {
        conditions.append {
          "\($0).id IN (SELECT version_id FROM branch_versions WHERE pacticipant_id = p.id AND branch = ?)"
        }
        arguments.append(.text(branch))
      }
      if filter.mainBranch {
        conditions.append {
          "\($0).id IN (SELECT version_id FROM branch_versions WHERE pacticipant_id = p.id AND branch = p.main_branch)"
        }
      }
      if let environment = filter.environment {
        // The named pacticipants' current deployments and releases, found once (their partial indexes), not per
        // version: correlated with each version, PostgreSQL ran the union once per version (5 ms for a handful).
        let named = dialect.isIn("name")
        conditions.append {
          """
          \($0).id IN (
            SELECT version_id FROM deployed_versions WHERE undeployed_at IS NULL
              AND environment_id = (SELECT id FROM environments WHERE name = ?)
              AND pacticipant_id IN (SELECT id FROM pacticipants WHERE \(named))
            UNION
            SELECT version_id FROM released_versions WHERE support_ended_at IS NULL
              AND environment_id = (SELECT id FROM environments WHERE name = ?)
              AND pacticipant_id IN (SELECT id FROM pacticipants WHERE \(named)))
          """
        }
        arguments += [.text(environment), .texts(pacticipants), .text(environment), .texts(pacticipants)]
      }
      func matching(_ alias: String) -> String { conditions.map { " AND " + $0(alias) }.joined() }
      let named = dialect.isIn("p.name")
      if latest {
        // The newest matching version of each pacticipant, found by its index.
        return try await session.versions(
          where: """
            \(named) AND v.id = (SELECT MAX(x.id) FROM versions x WHERE x.pacticipant_id = p.id\(matching("x")))
            ORDER BY v.id DESC
            """, arguments)
      }
      return try await session.versions(where: "\(named)\(matching("v")) ORDER BY v.id DESC", arguments)
    }
  }

  public func integrations(consumerVersions: VersionSet, providers: [String]?, consumersOf: [String])
    async throws(BrokerError) -> [MatrixIntegration]
  {
    guard !consumerVersions.isEmpty || !consumersOf.isEmpty else { return [] }
    return try await read { [dialect] session in
      // Each part by its own index; a pair published and consumed counts as published.
      var arguments: [SQLValue] = []
      var parts: [String] = []
      if !consumerVersions.isEmpty {
        var condition = Self.versionCondition(
          consumerVersions, version: "pp.consumer_version_id", pacticipant: "pp.consumer_id", dialect, &arguments)
        if let providers {
          condition += " AND pp.provider_id IN (SELECT id FROM pacticipants WHERE \(dialect.isIn("name")))"
          arguments.append(.texts(providers))
        }
        parts.append(
          "SELECT DISTINCT pp.consumer_id, pp.provider_id, 1 AS published FROM pact_publications pp WHERE \(condition)")
      }
      if !consumersOf.isEmpty {
        parts.append(
          """
          SELECT DISTINCT pp.consumer_id, pp.provider_id, 0 AS published FROM pact_publications pp
          WHERE pp.provider_id IN (SELECT id FROM pacticipants WHERE \(dialect.isIn("name")))
          """)
        arguments.append(.texts(consumersOf))
      }
      return try await session.rows(
        """
        SELECT c.name AS consumer, pr.name AS provider, MAX(x.published) AS published
        FROM (\(parts.joined(separator: " UNION ALL "))) x
        JOIN pacticipants c ON c.id = x.consumer_id JOIN pacticipants pr ON pr.id = x.provider_id
        GROUP BY c.name, pr.name ORDER BY c.name, pr.name
        """, arguments
      ).map { row in
        MatrixIntegration(
          PacticipantPair(consumer: try row.string("consumer"), provider: try row.string("provider")),
          published: try row.int("published") != 0)
      }
    }
  }

  public func matrixRows(_ query: MatrixRowQuery) async throws(BrokerError) -> [MatrixRow] {
    try await read { [dialect] session in
      var arguments: [SQLValue] = []
      // The verifications joined: by the provider versions asked about; the latest of each provider version
      // unless every one is asked for.
      var join = "vr.content_id = pp.content_id AND vr.provider_id = pp.provider_id AND vr.consumer_id = pp.consumer_id"
      if let versions = query.providerVersions {
        join +=
          " AND "
          + Self.versionCondition(
            versions, version: "vr.provider_version_id", pacticipant: "vr.provider_id", dialect, &arguments)
      }
      if !query.everyVerification {
        // No later verification by the same provider version: one probe of the (content, provider version, id)
        // index per row, where `id = MAX(…)` read every verification of the group for each of them.
        join += """
           AND NOT EXISTS (SELECT 1 FROM verifications x WHERE x.content_id = vr.content_id
            AND x.provider_version_id = vr.provider_version_id AND x.id > vr.id AND x.provider_id = vr.provider_id
            AND x.consumer_id = vr.consumer_id)
          """
      }
      var conditions: [String] = []
      if let versions = query.consumerVersions {
        conditions.append(
          Self.versionCondition(
            versions, version: "pp.consumer_version_id", pacticipant: "pp.consumer_id", dialect, &arguments))
      }
      if let providers = query.providers {
        conditions.append("pp.provider_id IN (SELECT id FROM pacticipants WHERE \(dialect.isIn("name")))")
        arguments.append(.texts(providers.sorted()))
      }
      if let involving = query.involving {
        conditions.append(
          """
          (pp.consumer_id IN (SELECT id FROM pacticipants WHERE \(dialect.isIn("name")))
            OR pp.provider_id IN (SELECT id FROM pacticipants WHERE \(dialect.isIn("name"))))
          """)
        arguments += [.texts(involving.sorted()), .texts(involving.sorted())]
      }
      arguments.append(.int(Int64(query.limit)))
      // The rows' ids, the most recent first, with their pacts; then their verifications.
      let found = try await session.rows(
        """
        WITH ids AS (
          SELECT pp.id AS pact_id, vr.id AS verification_id,
            CASE WHEN vr.executed_at > pp.created_at THEN vr.executed_at ELSE pp.created_at END AS last_action
          FROM pact_publications pp \(query.verifiedOnly ? "JOIN" : "LEFT JOIN") verifications vr ON \(join)
          WHERE \(conditions.isEmpty ? "TRUE" : conditions.joined(separator: " AND "))
          ORDER BY last_action DESC, pp.id DESC, vr.id DESC
          LIMIT ?)
        SELECT ids.verification_id, \(session.pactColumns())
        FROM ids JOIN pact_publications pp ON pp.id = ids.pact_id \(Database.Session.pactJoins)
        ORDER BY ids.last_action DESC, ids.pact_id DESC, ids.verification_id DESC
        """, arguments
      ).map { row in (pact: try Database.Session.pact(row), verification: try row.optionalInt("verification_id")) }
      guard !found.isEmpty else { return [] }
      let verificationIDs = found.compactMap(\.verification).uniqued()
      let verifications =
        verificationIDs.isEmpty
        ? [:]
        : Dictionary(
          try await session.verifications(where: dialect.isIn("vr.id"), [.ints(verificationIDs)]).map { ($0.id, $0) },
          uniquingKeysWith: { first, _ in first })
      return try found.map { row in
        MatrixRow(
          pact: row.pact,
          verification: try row.verification.map {
            try session.required(verifications[$0], "the verification \($0)")
          })
      }
    }
  }

  /// `version` is in the set: one of its ids, or a version of one of its pacticipants (`pacticipant` is the id
  /// column); arguments appended.
  static func versionCondition(
    _ set: VersionSet, version: String, pacticipant: String, _ dialect: SQLDialect, _ arguments: inout [SQLValue]
  ) -> String {
    var alternatives: [String] = []
    if !set.versionIDs.isEmpty {
      alternatives.append(dialect.isIn(version))
      arguments.append(.ints(set.versionIDs.sorted()))
    }
    if !set.pacticipants.isEmpty {
      alternatives.append("\(pacticipant) IN (SELECT id FROM pacticipants WHERE \(dialect.isIn("name")))")
      arguments.append(.texts(set.pacticipants.sorted()))
    }
    return alternatives.isEmpty ? "FALSE" : "(" + alternatives.joined(separator: " OR ") + ")"
  }
}
