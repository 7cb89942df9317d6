import AccordBroker
import AccordBrokerSQLite
import Foundation
import Testing

/// The stores the shared suite runs against: every test takes one of these as its argument, so each store passes
/// the same checks.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
  case sqliteMemory = "SQLite in memory"
  case sqliteFile = "SQLite file"

  var testDescription: String { rawValue }

  static var available: [StoreKind] { allCases }

  func make() throws -> any BrokerStore {
    switch self {
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

/// AccordModel has a `Pacticipant` too (a contract's consumer or provider name); here it is the broker's.
typealias Pacticipant = AccordBroker.Pacticipant
