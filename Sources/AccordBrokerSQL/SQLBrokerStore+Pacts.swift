import AccordBroker
import AccordModel
import Foundation

extension SQLBrokerStore {
  // MARK: Pacts

  public func publish(_ publication: Publication) async throws(BrokerError) -> PublicationOutcome {
    try publication.validate()
    let change = publication.version
    let texts = publication.contracts.map { $0.json.serialized() }
    let (ids, changes, versionID) = try await write { [dialect] session in
      let (versionID, consumerID, created) = try await session.ensureVersionOfPacticipant(change)
      // What a version that existed already published for these providers: the same content is unchanged,
      // another content a conflict, and then nothing is written (the transaction rolls back).
      var existing: [String: (id: Int64, sha: String)] = [:]
      if !created {
        for row in try await session.rows(
          """
          SELECT pp.id, pr.name AS provider, pc.sha FROM pact_publications pp
          JOIN pact_contents pc ON pc.id = pp.content_id JOIN pacticipants pr ON pr.id = pp.provider_id
          WHERE pp.consumer_version_id = ? AND \(dialect.isIn("pr.name"))
          """, [.int(versionID), .texts(publication.contracts.map(\.provider))])
        {
          existing[try row.string("provider")] = (try row.int("id"), try row.string("sha"))
        }
      }
      for contract in publication.contracts {
        guard let found = existing[contract.provider], found.sha != contract.sha else { continue }
        let text = try await session.rows("SELECT content FROM pact_contents WHERE sha = ?", [.text(found.sha)])
          .first?.optionalString("content")
        let old = text.flatMap { try? JSONValue(parsing: Data($0.utf8)) } ?? .null
        throw BrokerError.conflict(
          "the pact between \(contract.consumer) and \(contract.provider) for \(contract.consumer) version "
            + "\(change.number) was already published with different content; publish changed contracts under a "
            + "new version number (each commit its own version)",
          diff: JSONDiff.lines(from: old, to: contract.json).joined(separator: "\n"))
      }
      var ids: [Int64] = []
      var changes: [PublicationOutcome.Change] = []
      for (contract, text) in zip(publication.contracts, texts) {
        if let found = existing[contract.provider] {
          ids.append(found.id)
          changes.append(.unchanged)
          continue
        }
        try await session.execute(
          "INSERT INTO pact_contents (sha, content, created_at) VALUES (?, ?, ?) ON CONFLICT (sha) DO NOTHING",
          [.text(contract.sha), .text(text), .double(Database.Session.now)])
        ids.append(
          try await session.insertPublication(
            consumerID: consumerID, versionID: versionID, provider: contract.provider, sha: contract.sha))
        changes.append(.created)
      }
      return (ids, changes, versionID)
    }
    let (version, stored) = try await read { [dialect, ids] session in
      let found = try await session.pacts(where: dialect.isIn("pp.id"), [.ints(ids)])
      let byID = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
      let stored = ids.compactMap { byID[$0] }
      if let first = stored.first { return (Optional(first.consumerVersion), stored) }
      return (try await session.versions(where: "v.id = ?", [.int(versionID)]).first, stored)
    }
    guard let version, stored.count == publication.contracts.count else {
      throw .storage("the database lost the publication it just saved; publish again")
    }
    return PublicationOutcome(version: version, stored: stored, changes: changes)
  }

  public func pact(provider: String, consumer: String, consumerVersion: String) async throws(BrokerError)
    -> StoredPact?
  {
    try await read { session in
      try await session.pacts(
        where: """
          pr.name = ? AND c.name = ? AND pp.consumer_version_id =
            (SELECT v.id FROM versions v WHERE v.pacticipant_id = c.id AND v.number = ?)
          """, [.text(provider), .text(consumer), .text(consumerVersion)]
      ).first
    }
  }

  public func pact(provider: String, consumer: String, sha: String) async throws(BrokerError) -> StoredPact? {
    try await read { session in
      try await session.pacts(
        where: "pr.name = ? AND c.name = ? AND pc.sha = ? ORDER BY pp.consumer_version_id DESC LIMIT 1",
        [.text(provider), .text(consumer), .text(sha)]
      ).first
    }
  }

  public func content(sha: String) async throws(BrokerError) -> JSONValue? {
    let text = try await read { session in
      try await session.rows("SELECT content FROM pact_contents WHERE sha = ?", [.text(sha)]).first?
        .optionalString("content")
    }
    guard let text else { return nil }
    do {
      return try JSONValue(parsing: Data(text.utf8))
    } catch {
      throw .storage("the stored content \(sha) is not JSON: \(error)")
    }
  }

  public func pacts(provider: String, consumer: String?, query: PactQuery) async throws(BrokerError) -> [StoredPact] {
    try await read { session in try await session.pacts(provider: provider, consumer: consumer, query: query) }
  }

  public func pacts(consumerVersionID: Int64) async throws(BrokerError) -> [StoredPact] {
    try await read { session in
      try await session.pacts(where: "pp.consumer_version_id = ? ORDER BY pr.name", [.int(consumerVersionID)])
    }
  }

  public func versionWithPacts(of pacticipant: String, number: String) async throws(BrokerError)
    -> (version: Version, pacts: [StoredPact])?
  {
    try await read { session in
      // A version that published pacts is in each of them: one round trip; otherwise a second finds the version.
      let pacts = try await session.pacts(
        where: """
          pp.consumer_version_id = (SELECT v.id FROM versions v JOIN pacticipants q ON q.id = v.pacticipant_id
            WHERE q.name = ? AND v.number = ?) ORDER BY pr.name
          """, [.text(pacticipant), .text(number)])
      if let first = pacts.first { return (first.consumerVersion, pacts) }
      return try await session.versions(
        where: "p.name = ? AND v.number = ?", [.text(pacticipant), .text(number)]
      ).first.map { ($0, []) }
    }
  }

  public func pact(provider: String, consumerVersionID: Int64) async throws(BrokerError) -> StoredPact? {
    try await read { session in
      try await session.pacts(
        where: "pp.consumer_version_id = ? AND pr.name = ?", [.int(consumerVersionID), .text(provider)]
      ).first
    }
  }

  public func pacts(provider: String, consumerVersionIDs: [Int64]) async throws(BrokerError) -> [StoredPact] {
    guard !consumerVersionIDs.isEmpty else { return [] }
    return try await read { [dialect] session in
      try await session.pacts(
        where: """
          pp.provider_id = (SELECT id FROM pacticipants WHERE name = ?) AND \(dialect.isIn("pp.consumer_version_id"))
          """, [.text(provider), .ints(Array(Set(consumerVersionIDs)))])
    }
  }

  public func latestPacts() async throws(BrokerError) -> [StoredPact] {
    try await read { [dialect] session in
      try await session.pacts(
        source: "(SELECT DISTINCT provider_id, consumer_id FROM pact_publications) pair "
          + dialect.joinFirst(
            "pact_publications", as: "pp",
            where: "x.provider_id = pair.provider_id AND x.consumer_id = pair.consumer_id",
            orderBy: "x.consumer_version_id DESC"), where: "TRUE ORDER BY pr.name, c.name", [])
    }
  }
}
