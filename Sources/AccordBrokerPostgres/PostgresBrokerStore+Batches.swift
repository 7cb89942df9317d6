import AccordBroker

extension PostgresBrokerStore {
  public func latestVerifications(shas: [String]) async throws(BrokerError) -> [String: Verification] {
    guard !shas.isEmpty else { return [:] }
    let verifications = try await read { session in
      try await session.verifications(
        where: """
          vr.id IN (SELECT MAX(v2.id) FROM verifications v2 JOIN pact_contents c2 ON c2.id = v2.content_id
          WHERE c2.sha = ANY(?) GROUP BY v2.content_id)
          """, [.texts(Array(Set(shas)))])
    }
    return Dictionary(verifications.map { ($0.sha, $0) }, uniquingKeysWith: { first, _ in first })
  }

  public func latestVersions(of pacticipants: [String]) async throws(BrokerError) -> [String: Version] {
    guard !pacticipants.isEmpty else { return [:] }
    let versions = try await read { session in
      try await session.versions(
        where: """
          v.id IN (SELECT MAX(v2.id) FROM versions v2 JOIN pacticipants p2 ON p2.id = v2.pacticipant_id
          WHERE p2.name = ANY(?) GROUP BY v2.pacticipant_id)
          """, [.texts(Array(Set(pacticipants)))])
    }
    return Dictionary(versions.map { ($0.pacticipant, $0) }, uniquingKeysWith: { first, _ in first })
  }
}
