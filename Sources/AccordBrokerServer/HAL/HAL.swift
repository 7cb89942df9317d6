import AccordModel
import Foundation
import HTTPTypes
import Hummingbird

/// HAL JSON responses: `_links` built from relation → href, and the media type Pact clients expect.
enum HAL {
  static let mediaType = "application/hal+json;charset=utf-8"

  static func link(_ href: String, title: String? = nil, name: String? = nil, templated: Bool = false) -> JSONValue {
    var members: JSONObject = ["href": .string(href)]
    if let title { members["title"] = .string(title) }
    if let name { members["name"] = .string(name) }
    if templated { members["templated"] = true }
    return .object(members)
  }

  static func response(_ body: JSONValue, status: HTTPResponse.Status = .ok, location: String? = nil) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = mediaType
    if let location { headers[.location] = location }
    return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body.data())))
  }

  static func date(_ date: Date) -> JSONValue {
    .string(date.formatted(.iso8601))
  }
}
