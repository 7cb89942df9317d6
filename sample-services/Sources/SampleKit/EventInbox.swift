import GRDB

/// The events a subscriber has handled, by id, so a redelivered event changes nothing (at-least-once delivery
/// made effectively-once).
///
/// ```swift
/// try await database.write { db in
///   guard try EventInbox.firstDelivery(of: event.eventId, db) else { return false }
///   // … apply the event …
/// }
/// ```
public enum EventInbox {
  public static func createTable(_ db: Database) throws {
    try db.execute(sql: "CREATE TABLE processed_events (event_id TEXT PRIMARY KEY)")
  }

  /// Records `eventID`; false when it was handled before (in the same transaction as the handling).
  public static func firstDelivery(of eventID: String, _ db: Database) throws -> Bool {
    try db.execute(sql: "INSERT OR IGNORE INTO processed_events (event_id) VALUES (?)", arguments: [eventID])
    return db.changesCount == 1
  }
}
