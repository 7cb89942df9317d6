import AccordBroker
import AccordModel
import Foundation

extension SQLBrokerStore {
  public func recordVerification(_ verification: NewVerification) async throws(BrokerError) -> Verification {
    try verification.providerVersion.validate()
    return try await write { session in
      let id = try await Self.insertVerification(session, verification)
      return try session.required(
        await session.verifications(where: "vr.id = ?", [.int(id)]).first, "the verification just recorded")
    }
  }

  public func recordVerifications(_ verifications: [NewVerification]) async throws(BrokerError) -> Int {
    for verification in verifications { try verification.providerVersion.validate() }
    return try await write { session in
      for verification in verifications { _ = try await Self.insertVerification(session, verification) }
      return verifications.count
    }
  }

  static func insertVerification(_ session: Database.Session, _ verification: NewVerification) async throws
    -> Int64
  {
    // The content's row is locked until commit, so replicas number its verifications one after another. (The
    // casts type the parameters of a select list, which PostgreSQL cannot infer from the columns they go to.)
    guard
      let contentID = try await session.int(
        "SELECT id FROM pact_contents WHERE sha = ?\(session.dialect.forUpdate)", [.text(verification.sha)])
    else {
      throw BrokerError.notFound("no pact with content \(verification.sha); fetch the pact from the broker again")
    }
    let versionID = try await session.ensureVersion(verification.providerVersion)
    let providerID = try await session.ensurePacticipant(verification.provider)
    let consumerID = try await session.ensurePacticipant(verification.consumer)
    let id = try await session.int(
      """
      INSERT INTO verifications (content_id, number, provider_id, consumer_id, provider_version_id, success,
        build_url, test_results, verified_by, executed_at)
      SELECT CAST(? AS BIGINT), COALESCE(MAX(number), 0) + 1, CAST(? AS BIGINT), CAST(? AS BIGINT),
        CAST(? AS BIGINT), CAST(? AS BOOLEAN), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT),
        CAST(? AS DOUBLE PRECISION)
      FROM verifications WHERE content_id = ?
      RETURNING id
      """,
      [
        .int(contentID), .int(providerID), .int(consumerID), .int(versionID), .bool(verification.success),
        .text(verification.buildURL), .text(verification.testResults?.serialized()),
        .text(verification.verifiedBy?.serialized()), .double(Database.Session.now), .int(contentID),
      ])
    return try session.required(id, "the verification of \(verification.sha)")
  }

  /// For benchmarks only: copies the whole verification history `factor - 1` times (new numbers), so that queries
  /// can be timed against a long history without recording each result; then lets the database settle, as it
  /// would have long before in a database that grew this large (instead of during the timing).
  @_spi(Benchmarks) public func multiplyVerificationHistory(by factor: Int) async throws(BrokerError) {
    try await write { session in
      let step = try await session.int("SELECT MAX(number) FROM verifications") ?? 0
      for copy in 1..<Int64(max(1, factor)) {
        try await session.execute(
          """
          INSERT INTO verifications (content_id, number, provider_id, consumer_id, provider_version_id, success,
            build_url, test_results, verified_by, executed_at)
          SELECT content_id, number + ?, provider_id, consumer_id, provider_version_id, success, build_url,
            test_results, verified_by, executed_at FROM verifications WHERE number <= ?
          """, [.int(copy * step), .int(step)])
      }
    }
    try await database.settle(after: "verifications")
  }

  public func verification(sha: String, number: Int64) async throws(BrokerError) -> Verification? {
    try await read { session in
      try await session.verifications(where: "pc.sha = ? AND vr.number = ?", [.text(sha), .int(number)]).first
    }
  }

  public func latestVerification(sha: String, providerVersionID: Int64) async throws(BrokerError) -> Verification? {
    try await read { session in
      try await session.verifications(
        where: """
          vr.content_id = (SELECT id FROM pact_contents WHERE sha = ?) AND vr.provider_version_id = ?
          ORDER BY vr.id DESC LIMIT 1
          """, [.text(sha), .int(providerVersionID)]
      ).first
    }
  }

  public func latestVerification(sha: String) async throws(BrokerError) -> Verification? {
    try await read { session in
      try await session.verifications(
        where: "vr.content_id = (SELECT id FROM pact_contents WHERE sha = ?) ORDER BY vr.id DESC LIMIT 1", [.text(sha)]
      ).first
    }
  }

  public func hasSuccessfulVerification(sha: String, provider: String, branch: String?) async throws(BrokerError)
    -> Bool
  {
    try await successfullyVerified(sha: [sha], provider: [provider], branch: branch).contains(sha)
  }

  public func latestVerifications(_ keys: Set<VerificationKey>) async throws(BrokerError)
    -> [VerificationKey: Verification]
  {
    guard !keys.isEmpty else { return [:] }
    let keys = Array(keys)
    let found = try await read { [dialect] session in
      try await session.verifications(
        source: dialect.zip([("sha", .text), ("version_id", .int)], as: "k") + " "
          + dialect.joinFirst(
            "verifications", as: "vr",
            where:
              "x.content_id = (SELECT id FROM pact_contents WHERE sha = k.sha) AND x.provider_version_id = k.version_id",
            orderBy: "x.id DESC"), where: "TRUE", [.rows(keys.map { [.text($0.sha), .int($0.providerVersionID)] })])
    }
    var result: [VerificationKey: Verification] = [:]
    for verification in found {
      result[VerificationKey(sha: verification.sha, providerVersionID: verification.providerVersion.id)] = verification
    }
    return result
  }

  public func successfullyVerified(_ pacts: [StoredPact], branch: String?) async throws(BrokerError) -> Set<String> {
    try await successfullyVerified(sha: pacts.map(\.sha), provider: pacts.map(\.provider), branch: branch)
  }

  /// The contents (by sha, each with its provider) that a provider version on `branch` (any when `nil`) has
  /// verified successfully: one query.
  func successfullyVerified(sha: [String], provider: [String], branch: String?) async throws(BrokerError)
    -> Set<String>
  {
    guard !sha.isEmpty else { return [] }
    var arguments: [SQLValue] = [.rows(zip(sha, provider).map { [.text($0), .text($1)] })]
    var onBranch = ""
    if let branch {
      onBranch = "JOIN branch_versions b ON b.version_id = vr.provider_version_id AND b.branch = ?"
      arguments.append(.text(branch))
    }
    // `success = TRUE`, not a bare `success`: SQLite seeks the index (content, success, …) only on an equality.
    return try await read { [dialect, arguments, onBranch] session in
      try await Set(
        session.rows(
          """
          SELECT DISTINCT k.sha FROM \(dialect.zip([("sha", .text), ("provider", .text)], as: "k"))
          WHERE EXISTS (SELECT 1 FROM verifications vr \(onBranch)
            WHERE vr.content_id = (SELECT id FROM pact_contents WHERE sha = k.sha) AND vr.success = TRUE
            AND vr.provider_id = (SELECT id FROM pacticipants WHERE name = k.provider))
          """, arguments
        ).map { try $0.string("sha") })
    }
  }

  public func latestVerifications(shas: [String], by scope: ProviderVersionScope) async throws(BrokerError)
    -> [String: Verification]
  {
    guard !shas.isEmpty else { return [:] }
    let condition: String
    switch scope {
    case .any: condition = ""
    case .mainBranch:
      condition = """
         AND v2.provider_version_id IN (SELECT b.version_id FROM branch_versions b
          JOIN pacticipants p2 ON p2.id = b.pacticipant_id
          WHERE b.pacticipant_id = v2.provider_id AND b.branch = p2.main_branch)
        """
    case .deployedOrReleased:
      condition = """
         AND (v2.provider_version_id IN (SELECT d.version_id FROM deployed_versions d
            WHERE d.pacticipant_id = v2.provider_id AND d.undeployed_at IS NULL)
          OR v2.provider_version_id IN (SELECT r.version_id FROM released_versions r
            WHERE r.pacticipant_id = v2.provider_id AND r.support_ended_at IS NULL))
        """
    }
    let verifications = try await read { [dialect] session in
      try await session.verifications(
        where: """
          vr.id IN (SELECT MAX(v2.id) FROM verifications v2 JOIN pact_contents c2 ON c2.id = v2.content_id
          WHERE \(dialect.isIn("c2.sha"))\(condition) GROUP BY v2.content_id)
          """, [.texts(Array(Set(shas)))])
    }
    return Dictionary(verifications.map { ($0.sha, $0) }, uniquingKeysWith: { first, _ in first })
  }
}
