import AccordBroker
import AccordBrokerSQL
import AccordModel
import Foundation
import GRDB
import Synchronization

/// The SQLite side of ``SQLBrokerStore``: GRDB runs the shared queries, each on the calling thread through GRDB's
/// statement cache (these indexed statements take microseconds, less than a hop to another thread).
///
/// A transaction spans several statements and the awaits between them: it is opened with `BEGIN IMMEDIATE` (the
/// file's write lock, waited for off the caller's thread), and one transaction at a time runs in the process (an
/// async lock), so no other write of this process lands inside it. Reads of a file database run beside it on
/// GRDB's reader connections (WAL); a database in memory has one connection, so its reads wait their turn too.
public final class SQLiteDatabase: SQLDatabase {
  let writer: any DatabaseWriter
  let lock = TransactionLock()
  /// One connection for reads and writes (a database in memory): reads take the lock too.
  let sharedConnection: Bool

  init(writer: any DatabaseWriter) {
    self.writer = writer
    sharedConnection = !(writer is DatabasePool)
  }

  public var dialect: SQLDialect { .sqlite }

  public func read<T: Sendable>(_ work: @escaping @Sendable (SQLiteSession) async throws -> T)
    async throws(BrokerError) -> T
  {
    if sharedConnection { await lock.lock() }
    defer { if sharedConnection { lock.unlock() } }
    do {
      return try await work(SQLiteSession(writer: writer, inTransaction: sharedConnection))
    } catch {
      throw Self.failure(error)
    }
  }

  public func write<T: Sendable>(_ work: @escaping @Sendable (SQLiteSession) async throws -> T)
    async throws(BrokerError) -> T
  {
    await lock.lock()
    defer { lock.unlock() }
    do {
      // Waiting for another process's write lock (busy timeout) happens on GRDB's queue, not the caller's thread.
      try await writer.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE TRANSACTION") }
    } catch {
      throw Self.failure(error)
    }
    let session = SQLiteSession(writer: writer, inTransaction: true)
    do {
      let value = try await work(session)
      try session.run { db in try db.execute(sql: "COMMIT TRANSACTION") }
      return value
    } catch {
      try? session.run { db in if db.isInsideTransaction { try db.execute(sql: "ROLLBACK TRANSACTION") } }
      throw Self.failure(error)
    }
  }

  public func reading<T: Sendable>(_ body: @Sendable () async throws(BrokerError) -> T) async throws(BrokerError)
    -> T
  {
    try await body()
  }

  /// Into the database file, as SQLite's automatic checkpoints would have done long before in a database that grew
  /// this large (readers of a long WAL look every page up in it).
  public func settle(after table: String) async throws(BrokerError) {
    do {
      _ = try await writer.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    } catch {
      throw Self.failure(error)
    }
  }

  static func failure(_ error: any Error) -> BrokerError {
    if let error = error as? BrokerError { return error }
    return .storage("the SQLite database failed: \(error)")
  }
}

/// A connection of ``SQLiteDatabase``: the writer's inside a transaction (or when reads share it), a reader's
/// otherwise.
public struct SQLiteSession: SQLSession {
  let writer: any DatabaseWriter
  let inTransaction: Bool

  public var dialect: SQLDialect { .sqlite }

  public func rows(_ sql: String, _ arguments: [SQLValue]) async throws -> [SQLiteRow] {
    let bound = StatementArguments(arguments.map(Self.value))
    return try run { db in
      let statement = try db.cachedStatement(sql: sql)
      var columns: [String: Int] = [:]
      for (index, name) in statement.columnNames.enumerated() where columns[name] == nil { columns[name] = index }
      var result: [SQLiteRow] = []
      let cursor = try GRDB.Row.fetchCursor(statement, arguments: bound)
      while let row = try cursor.next() {
        result.append(SQLiteRow(columns: columns, values: Array(row.databaseValues)))
      }
      return result
    }
  }

  /// Runs `work` now, on this thread (never a suspension: GRDB's sync access).
  func run<T>(_ work: (Database) throws -> T) throws -> T {
    inTransaction ? try writer.writeWithoutTransaction(work) : try writer.unsafeRead(work)
  }

  static func value(_ value: SQLValue) -> DatabaseValue {
    switch value {
    case .text(let text): text?.databaseValue ?? .null
    case .int(let int): int?.databaseValue ?? .null
    case .double(let double): double?.databaseValue ?? .null
    case .bool(let bool): bool.map { ($0 ? 1 : 0 as Int64).databaseValue } ?? .null
    case .ints, .texts, .rows: value.json.databaseValue
    }
  }
}

/// A row of ``SQLiteSession``: its values, and the index of each column name (shared by the rows of one result),
/// so that reading a column is one lookup.
public struct SQLiteRow: SQLRow {
  let columns: [String: Int]
  let values: [DatabaseValue]

  public func optionalInt(_ column: String) throws -> Int64? { try value(column) }
  public func optionalDouble(_ column: String) throws -> Double? { try value(column) }
  public func optionalString(_ column: String) throws -> String? { try value(column) }
  public func optionalBool(_ column: String) throws -> Bool? { try value(column, as: Int64.self).map { $0 != 0 } }

  /// A JSON array of strings (``SQLDialect/list(_:from:)``); one without escapes is split, not parsed.
  public func strings(_ column: String) throws -> [String] {
    guard let text: String = try value(column), text != "[]" else { return [] }
    // Without a backslash no value holds a quote, so the quotes are exactly the values' delimiters.
    if !text.utf8.contains(UInt8(ascii: "\\")), text.hasPrefix("[\""), text.hasSuffix("\"]") {
      let parts = text.dropFirst(2).dropLast(2).split(separator: "\"", omittingEmptySubsequences: false)
      return stride(from: 0, to: parts.count, by: 2).map { String(parts[$0]) }
    }
    guard case .array(let items) = try JSONValue(parsing: Data(text.utf8)) else { throw SQLColumnError(column: column) }
    return try items.map { item in
      guard let text = item.stringValue else { throw SQLColumnError(column: column) }
      return text
    }
  }

  public func firstInt() throws -> Int64? {
    guard let first = values.first, !first.isNull else { return nil }
    guard let int = Int64.fromDatabaseValue(first) else { throw SQLColumnError(column: "the first") }
    return int
  }

  /// The column's value, `nil` when NULL or absent; another type is an error.
  private func value<T: DatabaseValueConvertible>(_ column: String, as type: T.Type = T.self) throws -> T? {
    guard let index = columns[column] ?? columns[column.lowercased()] else { return nil }
    let value = values[index]
    if value.isNull { return nil }
    guard let converted = T.fromDatabaseValue(value) else { throw SQLColumnError(column: column) }
    return converted
  }
}

/// One holder at a time, waiting without holding a thread.
final class TransactionLock: Sendable {
  private let state = Mutex<(held: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

  func lock() async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let acquired = state.withLock { state in
        if state.held {
          state.waiters.append(continuation)
          return false
        }
        state.held = true
        return true
      }
      if acquired { continuation.resume() }
    }
  }

  func unlock() {
    let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
      if state.waiters.isEmpty {
        state.held = false
        return nil
      }
      return state.waiters.removeFirst()
    }
    next?.resume()
  }
}
