import AccordBroker
import AccordModel
import GRDB

extension SQLiteBrokerStore {
  public func latestVerifications(shas: [String]) async throws(BrokerError) -> [String: Verification] {
    guard !shas.isEmpty else { return [:] }
    let list = JSONValue.array(Set(shas).map(JSONValue.string)).serialized()
    return try await read { db in
      let verifications = try Self.verifications(
        db,
        where: """
          vr.id IN (SELECT MAX(v2.id) FROM verifications v2 JOIN pact_contents c2 ON c2.id = v2.content_id
          WHERE c2.sha IN (SELECT value FROM json_each(?)) GROUP BY v2.content_id)
          """, arguments: [list])
      return Dictionary(verifications.map { ($0.sha, $0) }, uniquingKeysWith: { first, _ in first })
    }
  }

  public func latestVersions(of pacticipants: [String]) async throws(BrokerError) -> [String: Version] {
    guard !pacticipants.isEmpty else { return [:] }
    let list = JSONValue.array(Set(pacticipants).map(JSONValue.string)).serialized()
    return try await read { db in
      let versions = try Self.versions(
        db,
        where: """
          v.id IN (SELECT MAX(v2.id) FROM versions v2 JOIN pacticipants p2 ON p2.id = v2.pacticipant_id
          WHERE p2.name IN (SELECT value FROM json_each(?)) GROUP BY v2.pacticipant_id)
          """, arguments: [list])
      return Dictionary(versions.map { ($0.pacticipant, $0) }, uniquingKeysWith: { first, _ in first })
    }
  }
}
