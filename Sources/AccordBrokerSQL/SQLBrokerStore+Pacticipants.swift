import AccordBroker
import AccordModel

extension SQLBrokerStore {
  // MARK: Pacticipants

  public func pacticipants() async throws(BrokerError) -> [Pacticipant] {
    try await read { session in
      try await session.pacticipants(where: "TRUE ORDER BY p.name", [])
    }
  }

  public func addLabel(_ label: String, to pacticipant: String) async throws(BrokerError) -> Bool {
    try Names.check(label, what: "the label")
    return try await write { session in
      guard let id = try await session.int("SELECT id FROM pacticipants WHERE name = ?", [.text(pacticipant)]) else {
        throw BrokerError.notFound("no pacticipant named \(PrintSafe.quoted(pacticipant)); publish its contracts first")
      }
      return try await session.int(
        """
        INSERT INTO pacticipant_labels (pacticipant_id, name, created_at) VALUES (?, ?, ?)
        ON CONFLICT (pacticipant_id, name) DO NOTHING RETURNING pacticipant_id
        """, [.int(id), .text(label), .double(Database.Session.now)]) != nil
    }
  }

  public func removeLabel(_ label: String, from pacticipant: String) async throws(BrokerError) -> Bool {
    try await write { session in
      try await !session.rows(
        """
        DELETE FROM pacticipant_labels WHERE name = ?
          AND pacticipant_id = (SELECT id FROM pacticipants WHERE name = ?) RETURNING pacticipant_id
        """, [.text(label), .text(pacticipant)]
      ).isEmpty
    }
  }

  public func pacticipants(labelled label: String) async throws(BrokerError) -> [Pacticipant] {
    try await read { session in
      try await session.pacticipants(
        where: "p.id IN (SELECT pacticipant_id FROM pacticipant_labels WHERE name = ?) ORDER BY p.name", [.text(label)])
    }
  }

  public func pacticipant(named name: String) async throws(BrokerError) -> Pacticipant? {
    try await read { session in try await session.pacticipant(named: name) }
  }

  public func savePacticipant(_ change: PacticipantChange) async throws(BrokerError) -> Pacticipant {
    try Names.check(change.name, what: "the pacticipant name")
    return try await write { session in
      let id = try await session.ensurePacticipant(change.name)
      try await session.execute(
        """
        UPDATE pacticipants SET display_name = COALESCE(?, display_name), main_branch = COALESCE(?, main_branch),
          repository_url = COALESCE(?, repository_url), updated_at = ? WHERE id = ?
        """,
        [
          .text(change.displayName), .text(change.mainBranch), .text(change.repositoryURL),
          .double(Database.Session.now), .int(id),
        ])
      return try session.required(await session.pacticipant(named: change.name), "the pacticipant \(change.name)")
    }
  }

  // MARK: Versions

  public func version(of pacticipant: String, number: String) async throws(BrokerError) -> Version? {
    try await read { session in
      try await session.versions(where: "p.name = ? AND v.number = ?", [.text(pacticipant), .text(number)]).first
    }
  }

  public func versions(of pacticipant: String, limit: Int) async throws(BrokerError) -> [Version] {
    try await read { session in
      try await session.versions(
        where: "p.name = ? ORDER BY v.id DESC LIMIT ?", [.text(pacticipant), .int(Int64(limit))])
    }
  }

  public func latestVersion(of pacticipant: String, branch: String?, tag: String?) async throws(BrokerError)
    -> Version?
  {
    try await read { session in try await session.latestVersion(of: pacticipant, branch: branch, tag: tag) }
  }

  public func saveVersion(_ change: VersionChange) async throws(BrokerError) -> Version {
    try change.validate()
    return try await write { session in
      let id = try await session.ensureVersion(change)
      return try session.required(
        await session.versions(where: "v.id = ?", [.int(id)]).first, "\(change.pacticipant) version \(change.number)")
    }
  }

  public func deleteTag(_ tag: String, of pacticipant: String, number: String) async throws(BrokerError) -> Bool {
    try await write { session in
      try await !session.rows(
        """
        DELETE FROM tags WHERE name = ? AND version_id =
          (SELECT v.id FROM versions v JOIN pacticipants p ON p.id = v.pacticipant_id WHERE p.name = ? AND v.number = ?)
        RETURNING version_id
        """, [.text(tag), .text(pacticipant), .text(number)]
      ).isEmpty
    }
  }

  public func latestVersions(of pacticipants: [String]) async throws(BrokerError) -> [String: Version] {
    guard !pacticipants.isEmpty else { return [:] }
    let versions = try await read { [dialect] session in
      try await session.versions(
        where: """
          v.id IN (SELECT MAX(v2.id) FROM versions v2 JOIN pacticipants p2 ON p2.id = v2.pacticipant_id
          WHERE \(dialect.isIn("p2.name")) GROUP BY v2.pacticipant_id)
          """, [.texts(Array(Set(pacticipants)))])
    }
    return Dictionary(versions.map { ($0.pacticipant, $0) }, uniquingKeysWith: { first, _ in first })
  }

  // MARK: Branches

  public func branches(of pacticipant: String) async throws(BrokerError) -> [Branch] {
    try await read { session in
      try await session.rows(
        """
        SELECT b.branch, MIN(b.created_at) AS created_at, MAX(b.created_at) AS updated_at FROM branch_versions b
        WHERE b.pacticipant_id = (SELECT id FROM pacticipants WHERE name = ?)
        GROUP BY b.branch ORDER BY MAX(b.version_id) DESC
        """, [.text(pacticipant)]
      ).map { row in
        Branch(
          pacticipant: pacticipant, name: try row.string("branch"), createdAt: try row.date("created_at"),
          updatedAt: try row.date("updated_at"))
      }
    }
  }

  public func versions(of pacticipant: String, branch: String, limit: Int) async throws(BrokerError) -> [Version] {
    try await read { session in
      try await session.versions(
        where: """
          p.name = ? AND v.id IN (SELECT version_id FROM branch_versions WHERE pacticipant_id = p.id AND branch = ?)
          ORDER BY v.id DESC LIMIT ?
          """, [.text(pacticipant), .text(branch), .int(Int64(limit))])
    }
  }

  public func deleteBranch(_ branch: String, of pacticipant: String) async throws(BrokerError) -> Bool {
    try await write { session in
      try await !session.rows(
        """
        DELETE FROM branch_versions WHERE branch = ? AND pacticipant_id = (SELECT id FROM pacticipants WHERE name = ?)
        RETURNING version_id
        """, [.text(branch), .text(pacticipant)]
      ).isEmpty
    }
  }
}
