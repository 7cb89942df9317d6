import AccordBroker
import AccordBrokerSQL
import AccordModel
import Foundation
import Logging
import PostgresNIO

/// The broker's store for several replicas: one PostgreSQL database that any number of `accord broker` processes
/// share. The queries are ``SQLBrokerStore``'s, shared with SQLite. Every write is one transaction; races between
/// replicas end in unique constraints, and a transaction that lost one is run again.
///
/// ```swift
/// let store = try await PostgresBrokerStore.connect(url: "postgres://accord:secret@127.0.0.1:5432/accord")
/// defer { store.close() }
/// ```
public typealias PostgresBrokerStore = SQLBrokerStore<PostgresDatabase>

/// The PostgreSQL side of ``SQLBrokerStore``: a connection pool, the statements prepared on each connection, and
/// transactions that run again when they lost a race with another replica.
public final class PostgresDatabase: SQLDatabase {
  let client: PostgresClient
  let logger: Logger
  let statements = PreparedStatements()
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

  /// Stops the connection pool.
  func close() { running.cancel() }

  public var dialect: SQLDialect { .postgres }

  static func describe(_ error: any Error) -> String {
    if let error = error as? PSQLError {
      return error.serverInfo?[.message].map { "\($0)" } ?? "\(error.code)"
    }
    // Prepared statements report the server's errors in the older type.
    if case .server(let server) = error as? PostgresError, let message = server.fields[.message] {
      return message
    }
    return String(reflecting: error)
  }

  /// The SQLSTATE of a server error, of either of PostgresNIO's error types.
  static func sqlState(_ error: any Error) -> String? {
    if let error = error as? PSQLError { return error.serverInfo?[.sqlState] }
    if case .server(let server) = error as? PostgresError { return server.fields[.sqlState] }
    return nil
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

  /// Runs `work` in a transaction; one that lost a race with another replica (a unique constraint, a serialization
  /// failure, a deadlock, a cached plan of tables another replica migrated) runs again, up to ten times, after a
  /// short random pause.
  /// With `transaction: false`, `work` is one statement (atomic by itself, as a function call is), run without the
  /// round trips of `BEGIN` and `COMMIT`.
  public func write<T: Sendable>(_ work: @escaping @Sendable (PostgresSession) async throws -> T)
    async throws(BrokerError) -> T
  {
    try await write(transaction: true, work)
  }

  func write<T: Sendable>(
    transaction: Bool, _ work: @escaping @Sendable (PostgresSession) async throws -> T
  ) async throws(BrokerError) -> T {
    var attempt = 0
    while true {
      attempt += 1
      do {
        if !transaction {
          return try await client.withConnection { connection in try await work(session(connection)) }
        }
        return try await client.withTransaction(logger: logger) { connection in
          try await work(session(connection))
        }
      } catch {
        // An error of the work comes wrapped; the transaction was rolled back.
        let cause = (error as? PostgresTransactionError).flatMap { $0.closureError ?? $0.commitError } ?? error
        if let cause = cause as? BrokerError { throw cause }
        if attempt < 10, Self.isRace(cause) {
          try? await Task.sleep(for: .milliseconds(Int.random(in: 1...(5 * attempt))))
          continue
        }
        throw .storage("the PostgreSQL database failed: \(Self.describe(cause))")
      }
    }
  }

  /// A session on `connection` with this store's prepared statements.
  func session(_ connection: PostgresConnection) -> PostgresSession {
    PostgresSession(connection: connection, logger: logger, statements: statements)
  }

  /// The connection of a ``reading(_:)`` under way, for the reads it makes.
  struct Bound: Sendable {
    let store: ObjectIdentifier
    let session: PostgresSession
  }

  @TaskLocal static var bound: Bound?

  public func reading<T: Sendable>(_ body: @Sendable () async throws(BrokerError) -> T) async throws(BrokerError)
    -> T
  {
    if Self.bound?.store == ObjectIdentifier(self) { return try await body() }
    let outcome: Result<T, BrokerError>
    do {
      outcome = try await client.withConnection { connection in
        await Self.$bound.withValue(Bound(store: ObjectIdentifier(self), session: session(connection))) {
          do throws(BrokerError) { return .success(try await body()) } catch { return .failure(error) }
        }
      }
    } catch {
      throw .storage("the PostgreSQL database failed: \(Self.describe(error))")
    }
    return try outcome.get()
  }

  /// Runs `work` on a pooled connection outside a transaction (the connection of a ``reading(_:)`` under way, if
  /// any); once again if a statement's cached plan no longer fits the tables (another replica migrated them).
  public func read<T: Sendable>(_ work: @escaping @Sendable (PostgresSession) async throws -> T)
    async throws(BrokerError) -> T
  {
    var attempt = 0
    while true {
      attempt += 1
      do {
        if let bound = Self.bound, bound.store == ObjectIdentifier(self) { return try await work(bound.session) }
        return try await client.withConnection { connection in
          try await work(session(connection))
        }
      } catch let error as BrokerError {
        throw error
      } catch {
        if attempt < 3, Self.sqlState(error) == "0A000" { continue }
        throw .storage("the PostgreSQL database failed: \(Self.describe(error))")
      }
    }
  }

  /// Runs one statement outside a transaction (`CREATE DATABASE`, for tests and tools).
  func execute(unsafeSQL sql: String) async throws(BrokerError) {
    do {
      try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger)
    } catch {
      throw .storage("the PostgreSQL database failed: \(Self.describe(error))")
    }
  }

  /// Vacuums the table, as autovacuum would have long before in a database that grew this large.
  public func settle(after table: String) async throws(BrokerError) {
    try await execute(unsafeSQL: "VACUUM ANALYZE \(table)")
  }

  static func isRace(_ error: any Error) -> Bool {
    guard let code = sqlState(error) else { return false }
    return code == "23505" || code == "40001" || code == "40P01" || code == "0A000"
  }

}

extension SQLBrokerStore where Database == PostgresDatabase {
  /// Errors only: the pool's own notices are not for the broker's users.
  public static var quietLogger: Logger {
    var logger = Logger(label: "accord.broker.postgres")
    logger.logLevel = .error
    return logger
  }

  /// Stops the connection pool.
  public func close() { database.close() }

  /// The URL it was connected with.
  public var url: String { database.url }

  /// Runs one statement outside a transaction (`CREATE DATABASE`, for tests and tools).
  public func execute(unsafeSQL sql: String) async throws(BrokerError) {
    try await database.execute(unsafeSQL: sql)
  }

  /// Connects to `url` (`postgres://user:password@host:port/database`, `?sslmode=disable|require`), and migrates
  /// the database unless `migrating` is false (an administrative connection, e.g. to create databases).
  public static func connect(
    url: String, migrating: Bool = true, logger: Logger = PostgresBrokerStore.quietLogger
  ) async throws(BrokerError) -> PostgresBrokerStore {
    let configuration = try configuration(url)
    let database = PostgresDatabase(
      client: PostgresClient(configuration: configuration, backgroundLogger: logger), url: url, logger: logger)
    do {
      if migrating { try await database.migrate() }
    } catch {
      database.close()
      throw .storage("cannot use the PostgreSQL database at \(redacted(url)): \(PostgresDatabase.describe(error))")
    }
    return PostgresBrokerStore(database: database)
  }

  /// Connects to the broker database at `url` for maintenance (`accord broker clean`): never creates tables or
  /// migrates them. A database without the broker's tables, or with a schema from another Accord version, is an
  /// error that names it and says how to start a broker there.
  ///
  /// ```swift
  /// let store = try await PostgresBrokerStore.connectExisting(url: "postgres://accord@db/accord")
  /// ```
  public static func connectExisting(
    url: String, logger: Logger = PostgresBrokerStore.quietLogger
  ) async throws(BrokerError) -> PostgresBrokerStore {
    let store = try await connect(url: url, migrating: false, logger: logger)
    let known = Set(PostgresSchema.migrations.map(\.version))
    let applied: Set<Int64>
    do {
      applied = try await store.database.client.withConnection { connection in
        let session = PostgresSession(connection: connection, logger: logger)
        guard try await session.exists("to_regclass('accord_migrations') IS NOT NULL", []) else { return [] }
        return Set(try await session.ints("SELECT version FROM accord_migrations"))
      }
    } catch {
      store.close()
      throw .storage("cannot use the PostgreSQL database at \(redacted(url)): \(PostgresDatabase.describe(error))")
    }
    let start = "`accord broker --database \(redacted(url))`"
    var problem: BrokerError?
    if applied.isEmpty {
      problem = .notFound(
        "the PostgreSQL database at \(redacted(url)) has no broker tables; start a broker on it first (\(start)), "
          + "or check the URL")
    } else if !applied.isSubset(of: known) {
      problem = .invalid(
        "the PostgreSQL database at \(redacted(url)) was written by a newer Accord than this one; use that version")
    } else if applied != known {
      problem = .invalid(
        "the PostgreSQL database at \(redacted(url)) was written by an older Accord; run \(start) once to upgrade "
          + "it, then try again")
    }
    if let problem {
      store.close()
      throw problem
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
    // Every query is a parameterised index lookup: plan it once per connection, not per call (PostgreSQL 12+).
    configuration.options.additionalStartupParameters = [("plan_cache_mode", "force_generic_plan")]
    return configuration
  }

  /// The URL without its password, for messages.
  public static func redacted(_ url: String) -> String {
    guard var components = URLComponents(string: url), components.password != nil else { return url }
    components.password = "***"
    return components.string ?? url
  }
}
