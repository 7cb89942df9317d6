import AccordModel

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
  /// A list of strings, read in SQL through ``SQLDialect/isIn(_:)`` or ``SQLDialect/each(as:type:)``.
  case texts([String])
  /// Rows of values, read in SQL through ``SQLDialect/zip(_:as:)``; bound as one JSON array of arrays.
  case rows([[SQLValue]])
}

extension SQLValue {
  /// The value as JSON text, for databases that take lists as JSON.
  public var json: String {
    switch self {
    case .text(let text?): JSONValue.string(text).serialized()
    case .int(let int?): String(int)
    case .double(let double?): JSONValue.double(double).serialized()
    case .bool(let bool?): bool ? "true" : "false"
    case .text(nil), .int(nil), .double(nil), .bool(nil): "null"
    case .ints(let ints): "[" + ints.map(String.init).joined(separator: ",") + "]"
    case .texts(let texts): JSONValue.array(texts.map(JSONValue.string)).serialized()
    case .rows(let rows):
      "[" + rows.map { "[" + $0.map(\.json).joined(separator: ",") + "]" }.joined(separator: ",") + "]"
    }
  }
}
