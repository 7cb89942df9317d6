import Foundation
import HTTPTypes
import GRDB
import Hummingbird

/// Answers remembered by `Idempotency-Key`, so a step a client retries is applied once: the first request's answer
/// is stored in the same transaction as its change, and a retry with the same key gets that answer again.
///
/// ```swift
/// try await database.write { db in
///   if let earlier = try IdempotencyKeys.answer(for: key, db) { return earlier }
///   // … apply the change …
///   return try IdempotencyKeys.remember(key, status: 201, json: reservation, db)
/// }
/// ```
public enum IdempotencyKeys {
  public static let header = HTTPField.Name("Idempotency-Key")!

  /// The table; run in a service's migration.
  public static func createTable(_ db: Database) throws {
    try db.execute(
      sql: "CREATE TABLE idempotency_keys (key TEXT PRIMARY KEY, status INTEGER NOT NULL, body BLOB NOT NULL)")
  }

  /// A stored answer: status and JSON body.
  public struct Answer: Sendable {
    public var status: Int
    public var body: Data

    public var response: Response {
      Response(
        status: .init(code: status), headers: [.contentType: "application/json"],
        body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
  }

  /// The key of a request, or 400 saying to send one.
  public static func key(of request: Request) throws -> String {
    guard let key = request.headers[header], !key.isEmpty, key.count <= 200 else {
      throw ServiceError(
        .badRequest, "send an Idempotency-Key header (up to 200 characters) so a retried request is applied once")
    }
    return key
  }

  public static func answer(for key: String, _ db: Database) throws -> Answer? {
    try Row.fetchOne(db, sql: "SELECT status, body FROM idempotency_keys WHERE key = ?", arguments: [key]).map {
      Answer(status: $0["status"], body: $0["body"])
    }
  }

  /// Stores and returns the answer for `key`.
  @discardableResult
  public static func remember(_ key: String, status: Int, json: some Encodable, _ db: Database) throws -> Answer {
    let body = try JSONResponse.encoder.encode(json)
    try db.execute(
      sql: "INSERT INTO idempotency_keys (key, status, body) VALUES (?, ?, ?)", arguments: [key, status, body])
    return Answer(status: status, body: body)
  }
}
