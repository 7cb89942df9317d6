import AccordBrokerSQL

/// The PostgreSQL schema: ``BrokerSchema``'s migrations by version, and the steps of this store's own history.
/// Applied under an advisory lock, so replicas starting together migrate once.
enum PostgresSchema {
  static let lockKey: Int64 = 0x4143_434F_5244  // "ACCORD"

  static let migrations: [(version: Int64, statements: [String])] =
    (BrokerSchema.migrations(.postgres).map { ($0.version, $0.statements) } + [
      // 3 created the PL/pgSQL publish function (publishing is now the shared store's transaction); 5 drops it.
      (3, []),
      (5, ["DROP FUNCTION IF EXISTS accord_publish"]),
    ]).sorted { $0.version < $1.version }
}
