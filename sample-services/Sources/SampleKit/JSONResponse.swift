import Foundation
import Hummingbird
import NIOCore

/// Encodes `value` as a JSON response with `status`.
///
/// ```swift
/// return try JSONResponse.make(user, status: .created)
/// ```
public enum JSONResponse {
  public static let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return encoder
  }()

  public static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
    let data = try encoder.encode(value)
    return Response(
      status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
  }

  /// Decodes the request's JSON body as `type`, or answers 400 naming what is wrong.
  public static func decode<T: Decodable>(
    _ type: T.Type, from request: Request, context: some RequestContext, limit: Int = 1 << 20
  ) async throws -> T {
    let buffer: ByteBuffer
    do {
      buffer = try await request.body.collect(upTo: limit)
    } catch is NIOTooManyBytesError {
      throw ServiceError(.contentTooLarge, "the body is over \(limit) bytes; send less")
    } catch {
      throw ServiceError(.badRequest, "the body could not be read (\(error)); send the whole body")
    }
    do {
      return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
    } catch let DecodingError.keyNotFound(key, _) {
      throw ServiceError(.badRequest, "the body has no \"\(key.stringValue)\"; add it")
    } catch let DecodingError.typeMismatch(_, context) {
      throw ServiceError(.badRequest, "the body's \(path(context.codingPath)) has the wrong type")
    } catch let DecodingError.valueNotFound(_, context) {
      throw ServiceError(.badRequest, "the body's \(path(context.codingPath)) is null; give a value")
    } catch {
      throw ServiceError(.badRequest, "the body is not the JSON this endpoint takes")
    }
  }

  static func path(_ keys: [any CodingKey]) -> String {
    "$" + keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
  }
}
