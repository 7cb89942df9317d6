import AccordBroker
import AccordBrokerPostgres
import AccordBrokerSQLite
import Foundation
import Testing

/// The stores the shared suite runs against: every test takes one of these as its argument, so each store passes
/// the same checks.
public enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
  case sqliteMemory = "SQLite in memory"
  case sqliteFile = "SQLite file"
  /// A database of its own on the server at `ACCORD_TEST_POSTGRES_URL` (as `.ci/run` starts one).
  case postgres = "PostgreSQL"

  public var testDescription: String { rawValue }

  /// The PostgreSQL server to test against, when one is given.
  public static var postgresURL: String? {
    ProcessInfo.processInfo.environment["ACCORD_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
  }

  public static var available: [StoreKind] { postgresURL == nil ? [.sqliteMemory, .sqliteFile] : allCases }

  /// The kinds two replicas can share: a SQLite file and PostgreSQL.
  public static var replicable: [StoreKind] { available.filter { $0 != .sqliteMemory } }

  /// Two stores on one database, as two broker replicas would have (SQLite file and PostgreSQL only).
  public func makeReplicas() async throws -> (any BrokerStore, any BrokerStore)? {
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

  public func make() async throws -> any BrokerStore {
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

public struct TestSetupError: Error, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}
