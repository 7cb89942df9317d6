import AccordBrokerSQL
import GRDB

/// The SQLite schema: ``BrokerSchema``'s migrations, run by GRDB's migrator when a store opens a database.
enum SQLiteSchema {
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    for migration in BrokerSchema.migrations(.sqlite) {
      migrator.registerMigration(migration.name) { db in
        for statement in migration.statements { try db.execute(sql: statement) }
      }
    }
    return migrator
  }

  /// How a database's schema stands against this version's migrations.
  enum State {
    /// No broker migration has run: a new or foreign database.
    case empty
    /// Some of this version's migrations have not run.
    case older
    /// Every migration has run.
    case current
    /// It holds migrations this version does not know.
    case newer
  }

  /// Reads the state without changing anything.
  static func state(_ db: Database) throws -> State {
    let migrator = self.migrator
    if try migrator.hasBeenSuperseded(db) { return .newer }
    if try migrator.appliedIdentifiers(db).isEmpty { return .empty }
    return try migrator.hasCompletedMigrations(db) ? .current : .older
  }
}
