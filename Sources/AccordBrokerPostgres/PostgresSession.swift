import AccordBrokerSQL
import Foundation
import PostgresNIO

extension SQLValue {
  /// The value for a prepared statement, whose parameter types PostgreSQL inferred from the query (the columns
  /// compared with, of the same types as these).
  var data: PostgresData {
    switch self {
    case .text(let value?): PostgresData(string: value)
    case .int(let value?): PostgresData(int64: value)
    case .double(let value?): PostgresData(double: value)
    case .bool(let value?): PostgresData(bool: value)
    case .text(nil): PostgresData(type: .text)
    case .int(nil): PostgresData(type: .int8)
    case .double(nil): PostgresData(type: .float8)
    case .bool(nil): PostgresData(type: .bool)
    case .ints(let values): PostgresData(array: values.map { PostgresData(int64: $0) }, elementType: .int8)
    case .texts(let values): PostgresData(array: values.map { PostgresData(string: $0) }, elementType: .text)
    case .rows: PostgresData(string: json)  // split into column arrays before binding (`columns`)
    }
  }
}

/// One connection inside a transaction (or not): queries written with `?` placeholders, as the SQLite store's are,
/// bound in order.
public struct PostgresSession: SQLSession {
  public typealias Row = PostgresRandomAccessRow
  let connection: PostgresConnection
  let logger: Logger
  /// Where statements with arguments are prepared once per connection; `nil` runs every statement unprepared
  /// (migrations, administration).
  var statements: PreparedStatements? = nil

  /// `sql` with its `?`s numbered `$1`, `$2`, … as PostgreSQL writes them.
  static func numbered(_ sql: String) -> String {
    var text = ""
    var number = 0
    for character in sql {
      if character == "?" {
        number += 1
        text += "$\(number)"
      } else {
        text.append(character)
      }
    }
    return text
  }

  static func query(_ sql: String, _ arguments: [SQLValue]) -> PostgresQuery {
    let text = numbered(sql)
    var bindings = PostgresBindings(capacity: arguments.count)
    for argument in arguments {
      switch argument {
      case .text(let value?): bindings.append(value)
      case .int(let value?): bindings.append(value)
      case .double(let value?): bindings.append(value)
      case .bool(let value?): bindings.append(value)
      case .ints(let values): bindings.append(values)
      case .texts(let values): bindings.append(values)
      case .rows: bindings.append(argument.json)  // split into column arrays before binding (`columns`)
      case .text(nil), .int(nil), .double(nil), .bool(nil): bindings.appendNull()
      }
    }
    return PostgresQuery(unsafeSQL: text, binds: bindings)
  }

  public var dialect: SQLDialect { .postgres }

  /// The arguments with each ``SQLValue/rows(_:)`` split into one array per column, as ``SQLDialect/zip(_:as:)``
  /// reads them in PostgreSQL.
  static func columns(_ arguments: [SQLValue]) -> [SQLValue] {
    guard arguments.contains(where: { if case .rows = $0 { true } else { false } }) else { return arguments }
    return arguments.flatMap { argument -> [SQLValue] in
      guard case .rows(let rows) = argument, let first = rows.first else { return [argument] }
      return first.indices.map { column in
        if case .int = first[column] {
          return .ints(rows.map { row in if case .int(let value?) = row[column] { value } else { 0 } })
        }
        return .texts(rows.map { row in if case .text(let value?) = row[column] { value } else { "" } })
      }
    }
  }

  public func rows(_ sql: String, _ arguments: [SQLValue]) async throws -> [PostgresRandomAccessRow] {
    let arguments = Self.columns(arguments)
    if !arguments.isEmpty, let statements {
      if let prepared = try await statements.prepared(sql, on: connection) {
        do {
          return try await prepared.execute(arguments.map(\.data)).get().map { $0.makeRandomAccess() }
        } catch {
          // "cached plan must not change result type": the tables changed under the statement.
          if PostgresDatabase.sqlState(error) == "0A000" { statements.forget(sql, on: connection) }
          throw error
        }
      }
    }
    var result: [PostgresRandomAccessRow] = []
    for try await row in try await connection.query(Self.query(sql, arguments), logger: logger) {
      result.append(row.makeRandomAccess())
    }
    return result
  }

  func ints(_ sql: String, _ arguments: [SQLValue] = []) async throws -> [Int64] {
    try await rows(sql, arguments).map { try $0.get(at: 0, as: Int64.self) }
  }
}

extension PostgresRandomAccessRow: SQLRow {
  public func optionalInt(_ column: String) throws -> Int64? { try get(column) }
  public func optionalDouble(_ column: String) throws -> Double? { try get(column) }
  public func optionalString(_ column: String) throws -> String? { try get(column) }
  public func optionalBool(_ column: String) throws -> Bool? { try get(column) }
  public func strings(_ column: String) throws -> [String] { try get(column) }
  public func firstInt() throws -> Int64? { try get(at: 0) }

  func get<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
    guard contains(column) else { throw SQLColumnError(column: column) }
    return try Self.binary(self[column]).decode(T.self)
  }

  func get<T: PostgresDecodable>(at index: Int, as type: T.Type = T.self) throws -> T {
    try Self.binary(self[index]).decode(T.self)
  }

  /// The cell as what it is: PostgresNIO asks for every result in binary, but labels the columns of a statement
  /// prepared through `prepare(query:)` with the format of its description (text).
  static func binary(_ cell: PostgresCell) -> PostgresCell {
    guard cell.format != .binary else { return cell }
    return PostgresCell(
      bytes: cell.bytes, dataType: cell.dataType, format: .binary, columnName: cell.columnName,
      columnIndex: cell.columnIndex)
  }

}
