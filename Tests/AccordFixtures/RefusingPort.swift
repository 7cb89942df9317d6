import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A port on 127.0.0.1 that refuses connections for as long as this value lives: the socket is bound (so no other
/// test can take the port) but not listening. Unlike a port that was freed, it cannot be reused behind the test's
/// back.
///
/// ```swift
/// let closed = try RefusingPort()
/// defer { closed.close() }
/// let url = "http://127.0.0.1:\(closed.port)"
/// ```
public final class RefusingPort: Sendable {
  public let port: Int
  private let descriptor: Int32
  private let closed = Mutex(false)

  public init() throws {
    #if canImport(Glibc)
      let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      let descriptor = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    self.descriptor = descriptor
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let named = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
    }
    guard descriptor >= 0, bound == 0, named == 0 else {
      throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot bind a refusing port"])
    }
    port = Int(UInt16(bigEndian: address.sin_port))
  }

  /// `http://127.0.0.1:<port>`
  public var url: String { "http://127.0.0.1:\(port)" }

  /// Frees the port (once; later calls do nothing).
  public func close() {
    let first = closed.withLock { closed in
      defer { closed = true }
      return !closed
    }
    guard first else { return }
    #if canImport(Glibc)
      _ = Glibc.close(descriptor)
    #else
      _ = Darwin.close(descriptor)
    #endif
  }

  deinit { close() }
}
