import AccordBroker
import AccordBrokerPostgres
import Foundation
import Logging
import PostgresNIO

/// A fresh database per test on the PostgreSQL server the tests were given, so tests running at once never see each
/// other's data.
enum PostgresTestDatabase {
  static func create(serverURL: String) async throws -> PostgresBrokerStore {
    let name = "accord_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    let admin = try await PostgresBrokerStore.connect(url: serverURL, migrating: false)
    try await admin.execute(unsafeSQL: "CREATE DATABASE \(name)")
    admin.close()
    var components = URLComponents(string: serverURL)!
    components.path = "/" + name
    return try await PostgresBrokerStore.connect(url: components.string!)
  }
}
