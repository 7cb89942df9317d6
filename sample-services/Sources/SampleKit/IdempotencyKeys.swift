import Foundation
import GRDB
import HTTPTypes
import Hummingbird

/// Answers remembered by `Idempotency-Key`, so a step a client retries is applied once: the first request's answer
/// is stored in the same transaction as its change, and a retry with the same key gets that answer again. A key
/// sent again with a different request (another operation, or other input) is refused with 422, as payment APIs do:
/// it is a client bug, and replaying the first answer would hide it.
///
/// ```swift
/// let call = IdempotencyKeys.Call(key: key, operation: "reserve", input: ask)
/// try await database.write { db in
///   if let earlier = try call.earlier(db) { return earlier }
///   // … apply the change …
///   return try call.remember(status: 201, json: reservation, db)
/// }
/// ```
public enum IdempotencyKeys {
  public static let header = HTTPField.Name("Idempotency-Key")!

  /// The table; run in a service's migration.
  public static func createTable(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE idempotency_keys (
          key TEXT PRIMARY KEY, request BLOB NOT NULL, status INTEGER NOT NULL, body BLOB NOT NULL)
        """)
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

  /// One keyed request: its key, and what was asked (operation and input), to tell a retry from a misused key.
  public struct Call: Sendable {
    public var key: String
    var request: Data

    public init(key: String, operation: String, input: some Encodable) throws {
      self.key = key
      var request = Data(operation.utf8)
      request.append(0x20)
      request.append(try JSONResponse.encoder.encode(input))
      self.request = request
    }

    /// The answer to an earlier request with this key; 422 when that request was a different one.
    public func earlier(_ db: Database) throws -> Answer? {
      guard
        let row = try Row.fetchOne(
          db, sql: "SELECT request, status, body FROM idempotency_keys WHERE key = ?", arguments: [key])
      else { return nil }
      guard (row["request"] as Data) == request else {
        throw ServiceError(
          .unprocessableContent,
          "the Idempotency-Key \"\(key)\" was already used for a different request; send a new key for a new request")
      }
      return Answer(status: row["status"], body: row["body"])
    }

    /// Stores and returns the answer to this request.
    @discardableResult
    public func remember(status: Int, json: some Encodable, _ db: Database) throws -> Answer {
      let body = try JSONResponse.encoder.encode(json)
      try db.execute(
        sql: "INSERT INTO idempotency_keys (key, request, status, body) VALUES (?, ?, ?, ?)",
        arguments: [key, request, status, body])
      return Answer(status: status, body: body)
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
}
