/// One database connection, inside a transaction or not, as the broker's queries see it: statements written once
/// with `?` placeholders (bound in order), the dialect's differences asked of ``dialect``.
///
/// ```swift
/// let id = try await session.int("SELECT id FROM pacticipants WHERE name = ?", [.text(name)])
/// ```
public protocol SQLSession: Sendable {
  associatedtype Row: SQLRow
  var dialect: SQLDialect { get }
  /// Runs one statement; its rows (a statement without `RETURNING` has none).
  func rows(_ sql: String, _ arguments: [SQLValue]) async throws -> [Row]
}

extension SQLSession {
  public func rows(_ sql: String) async throws -> [Row] { try await rows(sql, []) }

  /// Runs one statement for its effect.
  public func execute(_ sql: String, _ arguments: [SQLValue] = []) async throws {
    _ = try await rows(sql, arguments)
  }

  /// The first column of the first row, `nil` when there is no row or it is `NULL`.
  public func int(_ sql: String, _ arguments: [SQLValue] = []) async throws -> Int64? {
    try await rows(sql, arguments).first?.firstInt()
  }

  /// Whether `condition` (an expression, e.g. `EXISTS (…)`) holds.
  public func exists(_ condition: String, _ arguments: [SQLValue]) async throws -> Bool {
    try await int("SELECT CASE WHEN \(condition) THEN 1 ELSE 0 END", arguments) == 1
  }
}
