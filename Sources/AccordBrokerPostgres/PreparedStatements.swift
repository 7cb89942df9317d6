import Foundation
import PostgresNIO
import Synchronization

/// The statements prepared on each pooled connection, so PostgreSQL parses and plans each query once per connection
/// instead of once per call. Planning the broker's joins costs more than running them (measured: 1–2 ms to bind
/// the pacts query without a cached plan, 0.2 ms to run it), so this halves the time of most requests.
///
/// Connections are known by their pool id, which a pool never reuses. A connection holds at most
/// ``limit`` statements; past it, queries run unprepared.
///
/// ```swift
/// let statements = PreparedStatements()
/// if let prepared = try await statements.prepared("SELECT id FROM pacticipants WHERE name = ?", on: connection) {
///   let rows = try await prepared.execute([PostgresData(string: "web")]).get()
/// }
/// ```
final class PreparedStatements: Sendable {
  /// The most statements kept on one connection; the broker has about a hundred distinct queries.
  static let limit = 400
  /// The most connections remembered; older ones have closed long ago when a pool of 16 has opened this many.
  static let connections = 256

  private let cache = Mutex<[PostgresConnection.ID: [String: PreparedQuery]]>([:])

  /// The statement `sql` (with `?` placeholders, numbered when it is prepared) prepared on `connection`, preparing
  /// it on first use; `nil` when the connection already holds ``limit`` statements.
  func prepared(_ sql: String, on connection: PostgresConnection) async throws -> PreparedQuery? {
    let (known, full) = cache.withLock { cache -> (PreparedQuery?, Bool) in
      let statements = cache[connection.id]
      return (statements?[sql], (statements?.count ?? 0) >= Self.limit)
    }
    if let known { return known }
    if full { return nil }
    let prepared = try await connection.prepare(query: PostgresSession.numbered(sql)).get()
    cache.withLock { cache in
      if cache[connection.id] == nil && cache.count >= Self.connections {
        cache.removeValue(forKey: cache.keys.min()!)
      }
      cache[connection.id, default: [:]][sql] = prepared
    }
    return prepared
  }

  /// Forgets `sql` on `connection`, whose plan no longer fits the tables (another replica migrated them); the next
  /// call prepares it again.
  func forget(_ sql: String, on connection: PostgresConnection) {
    _ = cache.withLock { cache in cache[connection.id]?.removeValue(forKey: sql) }
  }
}
