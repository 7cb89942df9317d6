import GRDB

/// Queries through GRDB's statement cache: a statement is compiled once per connection, not at every call
/// (compiling, with GRDB's authorizer, cost more than running these indexed queries).
extension Database {
  func cachedRows(sql: String, arguments: StatementArguments = []) throws -> [Row] {
    try Row.fetchAll(cachedStatement(sql: sql), arguments: arguments)
  }

  func cachedRow(sql: String, arguments: StatementArguments = []) throws -> Row? {
    try Row.fetchOne(cachedStatement(sql: sql), arguments: arguments)
  }

  func cachedValue<T: DatabaseValueConvertible & StatementColumnConvertible>(
    _ type: T.Type, sql: String, arguments: StatementArguments = []
  ) throws -> T? {
    try T.fetchOne(cachedStatement(sql: sql), arguments: arguments)
  }

  func cachedValues<T: DatabaseValueConvertible & StatementColumnConvertible>(
    _ type: T.Type, sql: String, arguments: StatementArguments = []
  ) throws -> [T] {
    try T.fetchAll(cachedStatement(sql: sql), arguments: arguments)
  }

  func cachedExecute(sql: String, arguments: StatementArguments = []) throws {
    try cachedStatement(sql: sql).execute(arguments: arguments)
  }
}
