import AccordBrokerTestSupport
import AccordClient
import AccordModel
import Foundation
import Testing

/// `accord broker clean` run as an operator runs it: against a broker's database named by `--database` (or
/// `ACCORD_BROKER_DATABASE`), from another directory, on SQLite and (with `ACCORD_TEST_POSTGRES_URL`) PostgreSQL.
@Suite("accord broker clean")
struct BrokerCleanCommandTests {
  /// The databases a broker can run on here: a SQLite file, and PostgreSQL when the tests were given a server.
  enum Database: String, CaseIterable, CustomTestStringConvertible {
    case sqlite = "SQLite file"
    case postgres = "PostgreSQL"

    var testDescription: String { rawValue }

    static var postgresURL: String? { StoreKind.postgresURL }

    static var available: [Database] { postgresURL == nil ? [.sqlite] : allCases }

    /// A `--database` value for a new, empty database of this kind.
    func make() async throws -> String {
      switch self {
      case .sqlite:
        return "sqlite:" + (try BrokerCleanCommandTests.folder().appendingPathComponent("broker.sqlite").path)
      case .postgres:
        guard let server = Self.postgresURL else { throw CLITestFailure(message: "ACCORD_TEST_POSTGRES_URL is unset") }
        return try await PostgresTestDatabase.createEmpty(serverURL: server)
      }
    }
  }

  static func folder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("accord-clean-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  func accord(
    _ arguments: [String], in directory: URL? = nil, environment: [String: String?] = [:]
  ) async throws -> AccordProcess.Output {
    try await AccordProcess.run(arguments, timeout: 120, directory: directory, environment: environment)
  }

  /// Starts `accord broker` on `database` and a free port; returns the process and its base URL.
  func startBroker(_ database: String) async throws -> (AccordProcess.Background, String) {
    let broker = try AccordProcess.Background(["broker", "--port", "0", "--database", database])
    let printed = try await broker.wait(for: "Accord broker on ")
    let line = printed.split(separator: "\n").first { $0.contains("Accord broker on ") } ?? ""
    let url = try #require(line.split(separator: " ").first { $0.hasPrefix("http://") }.map(String.init))
    return (broker, url)
  }

  /// The history of the issue that found the defect: web 1.0.1 … 1.0.6 on main, 2.0.0-x on a feature branch,
  /// 1.0.2 deployed and 1.0.3 released to production; users 7 (main, deployed) verified 1.0.2 and 1.0.6.
  func seed(_ url: String) async throws {
    let broker = ["--broker-url", url]
    let versions = (1...6).map { ("1.0.\($0)", "main") } + [("2.0.0-x", "feature-x")]
    for (number, branch) in versions {
      let folder = try Self.folder()
      let pact: JSONValue = [
        "consumer": ["name": "web"], "provider": ["name": "users"],
        "interactions": [
          [
            "description": .string("a request of \(number)"), "request": ["method": "GET", "path": "/"],
            "response": ["status": 200],
          ]
        ],
        "metadata": ["pactSpecification": ["version": "3.0.0"]],
      ]
      try pact.data().write(to: folder.appendingPathComponent("web-users.json"))
      let published = try await accord(
        ["publish", folder.path, "--consumer-app-version", number, "--branch", branch] + broker)
      #expect(published.status == 0, "\(published.stderr)")
    }
    let created = try await accord(["create-environment", "--name", "production", "--production"] + broker)
    #expect(created.status == 0, "\(created.stderr)")
    let client = HALClient(baseURL: url)
    for number in ["1.0.2", "1.0.6"] {
      let pactURL = url + "/pacts/provider/users/consumer/web/version/\(number)"
      let results = try client.link("pb:publish-verification-results", in: try await client.get(pactURL), url: pactURL)
      _ = try await client.send(
        "POST", results,
        json: ["success": true, "providerApplicationVersion": "7", "providerVersionBranch": "main"])
    }
    for (command, pacticipant, number) in [
      ("record-deployment", "web", "1.0.2"), ("record-release", "web", "1.0.3"), ("record-deployment", "users", "7"),
    ] {
      let recorded = try await accord(
        [command, "--pacticipant", pacticipant, "--version", number, "--environment", "production"] + broker)
      #expect(recorded.status == 0, "\(recorded.stderr)")
    }
  }

  func canIDeploy(_ url: String) async throws -> [String] {
    var answers: [String] = []
    for number in ["1.0.2", "1.0.6", "2.0.0-x"] {
      let answer = try await accord(
        ["can-i-deploy", "--pacticipant", "web", "--version", number, "--to-environment", "production"]
          + ["--broker-url", url])
      answers.append("\(answer.status) \(answer.stdout)")
    }
    return answers
  }

  func versions(_ url: String) async throws -> Set<String> {
    let listed = try await HALClient(baseURL: url).get(url + "/pacticipants/web/versions")
    let items = listed["_embedded"]?["versions"]?.arrayValue ?? []
    return Set(items.compactMap { $0["number"]?.stringValue })
  }

  @Test(
    "deletes exactly the versions the policy dooms in the database --database names, from another directory",
    arguments: Database.available)
  func cleansTheNamedDatabase(_ kind: Database) async throws {
    let database = try await kind.make()
    let (broker, url) = try await startBroker(database)
    let cleaned = await outcome { try await cleans(database, url) }
    await broker.stop()
    try cleaned.get()
  }

  func cleans(_ database: String, _ url: String) async throws {
    try await seed(url)
    let before = try await canIDeploy(url)
    #expect(before[0].hasPrefix("0 "), "\(before[0])")
    #expect(try await versions(url) == ["1.0.1", "1.0.2", "1.0.3", "1.0.4", "1.0.5", "1.0.6", "2.0.0-x"])

    let elsewhere = try Self.folder()
    let arguments = ["broker", "clean", "--database", database, "--keep-latest", "1", "--keep-days", "0"]
    let dryRun = try await accord(arguments + ["--dry-run"], in: elsewhere)
    #expect(dryRun.status == 0, "\(dryRun.stderr)")
    #expect(dryRun.stdout.contains("Would delete 3 versions:"), "\(dryRun.stdout)")
    #expect(try await versions(url).count == 7)

    let cleaned = try await accord(arguments, in: elsewhere)
    #expect(cleaned.status == 0, "\(cleaned.stderr)")
    #expect(cleaned.stdout.contains("Deleting 3 versions:"), "\(cleaned.stdout)")
    #expect(cleaned.stdout.contains("web: 1.0.1, 1.0.4, 1.0.5"), "\(cleaned.stdout)")
    #expect(try await versions(url) == ["1.0.2", "1.0.3", "1.0.6", "2.0.0-x"])

    // What stays is readable: each kept version's pact, and the verifications can-i-deploy rests on.
    let client = HALClient(baseURL: url)
    for number in ["1.0.2", "1.0.3", "1.0.6", "2.0.0-x"] {
      let pact = try await client.get(url + "/pacts/provider/users/consumer/web/version/\(number)")
      #expect(pact["interactions"]?[0]?["description"]?.stringValue == "a request of \(number)")
    }
    await #expect(throws: ClientError.self) {
      try await client.get(url + "/pacts/provider/users/consumer/web/version/1.0.4")
    }
    #expect(try await canIDeploy(url) == before)
    // Nothing was written where it ran.
    #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path) == [])
  }

  @Test("ACCORD_BROKER_DATABASE names the database when --database is not given; --database wins over it")
  func environmentVariable() async throws {
    let database = try await Database.sqlite.make()
    let (broker, url) = try await startBroker(database)
    try await seed(url)
    await broker.stop()
    let elsewhere = try Self.folder()
    let arguments = ["broker", "clean", "--keep-latest", "1", "--keep-days", "0", "--dry-run"]
    let fromVariable = try await accord(arguments, in: elsewhere, environment: ["ACCORD_BROKER_DATABASE": database])
    #expect(fromVariable.status == 0, "\(fromVariable.stderr)")
    #expect(fromVariable.stdout.contains("Would delete 3 versions:"), "\(fromVariable.stdout)")

    let missing = elsewhere.appendingPathComponent("missing.sqlite").path
    let flagWins = try await accord(
      arguments + ["--database", "sqlite:" + missing], in: elsewhere, environment: ["ACCORD_BROKER_DATABASE": database])
    #expect(flagWins.status == 1)
    #expect(flagWins.stderr.contains(missing), "\(flagWins.stderr)")

    let blank = try await accord(arguments, in: elsewhere, environment: ["ACCORD_BROKER_DATABASE": " "])
    #expect(blank.status == 64)
    #expect(blank.stderr.contains("ACCORD_BROKER_DATABASE is set but empty"), "\(blank.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path) == [])
  }

  @Test("never creates a database: a missing path, the default path, a foreign SQLite file, a file that is not one")
  func createsNothing() async throws {
    let elsewhere = try Self.folder()
    let clean = ["broker", "clean", "--keep-latest", "1", "--keep-days", "0"]
    let variable: [String: String?] = ["ACCORD_BROKER_DATABASE": nil]

    let missing = elsewhere.appendingPathComponent("nested/b.sqlite").path
    let named = try await accord(clean + ["--database", "sqlite:" + missing], in: elsewhere, environment: variable)
    #expect(named.status == 1)
    #expect(named.stderr.contains("there is no broker database at \"\(missing)\""), "\(named.stderr)")
    #expect(named.stderr.contains("accord broker --database sqlite:\(missing)"), "\(named.stderr)")

    let byDefault = try await accord(clean, in: elsewhere, environment: variable)
    #expect(byDefault.status == 1)
    #expect(byDefault.stderr.contains("./accord-broker.sqlite"), "\(byDefault.stderr)")
    #expect(byDefault.stderr.contains(elsewhere.path), "the message says which directory: \(byDefault.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path) == [])

    // A SQLite database of something else: named, and left as it was.
    let foreign = try Self.folder().appendingPathComponent("other.sqlite")
    let made = Process()
    made.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    made.arguments = ["python3", "-c", "import sqlite3,sys; sqlite3.connect(sys.argv[1]).execute('create table t(x)')"]
    made.arguments?.append(foreign.path)
    try made.run()
    let status = try await AccordProcess.offThePool {
      made.waitUntilExit()
      return made.terminationStatus
    }
    if status == 0 {
      let size = try FileManager.default.attributesOfItem(atPath: foreign.path)[.size] as? Int
      let other = try await accord(clean + ["--database", "sqlite:" + foreign.path], environment: variable)
      #expect(other.status == 1)
      #expect(other.stderr.contains("without the broker's tables"), "\(other.stderr)")
      #expect(try FileManager.default.attributesOfItem(atPath: foreign.path)[.size] as? Int == size)
    }

    let text = try Self.folder().appendingPathComponent("notes.txt")
    try Data("not a database, but a note to self\n".utf8).write(to: text)
    let notSQLite = try await accord(clean + ["--database", "sqlite:" + text.path], environment: variable)
    #expect(notSQLite.status == 1)
    #expect(notSQLite.stderr.contains("cannot open \"\(text.path)\" as a SQLite database"), "\(notSQLite.stderr)")
    #expect(try String(contentsOf: text, encoding: .utf8) == "not a database, but a note to self\n")
  }

  @Test("on PostgreSQL, a database without the broker's tables is named and left without them")
  func postgresWithoutTables() async throws {
    guard Database.postgresURL != nil else { return }
    let database = try await Database.postgres.make()
    let clean = try await accord(["broker", "clean", "--database", database, "--keep-latest", "1"])
    #expect(clean.status == 1)
    #expect(clean.stderr.contains("has no broker tables"), "\(clean.stderr)")
    // Had the first run created the tables, the second would clean an empty broker and exit 0.
    let again = try await accord(["broker", "clean", "--database", database, "--keep-latest", "1"])
    #expect(again.stderr.contains("has no broker tables"), "clean created no tables: \(again.stderr)")
  }
}
