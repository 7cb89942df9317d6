import AccordBroker

extension PostgresBrokerStore {
  public func deleteVersions(_ ids: [Int64]) async throws(BrokerError) -> RetentionCounts {
    guard !ids.isEmpty else { return RetentionCounts() }
    return try await write { session in
      var counts = RetentionCounts()
      counts.publications = Int(
        try await session.int(
          "SELECT COUNT(*) FROM pact_publications WHERE consumer_version_id = ANY(?)", [.ints(ids)]) ?? 0)
      counts.verifications = Int(
        try await session.int(
          "SELECT COUNT(*) FROM verifications WHERE provider_version_id = ANY(?)", [.ints(ids)]) ?? 0)
      counts.versions = try await session.rows("DELETE FROM versions WHERE id = ANY(?) RETURNING id", [.ints(ids)])
        .count
      let orphans =
        "SELECT c.id FROM pact_contents c WHERE NOT EXISTS (SELECT 1 FROM pact_publications p WHERE p.content_id = c.id)"
      counts.verifications += try await session.rows(
        "DELETE FROM verifications WHERE content_id IN (\(orphans)) RETURNING id"
      ).count
      counts.contents = try await session.rows("DELETE FROM pact_contents WHERE id IN (\(orphans)) RETURNING id").count
      return counts
    }
  }
}
