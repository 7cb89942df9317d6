import GRDB

/// The SQLite schema, as versioned migrations that run when a store opens a database. A migration is never
/// changed once released; a new one is added.
enum SQLiteSchema {
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("1 pacticipants, versions, pacts, verifications, environments") { db in
      for statement in version1 { try db.execute(sql: statement) }
    }
    migrator.registerMigration("2 current deployments and releases by pacticipant") { db in
      for statement in version2 { try db.execute(sql: statement) }
    }
    migrator.registerMigration("3 webhooks, their deliveries and attempts") { db in
      for statement in version3 { try db.execute(sql: statement) }
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

  /// Versions are ordered by `id` (assigned in the order they are created); every list query is served by an index.
  static let version1 = [
    """
    CREATE TABLE pacticipants (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL UNIQUE,
      display_name TEXT, main_branch TEXT, repository_url TEXT,
      created_at REAL NOT NULL, updated_at REAL NOT NULL)
    """,
    """
    CREATE TABLE versions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      pacticipant_id INTEGER NOT NULL REFERENCES pacticipants(id) ON DELETE CASCADE,
      number TEXT NOT NULL, build_url TEXT, created_at REAL NOT NULL,
      UNIQUE (pacticipant_id, number))
    """,
    "CREATE INDEX versions_latest ON versions (pacticipant_id, id)",
    """
    CREATE TABLE branch_versions (
      version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
      pacticipant_id INTEGER NOT NULL, branch TEXT NOT NULL, created_at REAL NOT NULL,
      PRIMARY KEY (version_id, branch))
    """,
    "CREATE INDEX branch_versions_latest ON branch_versions (pacticipant_id, branch, version_id)",
    """
    CREATE TABLE tags (
      version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
      pacticipant_id INTEGER NOT NULL, name TEXT NOT NULL, created_at REAL NOT NULL,
      PRIMARY KEY (version_id, name))
    """,
    "CREATE INDEX tags_latest ON tags (pacticipant_id, name, version_id)",
    """
    CREATE TABLE pact_contents (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      sha TEXT NOT NULL UNIQUE, content TEXT NOT NULL, created_at REAL NOT NULL)
    """,
    """
    CREATE TABLE pact_publications (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      consumer_id INTEGER NOT NULL REFERENCES pacticipants(id) ON DELETE CASCADE,
      provider_id INTEGER NOT NULL REFERENCES pacticipants(id) ON DELETE CASCADE,
      consumer_version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
      content_id INTEGER NOT NULL REFERENCES pact_contents(id),
      created_at REAL NOT NULL,
      UNIQUE (consumer_version_id, provider_id))
    """,
    "CREATE INDEX pact_publications_latest ON pact_publications (provider_id, consumer_id, consumer_version_id)",
    "CREATE INDEX pact_publications_content ON pact_publications (content_id)",
    """
    CREATE TABLE verifications (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      content_id INTEGER NOT NULL REFERENCES pact_contents(id),
      number INTEGER NOT NULL,
      provider_id INTEGER NOT NULL REFERENCES pacticipants(id) ON DELETE CASCADE,
      consumer_id INTEGER NOT NULL REFERENCES pacticipants(id) ON DELETE CASCADE,
      provider_version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
      success INTEGER NOT NULL, build_url TEXT, test_results TEXT, verified_by TEXT, executed_at REAL NOT NULL,
      UNIQUE (content_id, number))
    """,
    "CREATE INDEX verifications_by_provider_version ON verifications (content_id, provider_version_id, id)",
    "CREATE INDEX verifications_successful ON verifications (content_id, success, provider_version_id)",
    "CREATE INDEX verifications_of_version ON verifications (provider_version_id)",
    """
    CREATE TABLE environments (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE, display_name TEXT,
      production INTEGER NOT NULL, created_at REAL NOT NULL, updated_at REAL NOT NULL)
    """,
    """
    CREATE TABLE deployed_versions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      uuid TEXT NOT NULL UNIQUE,
      version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
      pacticipant_id INTEGER NOT NULL REFERENCES pacticipants(id) ON DELETE CASCADE,
      environment_id INTEGER NOT NULL REFERENCES environments(id) ON DELETE CASCADE,
      application_instance TEXT NOT NULL DEFAULT '',
      created_at REAL NOT NULL, undeployed_at REAL)
    """,
    """
    CREATE UNIQUE INDEX deployed_versions_current
      ON deployed_versions (environment_id, pacticipant_id, application_instance) WHERE undeployed_at IS NULL
    """,
    "CREATE INDEX deployed_versions_of_version ON deployed_versions (version_id)",
    """
    CREATE TABLE released_versions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      uuid TEXT NOT NULL UNIQUE,
      version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
      pacticipant_id INTEGER NOT NULL REFERENCES pacticipants(id) ON DELETE CASCADE,
      environment_id INTEGER NOT NULL REFERENCES environments(id) ON DELETE CASCADE,
      created_at REAL NOT NULL, support_ended_at REAL,
      UNIQUE (version_id, environment_id))
    """,
    "CREATE INDEX released_versions_current ON released_versions (environment_id, support_ended_at)",
  ]

  /// What is deployed or released of one pacticipant, without reading the environment's history of deployments.
  static let version2 = [
    """
    CREATE INDEX deployed_versions_current_of_pacticipant
      ON deployed_versions (pacticipant_id, environment_id) WHERE undeployed_at IS NULL
    """,
    """
    CREATE INDEX released_versions_current_of_pacticipant
      ON released_versions (pacticipant_id, environment_id) WHERE support_ended_at IS NULL
    """,
  ]

  /// Webhooks (consumer and provider by name: a webhook may name a pacticipant before it publishes), the deliveries
  /// queued for them, and each attempt's log.
  static let version3 = [
    """
    CREATE TABLE webhooks (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      uuid TEXT NOT NULL UNIQUE, description TEXT, consumer TEXT, provider TEXT,
      events TEXT NOT NULL, request TEXT NOT NULL, enabled INTEGER NOT NULL,
      created_at REAL NOT NULL, updated_at REAL NOT NULL)
    """,
    """
    CREATE TABLE webhook_deliveries (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      webhook_id INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
      event TEXT NOT NULL, parameters TEXT NOT NULL, status TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at REAL NOT NULL,
      claimed_by TEXT, claimed_until REAL, created_at REAL NOT NULL)
    """,
    "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at)",
    "CREATE INDEX webhook_deliveries_of_webhook ON webhook_deliveries (webhook_id, id)",
    """
    CREATE TABLE webhook_attempts (
      delivery_id INTEGER NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
      number INTEGER NOT NULL, started_at REAL NOT NULL, milliseconds INTEGER NOT NULL, request TEXT NOT NULL,
      status INTEGER, response_body TEXT, error TEXT, success INTEGER NOT NULL,
      PRIMARY KEY (delivery_id, number))
    """,
  ]
}
