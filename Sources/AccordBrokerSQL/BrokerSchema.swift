/// The broker's tables, written once: each migration's statements in either dialect, the column types asked of
/// ``SQLDialect/type(_:)``. A migration is never changed once released; a new one is added.
///
/// Versions are ordered by `id` (assigned in the order they are created); dates are seconds since 1970; every
/// list query is served by an index.
///
/// ```swift
/// for migration in BrokerSchema.migrations(.postgres) { … migration.statements … }
/// ```
public enum BrokerSchema {
  /// One step of the schema: `version` orders the steps (PostgreSQL records it), `name` identifies it (GRDB's
  /// migrator records it).
  public struct Migration: Sendable {
    public var version: Int64
    public var name: String
    public var statements: [String]
  }

  public static func migrations(_ dialect: SQLDialect) -> [Migration] {
    let id = dialect.type(.identity)
    let int = dialect.type(.int)
    let real = dialect.type(.real)
    let bool = dialect.type(.bool)
    let tables = [
      """
      CREATE TABLE pacticipants (
        id \(id),
        name TEXT NOT NULL UNIQUE,
        display_name TEXT, main_branch TEXT, repository_url TEXT,
        created_at \(real) NOT NULL, updated_at \(real) NOT NULL)
      """,
      """
      CREATE TABLE versions (
        id \(id),
        pacticipant_id \(int) NOT NULL REFERENCES pacticipants(id) ON DELETE CASCADE,
        number TEXT NOT NULL, build_url TEXT, created_at \(real) NOT NULL,
        UNIQUE (pacticipant_id, number))
      """,
      "CREATE INDEX versions_latest ON versions (pacticipant_id, id)",
      """
      CREATE TABLE branch_versions (
        version_id \(int) NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
        pacticipant_id \(int) NOT NULL, branch TEXT NOT NULL, created_at \(real) NOT NULL,
        PRIMARY KEY (version_id, branch))
      """,
      "CREATE INDEX branch_versions_latest ON branch_versions (pacticipant_id, branch, version_id)",
      """
      CREATE TABLE tags (
        version_id \(int) NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
        pacticipant_id \(int) NOT NULL, name TEXT NOT NULL, created_at \(real) NOT NULL,
        PRIMARY KEY (version_id, name))
      """,
      "CREATE INDEX tags_latest ON tags (pacticipant_id, name, version_id)",
      """
      CREATE TABLE pact_contents (
        id \(id),
        sha TEXT NOT NULL UNIQUE, content TEXT NOT NULL, created_at \(real) NOT NULL)
      """,
      """
      CREATE TABLE pact_publications (
        id \(id),
        consumer_id \(int) NOT NULL REFERENCES pacticipants(id) ON DELETE CASCADE,
        provider_id \(int) NOT NULL REFERENCES pacticipants(id) ON DELETE CASCADE,
        consumer_version_id \(int) NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
        content_id \(int) NOT NULL REFERENCES pact_contents(id),
        created_at \(real) NOT NULL,
        UNIQUE (consumer_version_id, provider_id))
      """,
      "CREATE INDEX pact_publications_latest ON pact_publications (provider_id, consumer_id, consumer_version_id)",
      "CREATE INDEX pact_publications_content ON pact_publications (content_id)",
      """
      CREATE TABLE verifications (
        id \(id),
        content_id \(int) NOT NULL REFERENCES pact_contents(id),
        number \(int) NOT NULL,
        provider_id \(int) NOT NULL REFERENCES pacticipants(id) ON DELETE CASCADE,
        consumer_id \(int) NOT NULL REFERENCES pacticipants(id) ON DELETE CASCADE,
        provider_version_id \(int) NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
        success \(bool) NOT NULL, build_url TEXT, test_results TEXT, verified_by TEXT,
        executed_at \(real) NOT NULL,
        UNIQUE (content_id, number))
      """,
      "CREATE INDEX verifications_by_provider_version ON verifications (content_id, provider_version_id, id)",
      "CREATE INDEX verifications_successful ON verifications (content_id, success, provider_version_id)",
      "CREATE INDEX verifications_of_version ON verifications (provider_version_id)",
      """
      CREATE TABLE environments (
        id \(id),
        uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE, display_name TEXT,
        production \(bool) NOT NULL, created_at \(real) NOT NULL, updated_at \(real) NOT NULL)
      """,
      """
      CREATE TABLE deployed_versions (
        id \(id),
        uuid TEXT NOT NULL UNIQUE,
        version_id \(int) NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
        pacticipant_id \(int) NOT NULL REFERENCES pacticipants(id) ON DELETE CASCADE,
        environment_id \(int) NOT NULL REFERENCES environments(id) ON DELETE CASCADE,
        application_instance TEXT NOT NULL DEFAULT '',
        created_at \(real) NOT NULL, undeployed_at \(real))
      """,
      """
      CREATE UNIQUE INDEX deployed_versions_current
        ON deployed_versions (environment_id, pacticipant_id, application_instance) WHERE undeployed_at IS NULL
      """,
      "CREATE INDEX deployed_versions_of_version ON deployed_versions (version_id)",
      """
      CREATE TABLE released_versions (
        id \(id),
        uuid TEXT NOT NULL UNIQUE,
        version_id \(int) NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
        pacticipant_id \(int) NOT NULL REFERENCES pacticipants(id) ON DELETE CASCADE,
        environment_id \(int) NOT NULL REFERENCES environments(id) ON DELETE CASCADE,
        created_at \(real) NOT NULL, support_ended_at \(real),
        UNIQUE (version_id, environment_id))
      """,
      "CREATE INDEX released_versions_current ON released_versions (environment_id, support_ended_at)",
    ]
    // What is deployed or released of one pacticipant, without reading the environment's history of deployments.
    let current = [
      """
      CREATE INDEX deployed_versions_current_of_pacticipant
        ON deployed_versions (pacticipant_id, environment_id) WHERE undeployed_at IS NULL
      """,
      """
      CREATE INDEX released_versions_current_of_pacticipant
        ON released_versions (pacticipant_id, environment_id) WHERE support_ended_at IS NULL
      """,
    ]
    // Webhooks (consumer and provider by name: a webhook may name a pacticipant before it publishes), the
    // deliveries queued for them, and each attempt's log.
    let webhooks = [
      """
      CREATE TABLE webhooks (
        id \(id),
        uuid TEXT NOT NULL UNIQUE, description TEXT, consumer TEXT, provider TEXT,
        events TEXT NOT NULL, request TEXT NOT NULL, enabled \(bool) NOT NULL,
        created_at \(real) NOT NULL, updated_at \(real) NOT NULL)
      """,
      """
      CREATE TABLE webhook_deliveries (
        id \(id),
        webhook_id \(int) NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
        event TEXT NOT NULL, parameters TEXT NOT NULL, status TEXT NOT NULL,
        attempts \(int) NOT NULL DEFAULT 0, next_attempt_at \(real) NOT NULL,
        claimed_by TEXT, claimed_until \(real), created_at \(real) NOT NULL)
      """,
      "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at)",
      "CREATE INDEX webhook_deliveries_of_webhook ON webhook_deliveries (webhook_id, id)",
      """
      CREATE TABLE webhook_attempts (
        delivery_id \(int) NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
        number \(int) NOT NULL, started_at \(real) NOT NULL, milliseconds \(int) NOT NULL,
        request TEXT NOT NULL, status \(int), response_body TEXT, error TEXT, success \(bool) NOT NULL,
        PRIMARY KEY (delivery_id, number))
      """,
    ]
    // Labels of pacticipants (and webhooks that name a label instead of a pacticipant); environments' contacts.
    let labels = [
      """
      CREATE TABLE pacticipant_labels (
        pacticipant_id \(int) NOT NULL REFERENCES pacticipants(id) ON DELETE CASCADE,
        name TEXT NOT NULL, created_at \(real) NOT NULL,
        PRIMARY KEY (pacticipant_id, name))
      """,
      "CREATE INDEX pacticipant_labels_by_name ON pacticipant_labels (name, pacticipant_id)",
      "ALTER TABLE webhooks ADD COLUMN consumer_label TEXT",
      "ALTER TABLE webhooks ADD COLUMN provider_label TEXT",
      "ALTER TABLE environments ADD COLUMN contacts TEXT",
    ]
    return [
      Migration(version: 1, name: "1 pacticipants, versions, pacts, verifications, environments", statements: tables),
      Migration(version: 2, name: "2 current deployments and releases by pacticipant", statements: current),
      // Version 3 was PostgreSQL's publish function, which is gone (PostgresSchema drops it).
      Migration(version: 4, name: "3 webhooks, their deliveries and attempts", statements: webhooks),
      Migration(version: 6, name: "4 pacticipant labels, webhooks by label, environment contacts", statements: labels),
    ]
  }
}
