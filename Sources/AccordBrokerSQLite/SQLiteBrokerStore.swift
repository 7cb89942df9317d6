import AccordBroker
import AccordModel
import Foundation
import GRDB

/// The broker's embedded store: one SQLite file (WAL, foreign keys on, migrations at open), or memory for tests.
///
/// Every write runs in one immediate transaction, so an acknowledged write is on disk and a failed one leaves
/// nothing half done.
///
/// ```swift
/// let store = try SQLiteBrokerStore(path: "accord-broker.sqlite")
/// let memory = try SQLiteBrokerStore.inMemory()
/// ```
public final class SQLiteBrokerStore: BrokerStore {
  let writer: any DatabaseWriter

  /// Opens (creating if needed) the database file at `path` and migrates it.
  public convenience init(path: String) throws(BrokerError) {
    do {
      try self.init(writer: DatabasePool(path: path, configuration: Self.configuration))
    } catch let error as BrokerError {
      throw error
    } catch {
      throw .storage(
        "cannot open the SQLite database \(PrintSafe.quoted(path)): \(error); check the path and that the folder is "
          + "writable")
    }
  }

  /// A database in memory, gone when the store is.
  public static func inMemory() throws(BrokerError) -> SQLiteBrokerStore {
    do {
      return try SQLiteBrokerStore(writer: DatabaseQueue(configuration: configuration))
    } catch {
      throw .storage("cannot create an in-memory SQLite database: \(error)")
    }
  }

  init(writer: any DatabaseWriter) throws(BrokerError) {
    self.writer = writer
    do {
      try SQLiteSchema.migrator.migrate(writer)
    } catch {
      throw .storage("cannot migrate the SQLite database: \(error)")
    }
  }

  static var configuration: Configuration {
    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    configuration.busyMode = .timeout(10)
    configuration.label = "accord-broker"
    return configuration
  }

  /// Runs `work` in a write transaction; errors that are not ``BrokerError`` become ``BrokerError/storage(_:)``.
  func write<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws(BrokerError) -> T {
    do {
      return try await writer.write(work)
    } catch let error as BrokerError {
      throw error
    } catch {
      throw .storage("the SQLite database failed: \(error)")
    }
  }

  func read<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws(BrokerError) -> T {
    do {
      return try readNow(work)
    } catch let error as BrokerError {
      throw error
    } catch {
      throw .storage("the SQLite database failed: \(error)")
    }
  }

  /// Reads on the calling thread: these reads are indexed and take microseconds, less than a hop to GRDB's reader
  /// queue and back (WAL lets readers run beside the writer, so this never waits for a write).
  private func readNow<T>(_ work: (Database) throws -> T) throws -> T {
    try writer.read(work)
  }

  /// Runs SQLite's own integrity check; the messages it returns (`["ok"]` when sound).
  public func integrityCheck() async throws(BrokerError) -> [String] {
    try await read { db in try db.cachedValues(String.self, sql: "PRAGMA integrity_check") }
  }

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
