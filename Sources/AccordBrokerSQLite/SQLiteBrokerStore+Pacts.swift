import AccordBroker
import AccordModel
import Foundation
import GRDB

extension SQLiteBrokerStore {
  // MARK: Pacts

  public func publish(_ publication: Publication) async throws(BrokerError) -> PublicationOutcome {
    try publication.validate()
    let contents = publication.contracts.map { ($0, $0.json.serialized()) }
    return try await write { db in
      let versionID = try Self.ensureVersion(db, publication.version)
      let consumerID = try Self.ensurePacticipant(db, publication.version.pacticipant)
      var changes: [PublicationOutcome.Change] = []
      var ids: [Int64] = []
      let now = Date().timeIntervalSince1970
      for (contract, text) in contents {
        let providerID = try Self.ensurePacticipant(db, contract.provider)
        if let existing = try db.cachedRow(
          sql: """
            SELECT pp.id, pc.sha, pc.content FROM pact_publications pp JOIN pact_contents pc ON pc.id = pp.content_id
            WHERE pp.consumer_version_id = ? AND pp.provider_id = ?
            """, arguments: [versionID, providerID])
        {
          let sha: String = existing["sha"]
          if sha == contract.sha {
            ids.append(existing["id"])
            changes.append(.unchanged)
            continue
          }
          let old = (try? JSONValue(parsing: Data((existing["content"] as String).utf8))) ?? .null
          throw BrokerError.conflict(
            "the pact between \(contract.consumer) and \(contract.provider) for \(contract.consumer) version "
              + "\(publication.version.number) was already published with different content; publish changed "
              + "contracts under a new version number (each commit its own version)",
            diff: JSONDiff.lines(from: old, to: contract.json).joined(separator: "\n"))
        }
        try db.cachedExecute(
          sql: "INSERT INTO pact_contents (sha, content, created_at) VALUES (?, ?, ?) ON CONFLICT (sha) DO NOTHING",
          arguments: [contract.sha, text, now])
        let contentID = try db.cachedValue(
          Int64.self, sql: "SELECT id FROM pact_contents WHERE sha = ?", arguments: [contract.sha])!
        try db.cachedExecute(
          sql: """
            INSERT INTO pact_publications (consumer_id, provider_id, consumer_version_id, content_id, created_at)
            VALUES (?, ?, ?, ?, ?)
            """, arguments: [consumerID, providerID, versionID, contentID, now])
        ids.append(db.lastInsertedRowID)
        changes.append(.created)
      }
      let version = try Self.versions(db, where: "v.id = ?", arguments: [versionID]).first!
      let stored = try ids.map { id in try Self.pacts(db, where: "pp.id = ?", arguments: [id]).first! }
      return PublicationOutcome(version: version, stored: stored, changes: changes)
    }
  }

  public func pact(provider: String, consumer: String, consumerVersion: String) async throws(BrokerError)
    -> StoredPact?
  {
    try await read { db in
      try Self.pacts(
        db,
        where:
          "pr.name = ? AND c.name = ? AND pp.consumer_version_id = (SELECT v.id FROM versions v WHERE v.pacticipant_id = c.id AND v.number = ?)",
        arguments: [provider, consumer, consumerVersion]
      ).first
    }
  }

  public func pact(provider: String, consumer: String, sha: String) async throws(BrokerError) -> StoredPact? {
    try await read { db in
      try Self.pacts(
        db, where: "pr.name = ? AND c.name = ? AND pc.sha = ? ORDER BY pp.consumer_version_id DESC LIMIT 1",
        arguments: [provider, consumer, sha]
      ).first
    }
  }

  public func content(sha: String) async throws(BrokerError) -> JSONValue? {
    let text = try await read { db in
      try db.cachedValue(String.self, sql: "SELECT content FROM pact_contents WHERE sha = ?", arguments: [sha])
    }
    guard let text else { return nil }
    do {
      return try JSONValue(parsing: Data(text.utf8))
    } catch {
      throw .storage("the stored content \(sha) is not JSON: \(error)")
    }
  }

  public func pacts(provider: String, consumer: String?, query: PactQuery) async throws(BrokerError) -> [StoredPact] {
    try await read { db in try Self.pacts(db, provider: provider, consumer: consumer, query: query) }
  }

  public func pacts(consumerVersionID: Int64) async throws(BrokerError) -> [StoredPact] {
    try await read { db in
      try Self.pacts(db, where: "pp.consumer_version_id = ? ORDER BY pr.name", arguments: [consumerVersionID])
    }
  }

  public func pact(provider: String, consumerVersionID: Int64) async throws(BrokerError) -> StoredPact? {
    try await read { db in
      try Self.pacts(
        db, where: "pp.consumer_version_id = ? AND pr.name = ?", arguments: [consumerVersionID, provider]
      ).first
    }
  }

  public func pacts(provider: String, consumerVersionIDs: [Int64]) async throws(BrokerError) -> [StoredPact] {
    guard !consumerVersionIDs.isEmpty else { return [] }
    let list = Self.idList(consumerVersionIDs)
    return try await read { db in
      try Self.pacts(
        db,
        where:
          "pp.provider_id = (SELECT id FROM pacticipants WHERE name = ?) AND pp.consumer_version_id IN (SELECT value FROM json_each(?))",
        arguments: [provider, list])
    }
  }

  public func latestPacts() async throws(BrokerError) -> [StoredPact] {
    try await read { db in
      let pairs = try db.cachedRows(sql: "SELECT DISTINCT provider_id, consumer_id FROM pact_publications")
      var result: [StoredPact] = []
      for pair in pairs {
        result += try Self.pacts(
          db, where: "pp.provider_id = ? AND pp.consumer_id = ? ORDER BY pp.consumer_version_id DESC LIMIT 1",
          arguments: [pair["provider_id"] as Int64, pair["consumer_id"] as Int64])
      }
      return result.sorted { ($0.provider, $0.consumer) < ($1.provider, $1.consumer) }
    }
  }

  // MARK: Verifications

  public func recordVerification(_ verification: NewVerification) async throws(BrokerError) -> Verification {
    try Self.check(verification.providerVersion)
    return try await write { db in
      let id = try Self.insertVerification(db, verification)
      return try Self.verifications(db, where: "vr.id = ?", arguments: [id]).first!
    }
  }

  public func recordVerifications(_ verifications: [NewVerification]) async throws(BrokerError) -> Int {
    for verification in verifications { try Self.check(verification.providerVersion) }
    return try await write { db in
      for verification in verifications { _ = try Self.insertVerification(db, verification) }
      return verifications.count
    }
  }

  static func insertVerification(_ db: Database, _ verification: NewVerification) throws -> Int64 {
    guard
      let contentID = try db.cachedValue(
        Int64.self, sql: "SELECT id FROM pact_contents WHERE sha = ?", arguments: [verification.sha])
    else {
      throw BrokerError.notFound("no pact with content \(verification.sha); fetch the pact from the broker again")
    }
    let versionID = try ensureVersion(db, verification.providerVersion)
    let providerID = try ensurePacticipant(db, verification.provider)
    let consumerID = try ensurePacticipant(db, verification.consumer)
    let number =
      (try db.cachedValue(
        Int64.self, sql: "SELECT MAX(number) FROM verifications WHERE content_id = ?", arguments: [contentID])
        ?? 0) + 1
    try db.cachedExecute(
      sql: """
        INSERT INTO verifications (content_id, number, provider_id, consumer_id, provider_version_id, success,
          build_url, test_results, verified_by, executed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        contentID, number, providerID, consumerID, versionID, verification.success, verification.buildURL,
        verification.testResults?.serialized(), verification.verifiedBy?.serialized(), Date().timeIntervalSince1970,
      ])
    return db.lastInsertedRowID
  }

  /// For benchmarks only: copies the whole verification history `factor - 1` times (new numbers), so that queries
  /// can be timed against a long history without recording each result.
  @_spi(Benchmarks) public func multiplyVerificationHistory(by factor: Int) async throws(BrokerError) {
    try await write { db in
      let step = (try db.cachedValue(Int64.self, sql: "SELECT MAX(number) FROM verifications") ?? 0)
      for copy in 1..<Int64(max(1, factor)) {
        try db.cachedExecute(
          sql: """
            INSERT INTO verifications (content_id, number, provider_id, consumer_id, provider_version_id, success,
              build_url, test_results, verified_by, executed_at)
            SELECT content_id, number + ?, provider_id, consumer_id, provider_version_id, success, build_url,
              test_results, verified_by, executed_at FROM verifications WHERE number <= ?
            """, arguments: [copy * step, step])
      }
    }
    // Into the database file, as SQLite's automatic checkpoints would have done long before in a database that grew
    // this large (readers of a WAL this long look every page up in it).
    do {
      _ = try await writer.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    } catch {
      throw .storage("the SQLite database failed: \(error)")
    }
  }

  public func verification(sha: String, number: Int64) async throws(BrokerError) -> Verification? {
    try await read { db in
      try Self.verifications(db, where: "pc.sha = ? AND vr.number = ?", arguments: [sha, number]).first
    }
  }

  public func latestVerification(sha: String, providerVersionID: Int64) async throws(BrokerError) -> Verification? {
    try await read { db in
      try Self.verifications(
        db,
        where:
          "vr.content_id = (SELECT id FROM pact_contents WHERE sha = ?) AND vr.provider_version_id = ? ORDER BY vr.id DESC LIMIT 1",
        arguments: [sha, providerVersionID]
      ).first
    }
  }

  public func latestVerification(sha: String) async throws(BrokerError) -> Verification? {
    try await read { db in
      try Self.verifications(
        db, where: "vr.content_id = (SELECT id FROM pact_contents WHERE sha = ?) ORDER BY vr.id DESC LIMIT 1",
        arguments: [sha]
      ).first
    }
  }

  public func hasSuccessfulVerification(sha: String, provider: String, branch: String?) async throws(BrokerError)
    -> Bool
  {
    try await read { db in
      if let branch {
        return try db.cachedValue(
          Bool.self,
          sql: """
            SELECT EXISTS (SELECT 1 FROM verifications vr JOIN branch_versions b ON b.version_id = vr.provider_version_id
              WHERE vr.content_id = (SELECT id FROM pact_contents WHERE sha = ?) AND vr.success = 1 AND b.branch = ?
              AND vr.provider_id = (SELECT id FROM pacticipants WHERE name = ?))
            """, arguments: [sha, branch, provider]) ?? false
      }
      return try db.cachedValue(
        Bool.self,
        sql: """
          SELECT EXISTS (SELECT 1 FROM verifications vr
            WHERE vr.content_id = (SELECT id FROM pact_contents WHERE sha = ?) AND vr.success = 1
            AND vr.provider_id = (SELECT id FROM pacticipants WHERE name = ?))
          """, arguments: [sha, provider]) ?? false
    }
  }
}
