import AccordBroker
import AccordModel
import Foundation

extension SQLBrokerStore {
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

  public func integrations(consumerVersions: VersionSet, providers: [String]?) async throws(BrokerError)
    -> [PacticipantPair]
  {
    guard !consumerVersions.isEmpty else { return [] }
    return try await read { [dialect] session in
      var arguments: [SQLValue] = []
      var condition = Self.versionCondition(
        consumerVersions, version: "pp.consumer_version_id", pacticipant: "pp.consumer_id", dialect, &arguments)
      if let providers {
        condition += " AND pp.provider_id IN (SELECT id FROM pacticipants WHERE \(dialect.isIn("name")))"
        arguments.append(.texts(providers))
      }
      return try await session.pairs(where: condition, arguments)
    }
  }

  public func integrations(providers: [String]) async throws(BrokerError) -> [PacticipantPair] {
    guard !providers.isEmpty else { return [] }
    return try await read { [dialect] session in
      try await session.pairs(
        where: "pp.provider_id IN (SELECT id FROM pacticipants WHERE \(dialect.isIn("name")))", [.texts(providers)])
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
        join += """
           AND vr.id = (SELECT MAX(x.id) FROM verifications x WHERE x.content_id = vr.content_id
            AND x.provider_version_id = vr.provider_version_id AND x.provider_id = vr.provider_id
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
      let ids = try await session.rows(
        """
        SELECT pp.id AS pact_id, vr.id AS verification_id
        FROM pact_publications pp \(query.verifiedOnly ? "JOIN" : "LEFT JOIN") verifications vr ON \(join)
        WHERE \(conditions.isEmpty ? "TRUE" : conditions.joined(separator: " AND "))
        ORDER BY CASE WHEN vr.executed_at > pp.created_at THEN vr.executed_at ELSE pp.created_at END DESC,
          pp.id DESC, vr.id DESC
        LIMIT ?
        """, arguments
      ).map { row in (pact: try row.int("pact_id"), verification: try row.optionalInt("verification_id")) }
      guard !ids.isEmpty else { return [] }
      let pacts = Dictionary(
        try await session.pacts(where: dialect.isIn("pp.id"), [.ints(ids.map(\.pact).uniqued())]).map {
          ($0.id, $0)
        }, uniquingKeysWith: { first, _ in first })
      let verificationIDs = ids.compactMap(\.verification).uniqued()
      let verifications =
        verificationIDs.isEmpty
        ? [:]
        : Dictionary(
          try await session.verifications(where: dialect.isIn("vr.id"), [.ints(verificationIDs)]).map { ($0.id, $0) },
          uniquingKeysWith: { first, _ in first })
      return try ids.map { id in
        MatrixRow(
          pact: try session.required(pacts[id.pact], "the pact \(id.pact)"),
          verification: try id.verification.map { try session.required(verifications[$0], "the verification \($0)") })
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

extension SQLSession {
  /// The consumer and provider of the pacts `pp` matching `condition`, each pair once, by name.
  func pairs(where condition: String, _ arguments: [SQLValue]) async throws -> [PacticipantPair] {
    try await rows(
      """
      SELECT DISTINCT c.name AS consumer, pr.name AS provider
      FROM pact_publications pp JOIN pacticipants c ON c.id = pp.consumer_id
      JOIN pacticipants pr ON pr.id = pp.provider_id
      WHERE \(condition) ORDER BY c.name, pr.name
      """, arguments
    ).map { PacticipantPair(consumer: try $0.string("consumer"), provider: try $0.string("provider")) }
  }
}
