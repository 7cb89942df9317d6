/// A value bound to a `?` of a query, the same for every database.
///
/// ```swift
/// try await session.rows("SELECT id FROM versions WHERE \(dialect.isIn("id"))", [.ints(ids)])
/// ```
public enum SQLValue: Sendable, Hashable {
  case text(String?)
  case int(Int64?)
  case double(Double?)
  case bool(Bool?)
  /// A list of integers, read in SQL through ``SQLDialect/isIn(_:)`` or ``SQLDialect/zip(_:as:)``.
  case ints([Int64])
  /// A list of strings, read in SQL through ``SQLDialect/isIn(_:)``, ``SQLDialect/each(as:)`` or
  /// ``SQLDialect/zip(_:as:)``.
  case texts([String])
}
