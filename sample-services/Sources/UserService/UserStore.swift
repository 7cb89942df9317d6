import GRDB
import SampleKit

/// The users, in the service's own SQLite database.
public struct UserStore: Sendable {
  let database: ServiceDatabase

  /// Opens the store at `path` (memory when `nil`).
  public init(path: String? = nil) throws {
    database = try ServiceDatabase(path: path) { migrator in
      migrator.registerMigration("1 users") { db in
        try db.execute(
          sql: """
            CREATE TABLE users (
              id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE, tier TEXT NOT NULL)
            """)
      }
    }
  }

  public func user(id: Int) async throws -> User? {
    try await database.read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [id]).map(Self.user)
    }
  }

  /// Adds a user, or replaces the one with the same id.
  public func save(_ user: User) async throws {
    try await database.write { db in
      try db.execute(
        sql: "INSERT OR REPLACE INTO users (id, name, email, tier) VALUES (?, ?, ?, ?)",
        arguments: [user.id, user.name, user.email, user.tier])
    }
  }

  /// Adds a user with the next id.
  public func create(_ new: NewUser) async throws -> User {
    try await database.write { db in
      let id = (try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) + 1 FROM users")) ?? 1
      let user = User(id: id, name: new.name, email: new.email, tier: new.tier ?? "standard")
      try db.execute(
        sql: "INSERT INTO users (id, name, email, tier) VALUES (?, ?, ?, ?)",
        arguments: [user.id, user.name, user.email, user.tier])
      return user
    }
  }

  public func delete(id: Int) async throws {
    try await database.write { db in try db.execute(sql: "DELETE FROM users WHERE id = ?", arguments: [id]) }
  }

  static func user(_ row: Row) -> User {
    User(id: row["id"], name: row["name"], email: row["email"], tier: row["tier"])
  }
}
