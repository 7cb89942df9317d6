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
      let orphans = "SELECT id FROM pact_contents WHERE id NOT IN (SELECT content_id FROM pact_publications)"
      try db.execute(sql: "DELETE FROM verifications WHERE content_id IN (\(orphans))")
      counts.verifications += db.changesCount
      try db.execute(sql: "DELETE FROM pact_contents WHERE id IN (\(orphans))")
      counts.contents = db.changesCount
      return counts
    }
  }
}
