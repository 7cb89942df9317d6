import AccordModel
import Foundation

/// A seeded source of hostile input for the fuzz test: deep, huge and malformed contracts, bodies and requests,
/// and random mutations of real ones. The same seed gives the same inputs, so a failure reproduces.
struct HostileInputs {
  var random: SeededRandom

  init(seed: UInt64) {
    random = SeededRandom(seed: seed)
  }

  // MARK: Contracts

  static func contract(request: String, response: String, version: String = "3.0.0") -> Data {
    Data(
      """
      {"consumer": {"name": "C"}, "provider": {"name": "P"},
       "interactions": [{"description": "hostile", "request": \(request), "response": \(response)}],
       "metadata": {"pactSpecification": {"version": "\(version)"}}}
      """.utf8)
  }

  /// Contracts that once crashed, hung or passed silently.
  static let craftedContracts: [Data] = {
    let deepJSON = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
    let deepXML = String(repeating: "<a>", count: 50_000) + String(repeating: "</a>", count: 50_000)
    let longPath = "$" + String(repeating: ".a", count: 80)
    var nested: String = "1"
    for _ in 0..<80 { nested = "{\"a\": \(nested)}" }
    return [
      contract(request: #"{"method": "GET", "path": "/"}"#, response: #"{"status": 200, "body": \#(deepJSON)}"#),
      contract(
        request: #"{"method": "GET", "path": "/"}"#,
        response: #"{"status": 200, "headers": {"Content-Type": "application/xml"}, "body": "\#(deepXML)"}"#),
      contract(
        request: #"{"method": "GET", "path": "/"}"#,
        response:
          #"{"status": 200, "body": \#(nested), "matchingRules": {"body": {"\#(longPath)": {"matchers": [{"match": "type"}]}}}}"#
      ),
      contract(
        request: #"{"method": "GET", "path": "/"}"#,
        response:
          #"{"status": 200, "body": {"a": "x"}, "matchingRules": {"body": {"$.a": {"matchers": [{"match": "regex", "regex": "a{2000000000}"}]}}}}"#
      ),
      contract(
        request: #"{"method": "GET", "path": "/"}"#,
        response:
          #"{"status": 200, "body": {"a": "x"}, "matchingRules": {"body": {"$.a": {"matchers": [{"match": "regex", "regex": "\#(String(repeating: "(", count: 100_000))a\#(String(repeating: ")", count: 100_000))"}]}}}}"#
      ),
      contract(
        request: #"{"method": "GET", "path": "/"}"#,
        response:
          #"{"status": 200, "body": {"a": "x"}, "matchingRules": {"body": {"$.a": {"matchers": [{"match": "date", "format": "\#(String(repeating: "[", count: 50_000))"}]}}}}"#
      ),
      contract(
        request: #"{"method": "GET / HTTP/1.1\r\nHost: x\r\n\r\nDELETE", "path": "/"}"#, response: #"{"status": 200}"#),
      contract(
        request: #"{"method": "GET", "path": "/"}"#,
        response:
          #"{"status": 200, "body": {"a": "x"}, "generators": {"body": {"$.a": {"type": "RandomString", "size": 10000000000000}}}}"#
      ),
      contract(
        request: #"{"method": "GET", "path": "/"}"#,
        response:
          #"{"status": 200, "body": {"a": "x"}, "generators": {"body": {"$.a": {"type": "Regex", "regex": "a{9223372036854775807,}"}}}}"#
      ),
      contract(request: #"{"method": "GET", "path": "/"}"#, response: #"{"status": 200, "body": [1e999]}"#),
      contract(request: #"{"method": "GET", "path": "/"}"#, response: #"{"status": 200, "body": "\ud800A"}"#),
      contract(
        request: #"{"method": "GET", "path": "/"}"#,
        response:
          #"{"status": 200, "body": [1], "matchingRules": {"body": {"$": {"matchers": [{"match": "type", "min": 5, "max": 1}]}}}}"#
      ),
      contract(
        request: #"{"method": "GET", "path": "/"}"#,
        response:
          #"{"status": 200, "generators": {"status": {"type": "ProviderState", "expression": "${s}", "dataType": "INTEGER"}}}"#
      ),
      Data([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]),
      Data(String(repeating: "{\"a\":", count: 100_000).utf8),
    ]
  }()

  /// A random change to `data`: bytes flipped, a cut, a slice repeated, or bytes inserted.
  mutating func mutate(_ data: Data) -> Data {
    var bytes = [UInt8](data)
    guard !bytes.isEmpty else { return Data([UInt8(truncatingIfNeeded: random.next())]) }
    for _ in 0..<(1 + Int(random.next() % 4)) {
      let position = Int(random.next() % UInt64(bytes.count))
      switch random.next() % 5 {
      case 0: bytes[position] = UInt8(truncatingIfNeeded: random.next())
      case 1: bytes = Array(bytes[..<position])
      case 2:
        let end = min(bytes.count, position + Int(random.next() % 64))
        bytes.insert(contentsOf: bytes[position..<end], at: position)
      case 3: bytes.insert(contentsOf: [0xFF, 0x5C, 0x75, 0x64, 0x38, 0x30, 0x30], at: position)
      default: bytes.insert(contentsOf: Array(#"[[[[{"$":[{"a":1e308}]}]]]]"#.utf8), at: position)
      }
      if bytes.isEmpty { break }
    }
    return Data(bytes)
  }

  // MARK: Bodies

  /// Bodies with a content type: deep, huge, malformed, invalid UTF-8.
  mutating func body() -> (data: Data, contentType: String) {
    switch random.next() % 8 {
    case 0:
      return (Data((String(repeating: "[", count: 700) + String(repeating: "]", count: 700)).utf8), "application/json")
    case 1: return (Data(String(repeating: "x", count: 1 << 20).utf8), "text/plain")
    case 2: return (Data([0x22, 0xC3, 0x28, 0x22]), "application/json")
    case 3:
      return (
        Data((String(repeating: "<a>", count: 20_000) + String(repeating: "</a>", count: 20_000)).utf8),
        "application/xml"
      )
    case 4: return (Data("name=%ZZ&a=%F0%28%8C%BC".utf8), "application/x-www-form-urlencoded")
    case 5: return (Data([0x89, 0x50, 0x4E, 0x47, 0xFF, 0x00]), "image/png")
    case 6: return (Data(#"{"id": 123, "name": "Alice", "roles": ["admin"], "n": 1e999}"#.utf8), "application/json")
    default:
      let count = Int(random.next() % 512)
      return (Data((0..<count).map { _ in UInt8(truncatingIfNeeded: self.random.next()) }), "application/octet-stream")
    }
  }

  // MARK: Requests

  /// A raw HTTP/1.1 request for the stub: malformed heads, broken chunking, odd encodings, hostile paths.
  mutating func request() -> (bytes: [UInt8], name: String) {
    let body = body()
    let choice = random.next() % 12
    let head: String
    var payload = [UInt8](body.data)
    switch choice {
    case 0: head = "GET /users/123?fields=full HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n"
    case 1: head = "GET /users/%0A%1B[2J%00%FF HTTP/1.1\r\nHost: x\r\n"
    case 2:
      head = "POST /users HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: \(body.contentType)\r\n"
      payload = Array("ZZ\r\nxx\r\n".utf8)
    case 3:
      head = "POST /users HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n"
      payload = Array("0\r\n\r\n".utf8)
    case 4: head = "GET /\(String(repeating: "a", count: 70_000)) HTTP/1.1\r\nHost: x\r\n"
    case 5:
      head =
        "GET / HTTP/1.1\r\nHost: x\r\n"
        + (0..<200).map { "X-H\($0): \(String(repeating: "v", count: 50))\r\n" }.joined()
    case 6:
      head =
        "POST /users HTTP/1.1\r\nHost: x\r\nContent-Type: \(body.contentType)\r\nContent-Length: \(payload.count)\r\n"
    case 7: head = "\u{FF}\u{FE} / HTTP/1.1\r\n"
    case 8: head = "GET /users/123 HTTP/9.9\r\nHost: x\r\n"
    case 9: head = "POST /users HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n"
    case 10:
      head =
        "GET /users/123 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(payload.count)\r\n"
    default:
      let raw = mutate(Data("GET /users/123 HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n\r\n".utf8))
      return ([UInt8](raw), "mutated request \(raw.count) bytes")
    }
    let connection = "Connection: close\r\n\r\n"
    let bytes =
      Array((head + connection).utf8)
      + (choice == 0 || choice == 1 || choice == 4 || choice == 5 || choice == 8 ? [] : payload)
    return (bytes, "request kind \(choice)")
  }
}
