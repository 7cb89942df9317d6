import AccordBroker
import AccordModel

/// The broker's store, written once for every SQL database: each use of ``BrokerStore`` and ``WebhookStore`` is
/// one query (or one transaction of a few) over a ``SQLDatabase``, which the SQLite and PostgreSQL modules give.
///
/// ```swift
/// let store = try SQLiteBrokerStore.inMemory()          // SQLBrokerStore<SQLiteDatabase>
/// let outcome = try await store.publish(publication)
/// ```
public final class SQLBrokerStore<Database: SQLDatabase>: BrokerStore, WebhookStore {
  /// Where the queries run.
  public let database: Database

  public init(database: Database) {
    self.database = database
  }

  var dialect: SQLDialect { database.dialect }

  func read<T: Sendable>(_ work: @escaping @Sendable (Database.Session) async throws -> T) async throws(BrokerError)
    -> T
  {
    try await database.read(work)
  }

  func write<T: Sendable>(_ work: @escaping @Sendable (Database.Session) async throws -> T) async throws(BrokerError)
    -> T
  {
    try await database.write(work)
  }

  public func reading<T: Sendable>(_ body: @Sendable () async throws(BrokerError) -> T) async throws(BrokerError)
    -> T
  {
    try await database.reading(body)
  }
}
