import Foundation
import PostgresNIO

/// A value bound to a `?` of a query.
enum SQLValue: Sendable {
  case text(String?)
  case int(Int64?)
  case double(Double?)
  case bool(Bool?)
}

/// One connection inside a transaction (or not): queries written with `?` placeholders, as the SQLite store's are,
/// bound in order.
struct PostgresSession {
  let connection: PostgresConnection
  let logger: Logger

  static func query(_ sql: String, _ arguments: [SQLValue]) -> PostgresQuery {
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
    var bindings = PostgresBindings(capacity: arguments.count)
    for argument in arguments {
      switch argument {
      case .text(let value?): bindings.append(value)
      case .int(let value?): bindings.append(value)
      case .double(let value?): bindings.append(value)
      case .bool(let value?): bindings.append(value)
      case .text(nil), .int(nil), .double(nil), .bool(nil): bindings.appendNull()
      }
    }
    return PostgresQuery(unsafeSQL: text, binds: bindings)
  }

  func rows(_ sql: String, _ arguments: [SQLValue] = []) async throws -> [PostgresRandomAccessRow] {
    var result: [PostgresRandomAccessRow] = []
    for try await row in try await connection.query(Self.query(sql, arguments), logger: logger) {
      result.append(row.makeRandomAccess())
    }
    return result
  }

  func execute(_ sql: String, _ arguments: [SQLValue] = []) async throws {
    _ = try await rows(sql, arguments)
  }

  func int(_ sql: String, _ arguments: [SQLValue] = []) async throws -> Int64? {
    try await rows(sql, arguments).first.flatMap { row in try row[0].decode(Int64?.self) }
  }

  func ints(_ sql: String, _ arguments: [SQLValue] = []) async throws -> [Int64] {
    try await rows(sql, arguments).map { try $0[0].decode(Int64.self) }
  }

  func string(_ sql: String, _ arguments: [SQLValue] = []) async throws -> String? {
    try await rows(sql, arguments).first.flatMap { row in try row[0].decode(String?.self) }
  }

  func strings(_ sql: String, _ arguments: [SQLValue] = []) async throws -> [String] {
    try await rows(sql, arguments).map { try $0[0].decode(String.self) }
  }

  func bool(_ sql: String, _ arguments: [SQLValue] = []) async throws -> Bool {
    try await rows(sql, arguments).first.flatMap { row in try row[0].decode(Bool?.self) } ?? false
  }
}

extension PostgresRandomAccessRow {
  func get<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
    try self[column].decode(T.self)
  }

  func date(_ column: String) throws -> Date { Date(timeIntervalSince1970: try get(column, as: Double.self)) }

  func optionalDate(_ column: String) throws -> Date? {
    try get(column, as: Double?.self).map { Date(timeIntervalSince1970: $0) }
  }
}
