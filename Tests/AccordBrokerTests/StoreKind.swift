import AccordBroker
import AccordBrokerPostgres
import AccordBrokerSQLite
import Foundation
import Testing

/// The stores the shared suite runs against: every test takes one of these as its argument, so each store passes
/// the same checks.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
  case sqliteMemory = "SQLite in memory"
  case sqliteFile = "SQLite file"
  /// A database of its own on the server at `ACCORD_TEST_POSTGRES_URL` (as `.ci/run` starts one).
  case postgres = "PostgreSQL"

  var testDescription: String { rawValue }

  /// The PostgreSQL server to test against, when one is given.
  static var postgresURL: String? {
    ProcessInfo.processInfo.environment["ACCORD_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
  }

  static var available: [StoreKind] { postgresURL == nil ? [.sqliteMemory, .sqliteFile] : allCases }

  /// Two stores on one database, as two broker replicas would have (SQLite file and PostgreSQL only).
  func makeReplicas() async throws -> (any BrokerStore, any BrokerStore)? {
    switch self {
    case .sqliteMemory:
      return nil
    case .sqliteFile:
      let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "accord-broker-tests-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      let path = folder.appendingPathComponent("broker.sqlite").path
      return (try SQLiteBrokerStore(path: path), try SQLiteBrokerStore(path: path))
    case .postgres:
      guard let url = Self.postgresURL else { throw TestSetupError("ACCORD_TEST_POSTGRES_URL is not set") }
      let first = try await PostgresTestDatabase.create(serverURL: url)
      return (first, try await PostgresBrokerStore.connect(url: first.url))
    }
  }

  func make() async throws -> any BrokerStore {
    switch self {
    case .postgres:
      guard let url = Self.postgresURL else { throw TestSetupError("ACCORD_TEST_POSTGRES_URL is not set") }
      return try await PostgresTestDatabase.create(serverURL: url)
    case .sqliteMemory:
      return try SQLiteBrokerStore.inMemory()
    case .sqliteFile:
      let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "accord-broker-tests-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      return try SQLiteBrokerStore(path: folder.appendingPathComponent("broker.sqlite").path)
    }
  }
}

struct TestSetupError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
