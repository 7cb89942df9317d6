/// Where SQLite and PostgreSQL differ, named: every query of the broker is written once and asks its dialect for
/// these pieces. Everything else (`ON CONFLICT … DO NOTHING`, `RETURNING`, `WITH RECURSIVE`, booleans as
/// predicates) both databases read alike.
///
/// ```swift
/// let sql = "SELECT * FROM versions WHERE \(dialect.isIn("id"))"   // bound with .ints([1, 2, 3])
/// ```
public enum SQLDialect: Sendable, Hashable {
  case sqlite
  case postgres

  /// `expression` is one of the list bound at this `?` (``SQLValue/ints(_:)`` or ``SQLValue/texts(_:)``): one
  /// statement whatever the list's length, so it is prepared once.
  public func isIn(_ expression: String) -> String {
    switch self {
    case .sqlite: "\(expression) IN (SELECT value FROM json_each(?))"
    case .postgres: "\(expression) = ANY(?)"
    }
  }

  /// The list bound at this `?` as a table `alias` with one column, `value`.
  public func each(as alias: String, type: ColumnType = .text) -> String {
    switch self {
    case .sqlite: "json_each(?) AS \(alias)"
    case .postgres: "unnest(?::\(self.type(type))[]) AS \(alias)(value)"
    }
  }

  /// The rows bound at this `?` (``SQLValue/rows(_:)``) as a table `alias` whose columns are named and typed by
  /// `columns`, in order. SQLite reads them as one JSON array; PostgreSQL as an array per column.
  public func zip(_ columns: [(name: String, type: ColumnType)], as alias: String) -> String {
    switch self {
    case .sqlite:
      let selects = columns.enumerated().map { index, column in "json_extract(r.value, '$[\(index)]') AS \(column.name)"
      }
      return "(SELECT \(selects.joined(separator: ", ")) FROM json_each(?) AS r) AS \(alias)"
    case .postgres:
      // One array per column (the session splits the rows): PostgreSQL estimates `unnest` of parameters at a few
      // rows and plans index lookups, where a JSON function's estimate of a hundred rows turns them into scans.
      let types = columns.map { "?::\(self.type($0.type))[]" }.joined(separator: ", ")
      return "unnest(\(types)) AS \(alias)(\(columns.map(\.name).joined(separator: ", ")))"
    }
  }

  /// The values of `column` in the rows of `rest` (`FROM … WHERE … ORDER BY …`, without `FROM`), as one column
  /// that ``SQLRow/strings(_:)`` reads: an array in PostgreSQL, a JSON array in SQLite.
  public func list(_ column: String, from rest: String) -> String {
    switch self {
    case .sqlite: "(SELECT json_group_array(value) FROM (SELECT \(column) AS value FROM \(rest)))"
    case .postgres: "ARRAY(SELECT \(column) FROM \(rest))"
    }
  }

  /// Joins, for each row so far, the first row of `table` (aliased `alias`) that satisfies `condition` (over `x`,
  /// which may name the rows so far) in `order`; rows without one drop out. PostgreSQL: a lateral join, planned as
  /// one index lookup per row. SQLite (no `LATERAL`): the row whose `id` a correlated subquery finds.
  ///
  /// ```swift
  /// dialect.joinFirst("verifications", as: "vr", where: "x.content_id = k.content_id", orderBy: "x.id DESC")
  /// ```
  public func joinFirst(_ table: String, as alias: String, where condition: String, orderBy order: String) -> String {
    switch self {
    case .sqlite:
      "JOIN \(table) \(alias) ON \(alias).id = (SELECT x.id FROM \(table) x WHERE \(condition) ORDER BY \(order) LIMIT 1)"
    case .postgres:
      "CROSS JOIN LATERAL (SELECT x.* FROM \(table) x WHERE \(condition) ORDER BY \(order) LIMIT 1) \(alias)"
    }
  }

  /// `rows` (a table and its alias), each with the distinct `columns` of `source` that satisfy `condition` (which
  /// relates the two), as one table `alias`: list in `columns` whatever later clauses read of `rows`, and read it
  /// through `alias`. PostgreSQL: a lateral join, so `source` is searched by its index once per row (joined plainly,
  /// PostgreSQL hashes the whole of `source` when it expects many rows, as it does of a recursive CTE). SQLite (no
  /// `LATERAL`): one derived table of both, which SQLite searches in the same order.
  ///
  /// ```swift
  /// dialect.joinDistinct(
  ///   "consumers cs", "cs.consumer_id, b.branch", from: "branch_versions b",
  ///   where: "b.pacticipant_id = cs.consumer_id", as: "br")
  /// ```
  public func joinDistinct(
    _ rows: String, _ columns: String, from source: String, where condition: String, as alias: String
  ) -> String {
    switch self {
    case .sqlite:
      "(SELECT DISTINCT \(columns) FROM \(rows), \(source) WHERE \(condition)) \(alias)"
    case .postgres:
      "\(rows) CROSS JOIN LATERAL (SELECT DISTINCT \(columns) FROM \(source) WHERE \(condition)) \(alias)"
    }
  }

  /// The larger of two values.
  public func greatest(_ first: String, _ second: String) -> String {
    switch self {
    case .sqlite: "MAX(\(first), \(second))"
    case .postgres: "GREATEST(\(first), \(second))"
    }
  }

  /// After a `SELECT` in a transaction: its rows are locked until commit, so that another process's transaction
  /// reading them waits. SQLite has one writer at a time: nothing to lock.
  public var forUpdate: String {
    switch self {
    case .sqlite: ""
    case .postgres: " FOR UPDATE"
    }
  }

  /// After a `SELECT` in a transaction: lock its rows, passing over rows another process's transaction has locked
  /// (replicas claiming work each take a different row instead of waiting on one another).
  public var forUpdateSkipLocked: String {
    switch self {
    case .sqlite: ""
    case .postgres: " FOR UPDATE SKIP LOCKED"
    }
  }

  /// The types columns are declared with, named as in the schema.
  public enum ColumnType: Sendable {
    /// A key assigned in the order rows are inserted.
    case identity
    case int
    case real
    case text
    case bool
  }

  /// The column type in a `CREATE TABLE` (or a cast) of this dialect.
  public func type(_ type: ColumnType) -> String {
    switch (self, type) {
    case (.sqlite, .identity): "INTEGER PRIMARY KEY AUTOINCREMENT"
    case (.sqlite, .int), (.sqlite, .bool): "INTEGER"
    case (.sqlite, .real): "REAL"
    case (.sqlite, .text): "TEXT"
    case (.postgres, .identity): "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
    case (.postgres, .int): "BIGINT"
    case (.postgres, .real): "DOUBLE PRECISION"
    case (.postgres, .text): "TEXT"
    case (.postgres, .bool): "BOOLEAN"
    }
  }
}
