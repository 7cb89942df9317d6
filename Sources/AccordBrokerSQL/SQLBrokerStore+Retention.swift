import AccordBroker

extension SQLBrokerStore {
  public func deleteVersions(_ ids: [Int64]) async throws(BrokerError) -> RetentionCounts {
    guard !ids.isEmpty else { return RetentionCounts() }
    let ids = Array(Set(ids))
    return try await write { [dialect] session in
      var counts = RetentionCounts()
      counts.publications = Int(
        try await session.int(
          "SELECT COUNT(*) FROM pact_publications WHERE \(dialect.isIn("consumer_version_id"))", [.ints(ids)]) ?? 0)
      counts.verifications = Int(
        try await session.int(
          "SELECT COUNT(*) FROM verifications WHERE \(dialect.isIn("provider_version_id"))", [.ints(ids)]) ?? 0)
      counts.versions = try await session.rows(
        "DELETE FROM versions WHERE \(dialect.isIn("id")) RETURNING id", [.ints(ids)]
      ).count
      try await Self.deleteOrphanContents(session, counting: &counts)
      return counts
    }
  }

  public func deletePacticipant(named name: String) async throws(BrokerError) -> RetentionCounts? {
    try await write { session in
      guard let id = try await session.int("SELECT id FROM pacticipants WHERE name = ?", [.text(name)]) else {
        return nil
      }
      func count(_ sql: String, _ times: Int = 1) async throws -> Int {
        Int(try await session.int(sql, Array(repeating: .int(id), count: times)) ?? 0)
      }
      var counts = RetentionCounts(
        versions: try await count("SELECT COUNT(*) FROM versions WHERE pacticipant_id = ?"),
        publications: try await count(
          "SELECT COUNT(*) FROM pact_publications WHERE consumer_id = ? OR provider_id = ?", 2),
        verifications: try await count("SELECT COUNT(*) FROM verifications WHERE consumer_id = ? OR provider_id = ?", 2)
      )
      try await session.execute("DELETE FROM webhooks WHERE consumer = ? OR provider = ?", [.text(name), .text(name)])
      // Versions, branches, tags, publications, verifications and deployments go with it (ON DELETE CASCADE).
      try await session.execute("DELETE FROM pacticipants WHERE id = ?", [.int(id)])
      try await Self.deleteOrphanContents(session, counting: &counts)
      return counts
    }
  }

  public func deletePact(provider: String, consumer: String, consumerVersion: String) async throws(BrokerError) -> Bool
  {
    try await write { session in
      let deleted = try await session.rows(
        """
        DELETE FROM pact_publications WHERE provider_id = (SELECT id FROM pacticipants WHERE name = ?)
          AND consumer_version_id = (SELECT v.id FROM versions v JOIN pacticipants p ON p.id = v.pacticipant_id
            WHERE p.name = ? AND v.number = ?)
        RETURNING id
        """, [.text(provider), .text(consumer), .text(consumerVersion)])
      guard !deleted.isEmpty else { return false }
      var counts = RetentionCounts()
      try await Self.deleteOrphanContents(session, counting: &counts)
      return true
    }
  }

  /// Deletes the contents no publication uses any more, with their verifications.
  static func deleteOrphanContents(_ session: Database.Session, counting counts: inout RetentionCounts) async throws {
    let orphans =
      "SELECT c.id FROM pact_contents c WHERE NOT EXISTS (SELECT 1 FROM pact_publications p WHERE p.content_id = c.id)"
    counts.verifications += try await session.rows(
      "DELETE FROM verifications WHERE content_id IN (\(orphans)) RETURNING id"
    ).count
    counts.contents += try await session.rows("DELETE FROM pact_contents WHERE id IN (\(orphans)) RETURNING id").count
  }
}
