import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Sends raw bytes to 127.0.0.1 and reads until the server closes the connection or `timeout` passes: requests no
/// HTTP client would send (malformed heads, broken chunking, invalid UTF-8).
public enum RawSocket {
  #if canImport(Glibc)
    static let noSignal = Int32(MSG_NOSIGNAL)
  #else
    static let noSignal: Int32 = 0
  #endif

  public struct Exchange: Sendable {
    /// What came back (possibly nothing).
    public var received: [UInt8]
    /// Whether the server closed the connection (false: the timeout passed first).
    public var closed: Bool
    /// Whether the connection was refused: nothing listens.
    public var refused: Bool

    /// The status code of the first response line, if any: `HTTP/1.1 200 OK` → 200.
    public var status: Int? {
      let head = String(decoding: received.prefix(32), as: UTF8.self)
      guard head.hasPrefix("HTTP/1."), head.count >= 12 else { return nil }
      return Int(head.dropFirst(9).prefix(3))
    }
  }

  public static func exchange(_ bytes: [UInt8], port: Int, timeout: Double = 10) -> Exchange {
    #if canImport(Glibc)
      let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      let descriptor = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    defer { close(descriptor) }
    var wait = timeval()
    wait.tv_sec = .init(Int(timeout))
    wait.tv_usec = .init(Int((timeout - Double(Int(timeout))) * 1e6))
    setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
    setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { return Exchange(received: [], closed: true, refused: true) }
    var sent = 0
    while sent < bytes.count {
      let written = bytes[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Self.noSignal) }
      if written <= 0 { break }
      sent += written
    }
    // The request is complete: say so, so that a server waiting for more of a truncated request sees the end.
    _ = shutdown(descriptor, Int32(SHUT_WR))
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
      if count == 0 { return Exchange(received: received, closed: true, refused: false) }
      if count < 0 {
        let timedOut = errno == EAGAIN || errno == EWOULDBLOCK
        return Exchange(received: received, closed: !timedOut, refused: false)
      }
      received += buffer[0..<count]
      if received.count > 1 << 24 { return Exchange(received: received, closed: false, refused: false) }
    }
  }
}
