import AccordBroker
import AccordModel
import Foundation
import PostgresNIO

extension PostgresBrokerStore {
  // MARK: Pacts

  public func publish(_ publication: Publication) async throws(BrokerError) -> PublicationOutcome {
    try publication.validate()
    let change = publication.version
    let arguments: [SQLValue] = [
      .text(change.pacticipant), .text(change.number), .text(change.buildURL), .text(change.branch),
      .texts(AccordBroker.Pacticipant.mainBranchCandidates.sorted()), .texts(change.tags),
      .double(PostgresSession.now), .texts(publication.contracts.map(\.provider)),
      .texts(publication.contracts.map(\.sha)), .texts(publication.contracts.map { $0.json.serialized() }),
    ]
    // One round trip writes it all (see `PostgresSchema.publishFunction`), or returns the conflicts and writes
    // nothing; a second reads what was stored.
    let rows = try await write(transaction: false) { session in
      try await session.rows(
        """
        SELECT publication, outcome, previous, provider_name FROM accord_publish(?, ?, ?, ?, ?::text[], ?::text[], ?, ?::text[],
          ?::text[], ?::text[])
        """, arguments)
    }
    var changes: [PublicationOutcome.Change] = []
    var ids: [Int64] = []
    do {
      for row in rows {
        let provider: String = try row.get("provider_name")
        switch try row.get("outcome", as: String.self) {
        case "conflict":
          let text = try row.get("previous", as: String?.self) ?? "null"
          let old = (try? JSONValue(parsing: Data(text.utf8))) ?? .null
          guard let conflicting = publication.contracts.first(where: { $0.provider == provider }) else { continue }
          throw BrokerError.conflict(
            "the pact between \(conflicting.consumer) and \(conflicting.provider) for \(conflicting.consumer) version "
              + "\(change.number) was already published with different content; publish changed contracts under a "
              + "new version number (each commit its own version)",
            diff: JSONDiff.lines(from: old, to: conflicting.json).joined(separator: "\n"))
        case "unchanged":
          changes.append(.unchanged)
        default:
          changes.append(.created)
        }
        ids.append(try row.get("publication"))
      }
    } catch let error as BrokerError {
      throw error
    } catch {
      throw .storage("the PostgreSQL database failed: \(Self.describe(error))")
    }
    let found = try await read { [ids] session in
      try await session.pacts(where: "pp.id = ANY(?)", [.ints(ids)])
    }
    let byID = Dictionary(uniqueKeysWithValues: found.map { ($0.id, $0) })
    let stored = ids.compactMap { byID[$0] }
    var version = stored.first?.consumerVersion
    if version == nil { version = try await self.version(of: change.pacticipant, number: change.number) }
    guard let version, stored.count == publication.contracts.count else {
      throw .storage("the database lost the publication it just saved; publish again")
    }
    return PublicationOutcome(version: version, stored: stored, changes: changes)
  }

  public func pact(provider: String, consumer: String, consumerVersion: String) async throws(BrokerError)
    -> StoredPact?
  {
    try await read { session in
      try await session.pacts(
        where:
          "pr.name = ? AND c.name = ? AND pp.consumer_version_id = (SELECT v.id FROM versions v WHERE v.pacticipant_id = c.id AND v.number = ?)",
        [.text(provider), .text(consumer), .text(consumerVersion)]
      ).first
    }
  }

  public func pact(provider: String, consumer: String, sha: String) async throws(BrokerError) -> StoredPact? {
    try await read { session in
      try await session.pacts(
        where: "pr.name = ? AND c.name = ? AND pc.sha = ? ORDER BY pp.consumer_version_id DESC LIMIT 1",
        [.text(provider), .text(consumer), .text(sha)]
      ).first
    }
  }

  public func content(sha: String) async throws(BrokerError) -> JSONValue? {
    let text = try await read { session in
      try await session.string("SELECT content FROM pact_contents WHERE sha = ?", [.text(sha)])
    }
    guard let text else { return nil }
    do {
      return try JSONValue(parsing: Data(text.utf8))
    } catch {
      throw .storage("the stored content \(sha) is not JSON: \(error)")
    }
  }

  public func pacts(provider: String, consumer: String?, query: PactQuery) async throws(BrokerError) -> [StoredPact] {
    try await read { session in try await session.pacts(provider: provider, consumer: consumer, query: query) }
  }

  public func pacts(consumerVersionID: Int64) async throws(BrokerError) -> [StoredPact] {
    try await read { session in
      try await session.pacts(where: "pp.consumer_version_id = ? ORDER BY pr.name", [.int(consumerVersionID)])
    }
  }

  public func versionWithPacts(of pacticipant: String, number: String) async throws(BrokerError)
    -> (version: Version, pacts: [StoredPact])?
  {
    try await read { session in
      // A version that published pacts is in each of them: one round trip; otherwise a second finds the version.
      let pacts = try await session.pacts(
        where: """
          pp.consumer_version_id = (SELECT v.id FROM versions v JOIN pacticipants q ON q.id = v.pacticipant_id
            WHERE q.name = ? AND v.number = ?) ORDER BY pr.name
          """, [.text(pacticipant), .text(number)])
      if let first = pacts.first { return (first.consumerVersion, pacts) }
      return try await session.versions(
        where: "p.name = ? AND v.number = ?", [.text(pacticipant), .text(number)]
      ).first.map { ($0, []) }
    }
  }

  public func pact(provider: String, consumerVersionID: Int64) async throws(BrokerError) -> StoredPact? {
    try await read { session in
      try await session.pacts(
        where: "pp.consumer_version_id = ? AND pr.name = ?", [.int(consumerVersionID), .text(provider)]
      ).first
    }
  }

  public func pacts(provider: String, consumerVersionIDs: [Int64]) async throws(BrokerError) -> [StoredPact] {
    guard !consumerVersionIDs.isEmpty else { return [] }
    return try await read { session in
      try await session.pacts(
        where: "pp.provider_id = (SELECT id FROM pacticipants WHERE name = ?) AND pp.consumer_version_id = ANY(?)",
        [.text(provider), .ints(consumerVersionIDs)])
    }
  }

  public func latestPacts() async throws(BrokerError) -> [StoredPact] {
    try await read { session in
      var result: [StoredPact] = []
      for pair in try await session.rows("SELECT DISTINCT provider_id, consumer_id FROM pact_publications") {
        result += try await session.pacts(
          where: "pp.provider_id = ? AND pp.consumer_id = ? ORDER BY pp.consumer_version_id DESC LIMIT 1",
          [.int(try pair.get("provider_id")), .int(try pair.get("consumer_id"))])
      }
      return result.sorted { ($0.provider, $0.consumer) < ($1.provider, $1.consumer) }
    }
  }

  // MARK: Verifications

  public func recordVerification(_ verification: NewVerification) async throws(BrokerError) -> Verification {
    try Self.check(verification.providerVersion)
    return try await write { session in
      let id = try await Self.insertVerification(session, verification)
      return try await session.verifications(where: "vr.id = ?", [.int(id)]).first!
    }
  }

  public func recordVerifications(_ verifications: [NewVerification]) async throws(BrokerError) -> Int {
    for verification in verifications { try Self.check(verification.providerVersion) }
    return try await write { session in
      for verification in verifications { _ = try await Self.insertVerification(session, verification) }
      return verifications.count
    }
  }

  static func insertVerification(_ session: PostgresSession, _ verification: NewVerification) async throws -> Int64 {
    // The content's row is locked until commit, so replicas number its verifications one after another.
    guard
      let contentID = try await session.int(
        "SELECT id FROM pact_contents WHERE sha = ? FOR UPDATE", [.text(verification.sha)])
    else {
      throw BrokerError.notFound("no pact with content \(verification.sha); fetch the pact from the broker again")
    }
    let versionID = try await session.ensureVersion(verification.providerVersion)
    let providerID = try await session.ensurePacticipant(verification.provider)
    let consumerID = try await session.ensurePacticipant(verification.consumer)
    let number =
      (try await session.int("SELECT MAX(number) FROM verifications WHERE content_id = ?", [.int(contentID)]) ?? 0) + 1
    return try await session.int(
      """
      INSERT INTO verifications (content_id, number, provider_id, consumer_id, provider_version_id, success,
        build_url, test_results, verified_by, executed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
      """,
      [
        .int(contentID), .int(number), .int(providerID), .int(consumerID), .int(versionID),
        .bool(verification.success), .text(verification.buildURL), .text(verification.testResults?.serialized()),
        .text(verification.verifiedBy?.serialized()), .double(PostgresSession.now),
      ])!
  }

  /// For benchmarks only: copies the whole verification history `factor - 1` times (new numbers), so that queries
  /// can be timed against a long history without recording each result; then vacuums the table, as autovacuum
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
    try await execute(unsafeSQL: "VACUUM ANALYZE verifications")
  }

  public func verification(sha: String, number: Int64) async throws(BrokerError) -> Verification? {
    try await read { session in
      try await session.verifications(where: "pc.sha = ? AND vr.number = ?", [.text(sha), .int(number)]).first
    }
  }

  public func latestVerification(sha: String, providerVersionID: Int64) async throws(BrokerError) -> Verification? {
    try await read { session in
      try await session.verifications(
        where:
          "vr.content_id = (SELECT id FROM pact_contents WHERE sha = ?) AND vr.provider_version_id = ? ORDER BY vr.id DESC LIMIT 1",
        [.text(sha), .int(providerVersionID)]
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
    try await read { session in
      if let branch {
        return try await session.bool(
          """
          SELECT EXISTS (SELECT 1 FROM verifications vr JOIN branch_versions b ON b.version_id = vr.provider_version_id
            WHERE vr.content_id = (SELECT id FROM pact_contents WHERE sha = ?) AND vr.success AND b.branch = ?
            AND vr.provider_id = (SELECT id FROM pacticipants WHERE name = ?))
          """, [.text(sha), .text(branch), .text(provider)])
      }
      return try await session.bool(
        """
        SELECT EXISTS (SELECT 1 FROM verifications vr
          WHERE vr.content_id = (SELECT id FROM pact_contents WHERE sha = ?) AND vr.success
          AND vr.provider_id = (SELECT id FROM pacticipants WHERE name = ?))
        """, [.text(sha), .text(provider)])
    }
  }

  public func latestVerifications(_ keys: Set<VerificationKey>) async throws(BrokerError)
    -> [VerificationKey: Verification]
  {
    guard !keys.isEmpty else { return [:] }
    let keys = Array(keys)
    let found = try await read { session in
      try await session.verifications(
        source: """
          unnest(?::text[], ?::bigint[]) AS k(sha, version_id)
          CROSS JOIN LATERAL (SELECT x.* FROM verifications x
            WHERE x.content_id = (SELECT id FROM pact_contents WHERE sha = k.sha) AND x.provider_version_id = k.version_id
            ORDER BY x.id DESC LIMIT 1) vr
          """, where: "TRUE", [.texts(keys.map(\.sha)), .ints(keys.map(\.providerVersionID))])
    }
    var result: [VerificationKey: Verification] = [:]
    for verification in found {
      result[VerificationKey(sha: verification.sha, providerVersionID: verification.providerVersion.id)] = verification
    }
    return result
  }

  public func successfullyVerified(_ pacts: [StoredPact], branch: String?) async throws(BrokerError) -> Set<String> {
    guard !pacts.isEmpty else { return [] }
    var arguments: [SQLValue] = [.texts(pacts.map(\.sha)), .texts(pacts.map(\.provider))]
    var onBranch = ""
    if let branch {
      onBranch = "JOIN branch_versions b ON b.version_id = vr.provider_version_id AND b.branch = ?"
      arguments.append(.text(branch))
    }
    let shas = try await read { [arguments, onBranch] session in
      try await session.strings(
        """
        SELECT DISTINCT k.sha FROM unnest(?::text[], ?::text[]) AS k(sha, provider)
        WHERE EXISTS (SELECT 1 FROM verifications vr \(onBranch)
          WHERE vr.content_id = (SELECT id FROM pact_contents WHERE sha = k.sha) AND vr.success
          AND vr.provider_id = (SELECT id FROM pacticipants WHERE name = k.provider))
        """, arguments)
    }
    return Set(shas)
  }
}
