import AccordBroker
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Finds the addresses a webhook's host name stands for, once per call: the executor checks each against the
/// network policy and connects to the one it checked. A protocol so tests can give a name any answer.
///
/// ```swift
/// let addresses = try await SystemWebhookResolver().addresses(of: "ci.example.com")
/// ```
public protocol WebhookResolver: Sendable {
  /// The addresses of `host` (a name; addresses are never passed), in the order to try them.
  func addresses(of host: String) async throws -> [IPAddress]
}

/// The system's resolver (`getaddrinfo`, so `/etc/hosts` and the configured name servers), run off the event
/// loops on a thread of its own.
public struct SystemWebhookResolver: WebhookResolver {
  public init() {}

  public struct Failure: Error, CustomStringConvertible {
    public let description: String
  }

  public func addresses(of host: String) async throws -> [IPAddress] {
    try await withCheckedThrowingContinuation { continuation in
      DispatchQueue.global().async {
        continuation.resume(with: Result { try Self.lookUp(host) })
      }
    }
  }

  static func lookUp(_ host: String) throws -> [IPAddress] {
    var hints = addrinfo()
    #if canImport(Glibc)
      hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    #else
      hints.ai_socktype = SOCK_STREAM
    #endif
    var list: UnsafeMutablePointer<addrinfo>?
    let status = getaddrinfo(host, nil, &hints, &list)
    guard status == 0, let list else {
      let reason = String(cString: gai_strerror(status))
      throw Failure(description: "cannot resolve the webhook's host \(host): \(reason)")
    }
    defer { freeaddrinfo(list) }
    var addresses: [IPAddress] = []
    var entry: UnsafeMutablePointer<addrinfo>? = list
    while let current = entry {
      if let address = current.pointee.ai_addr, let parsed = Self.address(address), !addresses.contains(parsed) {
        addresses.append(parsed)
      }
      entry = current.pointee.ai_next
    }
    guard !addresses.isEmpty else { throw Failure(description: "the webhook's host \(host) has no address") }
    return addresses
  }

  static func address(_ pointer: UnsafeMutablePointer<sockaddr>) -> IPAddress? {
    switch Int32(pointer.pointee.sa_family) {
    case AF_INET:
      return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { ipv4 in
        withUnsafeBytes(of: ipv4.pointee.sin_addr) { IPAddress(bytes: Array($0)) }
      }
    case AF_INET6:
      return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { ipv6 in
        withUnsafeBytes(of: ipv6.pointee.sin6_addr) { IPAddress(bytes: Array($0)) }
      }
    default:
      return nil
    }
  }
}
