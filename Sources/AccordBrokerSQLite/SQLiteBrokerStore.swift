import AccordBroker
import AccordBrokerSQL
import AccordModel
import Foundation
import GRDB

/// The broker's embedded store: one SQLite file (WAL, foreign keys on, migrations at open), or memory for tests.
/// The queries are ``SQLBrokerStore``'s, shared with PostgreSQL.
///
/// Every write runs in one immediate transaction, so an acknowledged write is on disk and a failed one leaves
/// nothing half done.
///
/// ```swift
/// let store = try SQLiteBrokerStore(path: "accord-broker.sqlite")
/// let memory = try SQLiteBrokerStore.inMemory()
/// ```
public typealias SQLiteBrokerStore = SQLBrokerStore<SQLiteDatabase>

extension SQLBrokerStore where Database == SQLiteDatabase {
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

  /// Opens the broker database at `path` for maintenance (`accord broker clean`): never creates or migrates one.
  ///
  /// A path that does not exist, a file that is not a SQLite database, or one without the broker's tables (or with
  /// a schema from another Accord version) is an error that names the path and says how to start a broker there.
  ///
  /// ```swift
  /// let store = try SQLiteBrokerStore(existingPath: "/var/lib/accord/broker.sqlite")
  /// ```
  public convenience init(existingPath path: String) throws(BrokerError) {
    let start = "start a broker on it first (`accord broker --database sqlite:\(path)`), or check the path"
    guard FileManager.default.fileExists(atPath: path) else {
      let base =
        path.hasPrefix("/") ? "" : " (in \(PrintSafe.quoted(FileManager.default.currentDirectoryPath)))"
      throw .notFound("there is no broker database at \(PrintSafe.quoted(path))\(base); \(start)")
    }
    let state: SQLiteSchema.State
    do {
      // Read-only first: a file that is not the broker's is left exactly as it was.
      var readOnly = Self.configuration
      readOnly.readonly = true
      state = try DatabaseQueue(path: path, configuration: readOnly).read { db in try SQLiteSchema.state(db) }
    } catch {
      throw .storage(
        "cannot open \(PrintSafe.quoted(path)) as a SQLite database: \(error); give the broker's database file")
    }
    switch state {
    case .current: break
    case .empty:
      throw .notFound(
        "\(PrintSafe.quoted(path)) is a SQLite database without the broker's tables; \(start)")
    case .older:
      throw .invalid(
        "\(PrintSafe.quoted(path)) was written by an older Accord; run `accord broker --database sqlite:\(path)` "
          + "once to upgrade it, then try again")
    case .newer:
      throw .invalid(
        "\(PrintSafe.quoted(path)) was written by a newer Accord than this one (\(AccordVersion.current)); use "
          + "that version")
    }
    do {
      try self.init(writer: DatabasePool(path: path, configuration: Self.configuration), migrating: false)
    } catch let error as BrokerError {
      throw error
    } catch {
      throw .storage("cannot open the SQLite database \(PrintSafe.quoted(path)): \(error); check it is writable")
    }
  }

  convenience init(writer: any DatabaseWriter, migrating: Bool = true) throws(BrokerError) {
    if migrating {
      do {
        try SQLiteSchema.migrator.migrate(writer)
      } catch {
        throw .storage("cannot migrate the SQLite database: \(error)")
      }
    }
    self.init(database: SQLiteDatabase(writer: writer))
  }

  static var configuration: Configuration {
    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    configuration.busyMode = .timeout(10)
    configuration.label = "accord-broker"
    // A transaction spans several accesses (see SQLiteDatabase): GRDB must let it stay open between them.
    configuration.allowsUnsafeTransactions = true
    return configuration
  }

  /// Runs SQLite's own integrity check; the messages it returns (`["ok"]` when sound).
  public func integrityCheck() async throws(BrokerError) -> [String] {
    try await database.read { session in
      try await session.rows("PRAGMA integrity_check").map { try $0.string("integrity_check") }
    }
  }

}
