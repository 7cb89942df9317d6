import Foundation

/// One row of a result, read by column name. A value of another type than asked, or a `NULL` where a value is
/// required, is an error (never a crash): the store reports it as a storage failure.
///
/// ```swift
/// let id = try row.int("id")
/// let branches = try row.strings("branches")   // a column made by SQLDialect.list(_:from:)
/// ```
public protocol SQLRow {
  func optionalInt(_ column: String) throws -> Int64?
  func optionalDouble(_ column: String) throws -> Double?
  func optionalString(_ column: String) throws -> String?
  func optionalBool(_ column: String) throws -> Bool?
  /// A column made by ``SQLDialect/list(_:from:)``.
  func strings(_ column: String) throws -> [String]
  /// The first column, whatever its name: the answer of `SELECT COUNT(*)`, `SELECT id`.
  func firstInt() throws -> Int64?
}

/// A required value that was `NULL` or of another type.
public struct SQLColumnError: Error, CustomStringConvertible {
  public var column: String
  public var description: String { "the column \(column) is NULL or of an unexpected type" }
  public init(column: String) { self.column = column }
}

extension SQLRow {
  public func int(_ column: String) throws -> Int64 {
    guard let value = try optionalInt(column) else { throw SQLColumnError(column: column) }
    return value
  }

  public func double(_ column: String) throws -> Double {
    guard let value = try optionalDouble(column) else { throw SQLColumnError(column: column) }
    return value
  }

  public func string(_ column: String) throws -> String {
    guard let value = try optionalString(column) else { throw SQLColumnError(column: column) }
    return value
  }

  public func bool(_ column: String) throws -> Bool {
    guard let value = try optionalBool(column) else { throw SQLColumnError(column: column) }
    return value
  }

  /// Dates are stored as seconds since 1970 (a `REAL` / `DOUBLE PRECISION`).
  public func date(_ column: String) throws -> Date { Date(timeIntervalSince1970: try double(column)) }

  public func optionalDate(_ column: String) throws -> Date? {
    try optionalDouble(column).map { Date(timeIntervalSince1970: $0) }
  }
}
