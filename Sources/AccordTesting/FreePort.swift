import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A TCP port on 127.0.0.1 that nobody listens on now: for starting a process that must be told its port (a
/// server that cannot be asked for port 0). Another process may take it before yours does; retry on a clash.
///
/// ```swift
/// let port = try FreePort.next()
/// let stub = try runAccord(["stub", "--port", "\(port)", "--contract", path])
/// ```
public enum FreePort {
  /// Why no port could be had.
  public struct Failure: Error, CustomStringConvertible {
    public let description: String
  }

  /// Binds a socket to port 0 on 127.0.0.1, reads the port the kernel chose, and closes the socket.
  public static func next() throws(Failure) -> Int {
    #if canImport(Glibc)
      let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      let descriptor = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard descriptor >= 0 else { throw Failure(description: "socket() failed (errno \(errno))") }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
    }
    guard bound == 0 else { throw Failure(description: "bind() to 127.0.0.1:0 failed (errno \(errno))") }
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
  }
}
