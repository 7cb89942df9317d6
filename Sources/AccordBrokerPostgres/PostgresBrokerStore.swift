import AccordBroker
import AccordModel
import Foundation
import Logging
import PostgresNIO

/// The broker's store for several replicas: one PostgreSQL database that any number of `accord broker` processes
/// share. Every write is one transaction; races between replicas end in unique constraints, and a transaction that
/// lost one is run again.
///
/// ```swift
/// let store = try await PostgresBrokerStore.connect(url: "postgres://accord:secret@127.0.0.1:5432/accord")
/// defer { store.close() }
/// ```
public final class PostgresBrokerStore: BrokerStore {
  let client: PostgresClient
  let logger: Logger
  /// The URL it was connected with.
  public let url: String
  private let running: Task<Void, Never>

  init(client: PostgresClient, url: String, logger: Logger) {
    self.client = client
    self.url = url
    self.logger = logger
    running = Task { await client.run() }
  }

  deinit { running.cancel() }

  /// Errors only: the pool's own notices are not for the broker's users.
  public static var quietLogger: Logger {
    var logger = Logger(label: "accord.broker.postgres")
    logger.logLevel = .error
    return logger
  }

  /// Stops the connection pool.
  public func close() { running.cancel() }

  /// Connects to `url` (`postgres://user:password@host:port/database`, `?sslmode=disable|require`), and migrates
  /// the database unless `migrating` is false (an administrative connection, e.g. to create databases).
  public static func connect(
    url: String, migrating: Bool = true, logger: Logger = Logger(label: "accord.broker.postgres")
  ) async throws(BrokerError) -> PostgresBrokerStore {
    let configuration = try configuration(url)
    let store = PostgresBrokerStore(
      client: PostgresClient(configuration: configuration, backgroundLogger: logger), url: url, logger: logger)
    do {
      if migrating { try await store.migrate() }
    } catch {
      store.close()
      throw .storage("cannot use the PostgreSQL database at \(redacted(url)): \(describe(error))")
    }
    return store
  }

  static func configuration(_ url: String) throws(BrokerError) -> PostgresClient.Configuration {
    guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme ?? ""),
      let host = components.host, !host.isEmpty
    else {
      throw .invalid("\(redacted(url)) is not a PostgreSQL URL; give postgres://user:password@host:port/database")
    }
    let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
    let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
    let tls: PostgresClient.Configuration.TLS
    switch mode {
    case "disable": tls = .disable
    case "prefer", "allow": tls = .prefer(.makeClientConfiguration())
    case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
    default: throw .invalid("sslmode=\(mode) is not one of disable, prefer, require")
    }
    var configuration = PostgresClient.Configuration(
      host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
      password: components.password, database: database.isEmpty ? nil : database, tls: tls)
    configuration.options.maximumConnections = 16
    return configuration
  }

  /// The URL without its password, for messages.
  public static func redacted(_ url: String) -> String {
    guard var components = URLComponents(string: url), components.password != nil else { return url }
    components.password = "***"
    return components.string ?? url
  }

  static func describe(_ error: any Error) -> String {
    if let error = error as? PSQLError {
      return error.serverInfo?[.message].map { "\($0)" } ?? "\(error.code)"
    }
    return "\(error)"
  }

  func migrate() async throws {
    try await client.withTransaction(logger: logger) { connection in
      let session = PostgresSession(connection: connection, logger: logger)
      // Another replica migrating holds the lock for seconds; one stuck holding it must not hang this one.
      try await session.execute("SET LOCAL lock_timeout = '60s'")
      try await session.execute("SELECT pg_advisory_xact_lock(?)", [.int(PostgresSchema.lockKey)])
      try await session.execute("CREATE TABLE IF NOT EXISTS accord_migrations (version BIGINT PRIMARY KEY)")
      let applied = Set(try await session.ints("SELECT version FROM accord_migrations"))
      for migration in PostgresSchema.migrations where !applied.contains(migration.version) {
        for statement in migration.statements { try await session.execute(statement) }
        try await session.execute("INSERT INTO accord_migrations (version) VALUES (?)", [.int(migration.version)])
      }
    }
  }

  /// Runs `work` in a transaction; one that lost a race with another replica (a unique constraint, a
  /// serialization failure, a deadlock) runs again, up to ten times, after a short random pause.
  func write<T: Sendable>(_ work: @escaping @Sendable (PostgresSession) async throws -> T) async throws(BrokerError)
    -> T
  {
    var attempt = 0
    while true {
      attempt += 1
      do {
        return try await client.withTransaction(logger: logger) { connection in
          try await work(PostgresSession(connection: connection, logger: logger))
        }
      } catch {
        // An error of the work comes wrapped; the transaction was rolled back.
        let cause = (error as? PostgresTransactionError).flatMap { $0.closureError ?? $0.commitError } ?? error
        if let cause = cause as? BrokerError { throw cause }
        if let cause = cause as? PSQLError, attempt < 10, Self.isRace(cause) {
          try? await Task.sleep(for: .milliseconds(Int.random(in: 1...(5 * attempt))))
          continue
        }
        throw .storage("the PostgreSQL database failed: \(Self.describe(cause))")
      }
    }
  }

  func read<T: Sendable>(_ work: @escaping @Sendable (PostgresSession) async throws -> T) async throws(BrokerError)
    -> T
  {
    do {
      return try await client.withConnection { connection in
        try await work(PostgresSession(connection: connection, logger: logger))
      }
    } catch let error as BrokerError {
      throw error
    } catch {
      throw .storage("the PostgreSQL database failed: \(Self.describe(error))")
    }
  }

  /// Runs one statement outside a transaction (`CREATE DATABASE`, for tests and tools).
  public func execute(unsafeSQL sql: String) async throws(BrokerError) {
    do {
      try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger)
    } catch {
      throw .storage("the PostgreSQL database failed: \(Self.describe(error))")
    }
  }

  static func isRace(_ error: PSQLError) -> Bool {
    guard let code = error.serverInfo?[.sqlState] else { return false }
    return code == "23505" || code == "40001" || code == "40P01"
  }

  // MARK: Pacticipants

  public func pacticipants() async throws(BrokerError) -> [AccordBroker.Pacticipant] {
    try await read { session in
      try await session.rows("SELECT * FROM pacticipants ORDER BY name").map(PostgresSession.pacticipant)
    }
  }

  public func pacticipant(named name: String) async throws(BrokerError) -> AccordBroker.Pacticipant? {
    try await read { session in try await session.pacticipant(named: name) }
  }

  public func savePacticipant(_ change: PacticipantChange) async throws(BrokerError) -> AccordBroker.Pacticipant {
    try Names.check(change.name, what: "the pacticipant name")
    return try await write { session in
      let id = try await session.ensurePacticipant(change.name)
      try await session.execute(
        """
        UPDATE pacticipants SET display_name = COALESCE(?, display_name), main_branch = COALESCE(?, main_branch),
          repository_url = COALESCE(?, repository_url), updated_at = ? WHERE id = ?
        """,
        [
          .text(change.displayName), .text(change.mainBranch), .text(change.repositoryURL),
          .double(PostgresSession.now), .int(id),
        ])
      return try await session.pacticipant(named: change.name)!
    }
  }

  // MARK: Versions

  public func version(of pacticipant: String, number: String) async throws(BrokerError) -> Version? {
    try await read { session in
      try await session.versions(where: "p.name = ? AND v.number = ?", [.text(pacticipant), .text(number)]).first
    }
  }

  public func versions(of pacticipant: String, limit: Int) async throws(BrokerError) -> [Version] {
    try await read { session in
      try await session.versions(
        where: "p.name = ? ORDER BY v.id DESC LIMIT ?", [.text(pacticipant), .int(Int64(limit))])
    }
  }

  public func latestVersion(of pacticipant: String, branch: String?, tag: String?) async throws(BrokerError)
    -> Version?
  {
    try await read { session in try await session.latestVersion(of: pacticipant, branch: branch, tag: tag) }
  }

  public func saveVersion(_ change: VersionChange) async throws(BrokerError) -> Version {
    try Self.check(change)
    return try await write { session in
      let id = try await session.ensureVersion(change)
      return try await session.versions(where: "v.id = ?", [.int(id)]).first!
    }
  }

  public func deleteTag(_ tag: String, of pacticipant: String, number: String) async throws(BrokerError) -> Bool {
    try await write { session in
      try await !session.rows(
        """
        DELETE FROM tags WHERE name = ? AND version_id =
          (SELECT v.id FROM versions v JOIN pacticipants p ON p.id = v.pacticipant_id WHERE p.name = ? AND v.number = ?)
        RETURNING version_id
        """, [.text(tag), .text(pacticipant), .text(number)]
      ).isEmpty
    }
  }

  static func check(_ change: VersionChange) throws(BrokerError) { try change.validate() }

  // MARK: Pacts

  public func publish(_ publication: Publication) async throws(BrokerError) -> PublicationOutcome {
    try publication.validate()
    let contents = publication.contracts.map { ($0, $0.json.serialized()) }
    return try await write { session in
      let versionID = try await session.ensureVersion(publication.version)
      let consumerID = try await session.ensurePacticipant(publication.version.pacticipant)
      // Publications of one consumer version go one after another across replicas.
      try await session.execute("SELECT id FROM versions WHERE id = ? FOR UPDATE", [.int(versionID)])
      var changes: [PublicationOutcome.Change] = []
      var ids: [Int64] = []
      for (contract, text) in contents {
        let providerID = try await session.ensurePacticipant(contract.provider)
        if let existing = try await session.rows(
          """
          SELECT pp.id, pc.sha, pc.content FROM pact_publications pp JOIN pact_contents pc ON pc.id = pp.content_id
          WHERE pp.consumer_version_id = ? AND pp.provider_id = ?
          """, [.int(versionID), .int(providerID)]
        ).first {
          if try existing.get("sha", as: String.self) == contract.sha {
            ids.append(try existing.get("id"))
            changes.append(.unchanged)
            continue
          }
          let old = (try? JSONValue(parsing: Data(try existing.get("content", as: String.self).utf8))) ?? .null
          throw BrokerError.conflict(
            "the pact between \(contract.consumer) and \(contract.provider) for \(contract.consumer) version "
              + "\(publication.version.number) was already published with different content; publish changed "
              + "contracts under a new version number (each commit its own version)",
            diff: JSONDiff.lines(from: old, to: contract.json).joined(separator: "\n"))
        }
        try await session.execute(
          "INSERT INTO pact_contents (sha, content, created_at) VALUES (?, ?, ?) ON CONFLICT (sha) DO NOTHING",
          [.text(contract.sha), .text(text), .double(PostgresSession.now)])
        let contentID = try session.required(
          try await session.int("SELECT id FROM pact_contents WHERE sha = ?", [.text(contract.sha)]),
          "content \(contract.sha)")
        let id = try await session.int(
          """
          INSERT INTO pact_publications (consumer_id, provider_id, consumer_version_id, content_id, created_at)
          VALUES (?, ?, ?, ?, ?) RETURNING id
          """,
          [.int(consumerID), .int(providerID), .int(versionID), .int(contentID), .double(PostgresSession.now)])!
        ids.append(id)
        changes.append(.created)
      }
      let version = try await session.versions(where: "v.id = ?", [.int(versionID)]).first!
      var stored: [StoredPact] = []
      for id in ids { stored += try await session.pacts(where: "pp.id = ?", [.int(id)]) }
      return PublicationOutcome(version: version, stored: stored, changes: changes)
    }
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

  public func pact(provider: String, consumerVersionID: Int64) async throws(BrokerError) -> StoredPact? {
    try await read { session in
      try await session.pacts(
        where: "pp.consumer_version_id = ? AND pr.name = ?", [.int(consumerVersionID), .text(provider)]
      ).first
    }
  }

  public func pacts(provider: String, consumerVersionIDs: [Int64]) async throws(BrokerError) -> [StoredPact] {
    guard !consumerVersionIDs.isEmpty else { return [] }
    let list = consumerVersionIDs.map(String.init).joined(separator: ",")
    return try await read { session in
      try await session.pacts(
        where: "pp.provider_id = (SELECT id FROM pacticipants WHERE name = ?) AND pp.consumer_version_id IN (\(list))",
        [.text(provider)])
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
  /// can be timed against a long history without recording each result.
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
      try await session.execute("ANALYZE verifications")
    }
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

  // MARK: Environments

  public func environments() async throws(BrokerError) -> [Environment] {
    try await read { session in
      try await session.rows("SELECT * FROM environments ORDER BY name").map(PostgresSession.environment)
    }
  }

  public func environment(named name: String) async throws(BrokerError) -> Environment? {
    try await read { session in
      try await session.rows("SELECT * FROM environments WHERE name = ?", [.text(name)]).first.map(
        PostgresSession.environment)
    }
  }

  public func environment(uuid: String) async throws(BrokerError) -> Environment? {
    try await read { session in
      try await session.rows("SELECT * FROM environments WHERE uuid = ?", [.text(uuid)]).first.map(
        PostgresSession.environment)
    }
  }

  public func saveEnvironment(_ change: EnvironmentChange) async throws(BrokerError) -> Environment {
    try Names.check(change.name, what: "the environment name")
    return try await write { session in
      let now = PostgresSession.now
      if let uuid = change.uuid {
        guard try await session.int("SELECT id FROM environments WHERE uuid = ?", [.text(uuid)]) != nil else {
          throw BrokerError.notFound("no environment with uuid \(uuid)")
        }
        if let other = try await session.string(
          "SELECT uuid FROM environments WHERE name = ? AND uuid <> ?", [.text(change.name), .text(uuid)])
        {
          throw BrokerError.conflict("another environment (\(other)) is named \(change.name)", diff: "")
        }
        try await session.execute(
          "UPDATE environments SET name = ?, display_name = ?, production = ?, updated_at = ? WHERE uuid = ?",
          [.text(change.name), .text(change.displayName), .bool(change.production), .double(now), .text(uuid)])
        return try PostgresSession.environment(
          try await session.rows("SELECT * FROM environments WHERE uuid = ?", [.text(uuid)])[0])
      }
      if try await session.int("SELECT id FROM environments WHERE name = ?", [.text(change.name)]) != nil {
        throw BrokerError.conflict(
          "an environment named \(change.name) already exists; list them with `accord list-environments`", diff: "")
      }
      let rows = try await session.rows(
        """
        INSERT INTO environments (uuid, name, display_name, production, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?) RETURNING *
        """,
        [
          .text(UUID().uuidString.lowercased()), .text(change.name), .text(change.displayName),
          .bool(change.production), .double(now), .double(now),
        ])
      return try PostgresSession.environment(rows[0])
    }
  }

  public func deleteEnvironment(uuid: String) async throws(BrokerError) -> Bool {
    try await write { session in
      try await !session.rows("DELETE FROM environments WHERE uuid = ? RETURNING id", [.text(uuid)]).isEmpty
    }
  }

  // MARK: Deployments and releases

  public func recordDeployment(versionID: Int64, environmentID: Int64, applicationInstance: String?)
    async throws(BrokerError) -> DeployedVersion
  {
    try await write { session in
      guard
        let pacticipantID = try await session.int(
          "SELECT pacticipant_id FROM versions WHERE id = ?", [.int(versionID)])
      else { throw BrokerError.notFound("no version with id \(versionID)") }
      // One deployment of a pacticipant at a time, across replicas: its row is locked until commit.
      try await session.execute("SELECT id FROM pacticipants WHERE id = ? FOR UPDATE", [.int(pacticipantID)])
      let now = PostgresSession.now
      try await session.execute(
        """
        UPDATE deployed_versions SET undeployed_at = ? WHERE environment_id = ? AND pacticipant_id = ?
          AND application_instance = ? AND undeployed_at IS NULL
        """, [.double(now), .int(environmentID), .int(pacticipantID), .text(applicationInstance ?? "")])
      let id = try await session.int(
        """
        INSERT INTO deployed_versions (uuid, version_id, pacticipant_id, environment_id, application_instance, created_at)
        VALUES (?, ?, ?, ?, ?, ?) RETURNING id
        """,
        [
          .text(UUID().uuidString.lowercased()), .int(versionID), .int(pacticipantID), .int(environmentID),
          .text(applicationInstance ?? ""), .double(now),
        ])!
      return try await session.deployed(where: "d.id = ?", [.int(id)]).first!
    }
  }

  public func deployedVersion(uuid: String) async throws(BrokerError) -> DeployedVersion? {
    try await read { session in try await session.deployed(where: "d.uuid = ?", [.text(uuid)]).first }
  }

  public func undeploy(uuid: String) async throws(BrokerError) -> DeployedVersion? {
    try await write { session in
      try await session.execute(
        "UPDATE deployed_versions SET undeployed_at = ? WHERE uuid = ? AND undeployed_at IS NULL",
        [.double(PostgresSession.now), .text(uuid)])
      return try await session.deployed(where: "d.uuid = ?", [.text(uuid)]).first
    }
  }

  public func deployedVersions(environmentID: Int64, pacticipant: String?) async throws(BrokerError)
    -> [DeployedVersion]
  {
    try await read { session in
      if let pacticipant {
        return try await session.deployed(
          where:
            "d.environment_id = ? AND d.undeployed_at IS NULL AND d.pacticipant_id = (SELECT id FROM pacticipants WHERE name = ?) ORDER BY d.id",
          [.int(environmentID), .text(pacticipant)])
      }
      return try await session.deployed(
        where: "d.environment_id = ? AND d.undeployed_at IS NULL ORDER BY d.id", [.int(environmentID)])
    }
  }

  public func deployments(versionID: Int64) async throws(BrokerError) -> [DeployedVersion] {
    try await read { session in try await session.deployed(where: "d.version_id = ? ORDER BY d.id", [.int(versionID)]) }
  }

  public func recordRelease(versionID: Int64, environmentID: Int64) async throws(BrokerError) -> ReleasedVersion {
    try await write { session in
      guard
        let pacticipantID = try await session.int(
          "SELECT pacticipant_id FROM versions WHERE id = ?", [.int(versionID)])
      else { throw BrokerError.notFound("no version with id \(versionID)") }
      try await session.execute(
        """
        INSERT INTO released_versions (uuid, version_id, pacticipant_id, environment_id, created_at)
        VALUES (?, ?, ?, ?, ?) ON CONFLICT (version_id, environment_id) DO UPDATE SET support_ended_at = NULL
        """,
        [
          .text(UUID().uuidString.lowercased()), .int(versionID), .int(pacticipantID), .int(environmentID),
          .double(PostgresSession.now),
        ])
      return try await session.released(
        where: "r.version_id = ? AND r.environment_id = ?", [.int(versionID), .int(environmentID)]
      ).first!
    }
  }

  public func releasedVersion(uuid: String) async throws(BrokerError) -> ReleasedVersion? {
    try await read { session in try await session.released(where: "r.uuid = ?", [.text(uuid)]).first }
  }

  public func endSupport(uuid: String) async throws(BrokerError) -> ReleasedVersion? {
    try await write { session in
      try await session.execute(
        "UPDATE released_versions SET support_ended_at = ? WHERE uuid = ? AND support_ended_at IS NULL",
        [.double(PostgresSession.now), .text(uuid)])
      return try await session.released(where: "r.uuid = ?", [.text(uuid)]).first
    }
  }

  public func releasedVersions(environmentID: Int64, pacticipant: String?) async throws(BrokerError)
    -> [ReleasedVersion]
  {
    try await read { session in
      if let pacticipant {
        return try await session.released(
          where:
            "r.environment_id = ? AND r.support_ended_at IS NULL AND r.pacticipant_id = (SELECT id FROM pacticipants WHERE name = ?) ORDER BY r.id",
          [.int(environmentID), .text(pacticipant)])
      }
      return try await session.released(
        where: "r.environment_id = ? AND r.support_ended_at IS NULL ORDER BY r.id", [.int(environmentID)])
    }
  }

  public func releases(versionID: Int64) async throws(BrokerError) -> [ReleasedVersion] {
    try await read { session in try await session.released(where: "r.version_id = ? ORDER BY r.id", [.int(versionID)]) }
  }
}
