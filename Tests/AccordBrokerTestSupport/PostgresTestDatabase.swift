import AccordBroker
import Foundation
import Logging
import PostgresNIO

@testable import AccordBrokerPostgres

/// A fresh database per test on the PostgreSQL server the tests were given, so tests running at once never see each
/// other's data.
///
/// Names carry their creation time (`accord_test_<seconds>_<random>`); the first database a test run creates first
/// drops the test databases over an hour old that nobody is connected to, so a long-lived server does not collect
/// hundreds of them (their autovacuum alone keeps a small machine busy).
public enum PostgresTestDatabase {
  /// A new database with the broker's tables, and a store on it.
  public static func create(serverURL: String) async throws -> PostgresBrokerStore {
    try await PostgresBrokerStore.connect(url: try await createEmpty(serverURL: serverURL))
  }

  /// A new, empty database (no tables): its URL, for a broker process to create the tables or for a command that
  /// must refuse a database without them.
  public static func createEmpty(serverURL: String) async throws -> String {
    await sweeper.sweep(serverURL: serverURL)
    let seconds = Int(Date().timeIntervalSince1970)
    let random = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
    let name = "accord_test_\(seconds)_\(random)"
    let admin = try await PostgresBrokerStore.connect(url: serverURL, migrating: false)
    defer { admin.close() }
    try await admin.execute(unsafeSQL: "CREATE DATABASE \(name)")
    var components = URLComponents(string: serverURL)!
    components.path = "/" + name
    return components.string!
  }

  /// The test databases to drop among `names`: those over `maximumAge` seconds old at `now`, and those from before
  /// names carried a time.
  public static func stale(_ names: [String], now: Date, maximumAge: TimeInterval = 3600) -> [String] {
    names.filter { name in
      guard name.hasPrefix("accord_test_") else { return false }
      let parts = name.dropFirst("accord_test_".count).split(separator: "_")
      guard parts.count == 2, let seconds = Double(parts[0]) else { return true }
      return now.timeIntervalSince1970 - seconds > maximumAge
    }
  }

  static let sweeper = Sweeper()

  /// Drops stale test databases once per test process.
  actor Sweeper {
    private var done = false

    func sweep(serverURL: String) async {
      guard !done else { return }
      done = true
      guard let configuration = try? PostgresBrokerStore.configuration(serverURL) else { return }
      let client = PostgresClient(configuration: configuration)
      await withTaskGroup(of: Void.self) { group in
        group.addTask { await client.run() }
        do {
          let rows = try await client.query("SELECT datname FROM pg_database WHERE datname LIKE 'accord_test_%'")
          var names: [String] = []
          for try await name in rows.decode(String.self) { names.append(name) }
          for name in PostgresTestDatabase.stale(names, now: Date()) {
            // Without FORCE: a database another test run is still using stays.
            _ = try? await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \"\(name)\""))
          }
        } catch {
          // A sweep that fails leaves the old databases; the tests themselves are unaffected.
        }
        group.cancelAll()
      }
    }
  }
}
