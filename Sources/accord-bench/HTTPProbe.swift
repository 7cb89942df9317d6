import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A minimal blocking HTTP/1.1 client over one keep-alive connection, for measuring a server's latency without a
/// client library's own overhead in the figure. Benchmark use only: it understands `Content-Length` bodies.
final class HTTPProbe {
  private let descriptor: Int32
  private var buffer = [UInt8](repeating: 0, count: 1 << 16)

  init(port: Int) throws {
    descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw BenchmarkFailure(message: "socket() failed") }
    var noDelay: Int32 = 1
    setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else {
      close(descriptor)
      throw BenchmarkFailure(message: "cannot connect to 127.0.0.1:\(port)")
    }
  }

  deinit { close(descriptor) }

  /// Sends a GET and reads the whole response; returns the status code.
  @discardableResult
  func get(_ path: String, headers: [String] = ["Accept: application/json"]) throws -> Int {
    let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers.map { $0 + "\r\n" }.joined() + "\r\n"
    try write(Array(request.utf8))
    return try readResponse()
  }

  /// Sends a POST whose body is `prefix`, then `filler` repeated, then spaces, then `suffix`, `totalBytes` in all
  /// (whole fillers only, so a JSON body stays valid), written in `scratch`-sized pieces so that the client holds no
  /// copy of the body; returns the status.
  @discardableResult
  func post(
    _ path: String, contentType: String, prefix: [UInt8], filler: [UInt8], suffix: [UInt8], totalBytes: Int,
    scratch: [UInt8]
  ) throws -> Int {
    let head =
      "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: \(contentType)\r\n"
      + "Content-Length: \(totalBytes)\r\n\r\n"
    try write(Array(head.utf8))
    try write(prefix)
    var left = totalBytes - prefix.count - suffix.count
    var piece = [UInt8]()
    piece.reserveCapacity(scratch.count)
    while piece.count + filler.count <= scratch.count { piece += filler }
    while left >= piece.count {
      try write(piece)
      left -= piece.count
    }
    let whole = left / filler.count * filler.count
    try write(Array(piece[..<whole]) + Array(repeating: UInt8(ascii: " "), count: left - whole))
    try write(suffix)
    return try readResponse()
  }

  /// Reads one whole response; returns its status.
  private func readResponse() throws -> Int {
    var received: [UInt8] = []
    while true {
      let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
      guard count > 0 else { throw BenchmarkFailure(message: "the connection closed") }
      received.append(contentsOf: buffer[..<count])
      if let status = Self.complete(received) { return status }
    }
  }

  private func write(_ bytes: [UInt8]) throws {
    var sent = 0
    while sent < bytes.count {
      let count = bytes[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
      guard count > 0 else { throw BenchmarkFailure(message: "send() failed") }
      sent += count
    }
  }

  /// The status when `received` holds a whole response.
  private static func complete(_ received: [UInt8]) -> Int? {
    let separator: [UInt8] = [13, 10, 13, 10]
    guard let end = received.firstRange(of: separator) else { return nil }
    let head = String(decoding: received[..<end.lowerBound], as: UTF8.self)
    let lines = head.split(separator: "\r\n")
    let length =
      lines.first { $0.lowercased().hasPrefix("content-length:") }
      .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
    guard received.count - end.upperBound >= length else { return nil }
    return lines.first.flatMap { Int($0.split(separator: " ")[1]) }
  }
}
