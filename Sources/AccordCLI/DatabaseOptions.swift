import AccordBroker
import AccordBrokerPostgres
import AccordBrokerSQLite
import AccordModel
import ArgumentParser
import Foundation

/// `--database` (or `ACCORD_BROKER_DATABASE`): where a broker keeps everything. Shared by `accord broker serve`,
/// which creates and migrates the database, and `accord broker clean`, which only opens one that exists.
///
/// ```swift
/// @OptionGroup var database: DatabaseOptions
/// let store = try await database.argument().openExisting()
/// ```
struct DatabaseOptions: ParsableArguments {
  static let environmentVariable = "ACCORD_BROKER_DATABASE"
  static let defaultValue = "sqlite:./accord-broker.sqlite"

  @Option(
    name: .customLong("database"),
    help: """
      sqlite:PATH (the default, sqlite:./accord-broker.sqlite), or postgres://user:password@host:port/database for \
      several brokers on one database (or ACCORD_BROKER_DATABASE).
      """)
  var flag: String?

  /// Where the value came from, for messages: the flag or the variable.
  var source: String {
    flag == nil && ProcessInfo.processInfo.environment[Self.environmentVariable] != nil
      ? Self.environmentVariable : "--database"
  }

  func validate() throws {
    _ = try argument()
  }

  /// The database named by `--database`, else `ACCORD_BROKER_DATABASE`, else the default file.
  func argument(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DatabaseArgument {
    if let flag { return try DatabaseArgument(flag, source: "--database") }
    if let value = environment[Self.environmentVariable] {
      // Set but blank is a mistake (a missing secret, a typo in a unit file), not a wish for the default file.
      guard !value.trimmingCharacters(in: .whitespaces).isEmpty else {
        throw ValidationError(
          "\(Self.environmentVariable) is set but empty; give sqlite:PATH or postgres://user:pass@host:port/db, "
            + "or unset it for the default (\(Self.defaultValue))")
      }
      return try DatabaseArgument(value, source: Self.environmentVariable)
    }
    return try DatabaseArgument(Self.defaultValue, source: "--database")
  }
}

/// A parsed `--database` value: `sqlite:PATH`, or a `postgres://` URL.
struct DatabaseArgument {
  enum Kind {
    case sqlite(String)
    case postgres(String)
  }
  let kind: Kind
  /// The value as given.
  let text: String

  init(_ text: String, source: String = "--database") throws {
    self.text = text
    if text.hasPrefix("sqlite:") {
      let path = String(text.dropFirst("sqlite:".count))
      guard !path.isEmpty else { throw ValidationError("\(source) sqlite: needs a path, e.g. sqlite:./broker.sqlite") }
      kind = .sqlite(path)
    } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
      kind = .postgres(text)
    } else {
      throw ValidationError(
        "\(source) \(PrintSafe.quoted(Self.redacted(text))) is neither sqlite:PATH nor postgres://user:pass@host:port/db"
      )
    }
  }

  /// A `--database` value without its password, for printing.
  static func redacted(_ text: String) -> String {
    text.hasPrefix("postgres") ? PostgresBrokerStore.redacted(text) : text
  }

  /// Opens the database, creating and migrating it: for the broker itself.
  func open() async throws -> any BrokerStore {
    switch kind {
    case .sqlite(let path): return try SQLiteBrokerStore(path: path)
    case .postgres(let url): return try await PostgresBrokerStore.connect(url: url)
    }
  }

  /// Opens a broker database that exists, with the broker's tables, and changes no schema: for maintenance.
  func openExisting() async throws -> any BrokerStore {
    switch kind {
    case .sqlite(let path): return try SQLiteBrokerStore(existingPath: path)
    case .postgres(let url): return try await PostgresBrokerStore.connectExisting(url: url)
    }
  }
}
