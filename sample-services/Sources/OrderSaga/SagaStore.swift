import Foundation
import GRDB
import SampleKit

/// The saga's own database: each saga's record (its checkout, status and step answers) and its step log, written
/// together in one transaction before and after every step.
struct SagaStore: Sendable {
  let database: ServiceDatabase

  init(path: String?) throws {
    database = try ServiceDatabase(path: path) { migrator in
      migrator.registerMigration("1 sagas") { db in
        try db.execute(sql: "CREATE TABLE sagas (id TEXT PRIMARY KEY, outcome BLOB NOT NULL)")
      }
      // Sagas saved by the first version (outcomes only, all finished) are kept as finished records.
      migrator.registerMigration("2 durable sagas") { db in
        try db.execute(
          sql: """
            ALTER TABLE sagas RENAME COLUMN outcome TO state;
            ALTER TABLE sagas ADD COLUMN status TEXT NOT NULL DEFAULT 'completed';
            ALTER TABLE sagas ADD COLUMN request BLOB;
            ALTER TABLE sagas ADD COLUMN retry_at REAL;
            UPDATE sagas SET status = COALESCE(json_extract(CAST(state AS TEXT), '$.status'), 'completed');
            CREATE INDEX sagas_unfinished ON sagas (retry_at) WHERE status IN ('running', 'compensating');
            CREATE TABLE saga_steps (
              saga_id TEXT NOT NULL REFERENCES sagas (id), position INTEGER NOT NULL, step TEXT NOT NULL,
              event TEXT NOT NULL, detail TEXT, at TEXT NOT NULL, PRIMARY KEY (saga_id, position));
            """)
      }
    }
  }

  enum Begun {
    case new(SagaRecord)
    case existing(SagaRecord)
  }

  /// Records a new saga for `checkout` (before any step runs), or returns the saga with that id; 422 when the id
  /// was used for a different checkout.
  func begin(id: String, checkout: OrderSaga.Checkout) async throws -> Begun {
    let request = try JSONResponse.encoder.encode(checkout)
    return try await database.write { db in
      if let row = try Row.fetchOne(db, sql: "SELECT state, request FROM sagas WHERE id = ?", arguments: [id]) {
        if let earlier = row["request"] as Data?, earlier != request {
          throw ServiceError(
            .unprocessableContent,
            "the Idempotency-Key \"\(id)\" was already used for a different checkout; send a new key for a new one")
        }
        return .existing(try Self.decode(row["state"]))
      }
      let record = SagaRecord(sagaId: id)
      try db.execute(
        sql: "INSERT INTO sagas (id, state, status, request) VALUES (?, ?, ?, ?)",
        arguments: [id, try JSONResponse.encoder.encode(record), record.status.rawValue, request])
      try Self.append(SagaLogEntry(step: "saga", event: "started"), to: id, db)
      return .new(record)
    }
  }

  /// The saga's record and its checkout; `nil` when there is no saga `id` (or it predates stored checkouts).
  func load(_ id: String) async throws -> (SagaRecord, OrderSaga.Checkout?)? {
    try await database.read { db in
      guard let row = try Row.fetchOne(db, sql: "SELECT state, request FROM sagas WHERE id = ?", arguments: [id])
      else { return nil }
      let checkout = try (row["request"] as Data?).map { try JSONDecoder().decode(OrderSaga.Checkout.self, from: $0) }
      return (try Self.decode(row["state"]), checkout)
    }
  }

  /// Saves the record with a line of its step log, in one transaction. `retryAt` is when the recovery should next
  /// take up an unfinished saga (`nil`: at its next pass).
  func save(_ record: SagaRecord, _ entry: SagaLogEntry, retryAt: Date? = nil) async throws {
    let state = try JSONResponse.encoder.encode(record)
    try await database.write { db in
      try db.execute(
        sql: "UPDATE sagas SET state = ?, status = ?, retry_at = ? WHERE id = ?",
        arguments: [state, record.status.rawValue, retryAt?.timeIntervalSince1970, record.sagaId])
      try Self.append(entry, to: record.sagaId, db)
    }
  }

  /// The saga's step log, oldest first.
  func log(_ id: String) async throws -> [SagaLogEntry] {
    try await database.read { db in
      try Row.fetchAll(
        db, sql: "SELECT step, event, detail, at FROM saga_steps WHERE saga_id = ? ORDER BY position",
        arguments: [id]
      ).map { SagaLogEntry(step: $0["step"], event: $0["event"], detail: $0["detail"], stamp: $0["at"]) }
    }
  }

  /// The unfinished sagas due for another try at `now`, oldest first.
  func unfinished(at now: Date, limit: Int = 100) async throws -> [String] {
    try await database.read { db in
      try String.fetchAll(
        db,
        sql: """
          SELECT id FROM sagas WHERE status IN ('running', 'compensating') AND (retry_at IS NULL OR retry_at <= ?)
          ORDER BY rowid LIMIT ?
          """, arguments: [now.timeIntervalSince1970, limit])
    }
  }

  /// For provider states only (the saga's provider-state route; no other route calls it): makes saga `id` exist as
  /// `record` with `log`, replacing the saga with that id and its log if there is one.
  func arrangeForProviderState(_ record: SagaRecord, log: [SagaLogEntry]) async throws {
    let state = try JSONResponse.encoder.encode(record)
    try await database.write { db in
      try db.execute(sql: "DELETE FROM saga_steps WHERE saga_id = ?", arguments: [record.sagaId])
      try db.execute(
        sql: "INSERT OR REPLACE INTO sagas (id, state, status) VALUES (?, ?, ?)",
        arguments: [record.sagaId, state, record.status.rawValue])
      for entry in log { try Self.append(entry, to: record.sagaId, db) }
    }
  }

  static func append(_ entry: SagaLogEntry, to id: String, _ db: Database) throws {
    try db.execute(
      sql: """
        INSERT INTO saga_steps (saga_id, position, step, event, detail, at)
        VALUES (?, (SELECT COALESCE(MAX(position), 0) + 1 FROM saga_steps WHERE saga_id = ?), ?, ?, ?, ?)
        """, arguments: [id, id, entry.step, entry.event, entry.detail, entry.at])
  }

  static func decode(_ data: Data) throws -> SagaRecord {
    try JSONDecoder().decode(SagaRecord.self, from: data)
  }
}
