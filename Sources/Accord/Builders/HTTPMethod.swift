/// An HTTP method: `.get`, `.post`, … or any other by its name.
public struct HTTPMethod: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
  public let name: String

  public init(_ name: String) { self.name = name.uppercased() }
  public init(stringLiteral name: String) { self.init(name) }

  public static let get = HTTPMethod("GET")
  public static let post = HTTPMethod("POST")
  public static let put = HTTPMethod("PUT")
  public static let patch = HTTPMethod("PATCH")
  public static let delete = HTTPMethod("DELETE")
  public static let head = HTTPMethod("HEAD")
  public static let options = HTTPMethod("OPTIONS")

  public var description: String { name }
}
