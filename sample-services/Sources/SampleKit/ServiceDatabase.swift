import GRDB

/// A service's own storage: an embedded SQLite file, or memory in tests; migrated when opened.
///
/// ```swift
/// let database = try ServiceDatabase(path: nil) { migrator in
///   migrator.registerMigration("1 users") { db in try db.execute(sql: "CREATE TABLE users (...)") }
/// }
/// ```
public struct ServiceDatabase: Sendable {
  public let queue: DatabaseQueue

  /// Opens the file at `path` (memory when `nil`) and runs the migrations `register` adds.
  public init(path: String?, migrations register: (inout DatabaseMigrator) -> Void) throws {
    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    if let path {
      queue = try DatabaseQueue(path: path, configuration: configuration)
    } else {
      queue = try DatabaseQueue(configuration: configuration)
    }
    var migrator = DatabaseMigrator()
    register(&migrator)
    try migrator.migrate(queue)
  }

  public func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
    try await queue.read(body)
  }

  /// Runs `body` in one transaction.
  public func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
    try await queue.write(body)
  }
}
