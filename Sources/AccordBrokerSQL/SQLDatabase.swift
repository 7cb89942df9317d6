import AccordBroker

/// A database the broker's store runs on: sessions for reads and for transactions, and the dialect they speak. The
/// SQLite and PostgreSQL modules each give one; ``SQLBrokerStore`` does the rest, once.
public protocol SQLDatabase: Sendable {
  associatedtype Session: SQLSession
  var dialect: SQLDialect { get }

  /// Runs `work` outside a transaction. A failure of the database is ``BrokerError/storage(_:)``; a
  /// ``BrokerError`` thrown by `work` comes out as it is.
  func read<T: Sendable>(_ work: @escaping @Sendable (Session) async throws -> T) async throws(BrokerError) -> T

  /// Runs `work` in one transaction: all of it is written, or none. A transaction that lost a race with another
  /// process on the same database (a unique constraint, a serialization failure) may be run again.
  func write<T: Sendable>(_ work: @escaping @Sendable (Session) async throws -> T) async throws(BrokerError) -> T

  /// Runs `body`, an answer made of several reads, on one connection where that saves round trips.
  func reading<T: Sendable>(_ body: @Sendable () async throws(BrokerError) -> T) async throws(BrokerError) -> T

  /// After a bulk load of `table` (benchmarks): what the database would have done in the background long before
  /// (a checkpoint, a vacuum), so that timings do not include it.
  func settle(after table: String) async throws(BrokerError)
}
