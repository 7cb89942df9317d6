import AccordBroker
import GRDB

extension SQLiteBrokerStore {
  public func deleteVersions(_ ids: [Int64]) async throws(BrokerError) -> RetentionCounts {
    guard !ids.isEmpty else { return RetentionCounts() }
    return try await write { db in
      var counts = RetentionCounts()
      for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
        let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
        let arguments = StatementArguments(chunk)
        counts.publications +=
          try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM pact_publications WHERE consumer_version_id IN (\(marks))",
            arguments: arguments) ?? 0
        counts.verifications +=
          try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM verifications WHERE provider_version_id IN (\(marks))",
            arguments: arguments) ?? 0
        try db.execute(sql: "DELETE FROM versions WHERE id IN (\(marks))", arguments: arguments)
        counts.versions += db.changesCount
      }
      try Self.deleteOrphanContents(db, counting: &counts)
      return counts
    }
  }

  public func deletePacticipant(named name: String) async throws(BrokerError) -> RetentionCounts? {
    try await write { db in
      guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM pacticipants WHERE name = ?", arguments: [name])
      else { return nil }
      func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql, arguments: [id, id]) ?? 0 }
      var counts = RetentionCounts(
        versions: try count("SELECT COUNT(*) FROM versions WHERE pacticipant_id = ? OR pacticipant_id = ?"),
        publications: try count("SELECT COUNT(*) FROM pact_publications WHERE consumer_id = ? OR provider_id = ?"),
        verifications: try count("SELECT COUNT(*) FROM verifications WHERE consumer_id = ? OR provider_id = ?"))
      try db.execute(sql: "DELETE FROM webhooks WHERE consumer = ? OR provider = ?", arguments: [name, name])
      // Versions, branches, tags, publications, verifications and deployments go with it (ON DELETE CASCADE).
      try db.execute(sql: "DELETE FROM pacticipants WHERE id = ?", arguments: [id])
      try Self.deleteOrphanContents(db, counting: &counts)
      return counts
    }
  }

  public func deletePact(provider: String, consumer: String, consumerVersion: String) async throws(BrokerError) -> Bool
  {
    try await write { db in
      try db.execute(
        sql: """
          DELETE FROM pact_publications WHERE provider_id = (SELECT id FROM pacticipants WHERE name = ?)
            AND consumer_version_id = (SELECT v.id FROM versions v JOIN pacticipants p ON p.id = v.pacticipant_id
              WHERE p.name = ? AND v.number = ?)
          """, arguments: [provider, consumer, consumerVersion])
      guard db.changesCount > 0 else { return false }
      var counts = RetentionCounts()
      try Self.deleteOrphanContents(db, counting: &counts)
      return true
    }
  }

  /// Deletes the contents no publication uses any more, with their verifications.
  static func deleteOrphanContents(_ db: Database, counting counts: inout RetentionCounts) throws {
    let orphans = "SELECT id FROM pact_contents WHERE id NOT IN (SELECT content_id FROM pact_publications)"
    try db.execute(sql: "DELETE FROM verifications WHERE content_id IN (\(orphans))")
    counts.verifications += db.changesCount
    try db.execute(sql: "DELETE FROM pact_contents WHERE id IN (\(orphans))")
    counts.contents += db.changesCount
  }
}
