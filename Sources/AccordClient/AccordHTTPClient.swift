import AccordModel
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOPosix
import Synchronization

/// The one HTTP client configuration Accord calls out with (verifier, contract URLs, broker client), and the one
/// way to make a call: the whole exchange, head and body, within one deadline and one size limit, and every
/// failure an ``HTTPCallError`` that names what was called.
///
/// A refused connection fails at once instead of being retried until the deadline, so a provider that is down is
/// reported at once; a connect attempt gives up after five seconds.
///
/// ```swift
/// let answer = try await AccordHTTPClient.send(
///   OutgoingRequest(url: "http://127.0.0.1:8080/health"), peer: "the provider", timeout: .seconds(10))
/// print(answer.status)
/// ```
public enum AccordHTTPClient {
  /// The largest body read from an answer unless a call says otherwise.
  public static let defaultMaximumSize = 64 * 1024 * 1024

  /// Shared by every call with the default read timeout (30 s); it lives as long as the process, as
  /// `HTTPClient.shared` does.
  public static let shared: HTTPClient = client(readTimeout: .seconds(30))

  /// One client per read timeout and redirect rule (a run uses one or two), each living as long as the process.
  private static let clients = Mutex<[ClientKey: HTTPClient]>([:])

  private struct ClientKey: Hashable {
    var nanoseconds: Int64
    var followsRedirects: Bool
  }

  static func client(readTimeout: Duration, followRedirects: Bool = true) -> HTTPClient {
    let nanoseconds = max(1_000_000, readTimeout.clampedNanoseconds)
    let key = ClientKey(nanoseconds: nanoseconds, followsRedirects: followRedirects)
    return clients.withLock { clients in
      if let client = clients[key] { return client }
      let client = HTTPClient(
        eventLoopGroupProvider: .singleton,
        configuration: configuration(nanoseconds: nanoseconds, followRedirects: followRedirects))
      clients[key] = client
      return client
    }
  }

  static func configuration(nanoseconds: Int64, followRedirects: Bool) -> HTTPClient.Configuration {
    var configuration = HTTPClient.Configuration()
    configuration.connectionPool.retryConnectionEstablishment = false
    configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 16
    configuration.timeout.connect = .seconds(5)
    configuration.timeout.read = .nanoseconds(nanoseconds)
    configuration.redirectConfiguration = followRedirects ? .follow(max: 5, allowCycles: false) : .disallow
    // No spans: Accord is not traced, and building a span's attributes for every call costs ~3% of a
    // verification against a local provider even with the no-op tracer.
    configuration.tracing.tracer = nil
    return configuration
  }

  /// Sends `request` to `address` (an IP address) instead of to whatever the URL's host resolves to now, keeping
  /// the host for `Host`, TLS's server name and the certificate check: a caller that checked the address it
  /// resolved (a webhook) connects to exactly that address, not to a second answer of the name server. No
  /// redirect is followed.
  public static func send(
    _ request: OutgoingRequest, connectingTo address: String, peer: String, timeout: Duration,
    maximumSize: Int = defaultMaximumSize
  ) async throws(HTTPCallError) -> ReceivedResponse {
    let host = URLComponents(string: request.url)?.host ?? ""
    var configuration = configuration(nanoseconds: max(1_000_000, timeout.clampedNanoseconds), followRedirects: false)
    let bare = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
    for name in [host, bare, "[\(bare)]"] { configuration.dnsOverride[name] = address }
    let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    let result: Result<ReceivedResponse, HTTPCallError>
    do {
      result = .success(
        try await send(request, peer: peer, timeout: timeout, maximumSize: maximumSize, using: client))
    } catch {
      result = .failure(error)
    }
    // Shut down after answering: closing a connection a stalled peer holds open must not add to the call's time.
    Task { try? await client.shutdown() }
    return try result.get()
  }

  /// Sends `request` and reads the whole answer. `peer` names what is called in errors ("the provider").
  /// `followRedirects: false` returns a 3xx as it is (a webhook must not be sent elsewhere than its URL says).
  public static func send(
    _ request: OutgoingRequest, peer: String, timeout: Duration, maximumSize: Int = defaultMaximumSize,
    followRedirects: Bool = true
  ) async throws(HTTPCallError) -> ReceivedResponse {
    try await send(
      request, peer: peer, timeout: timeout, maximumSize: maximumSize,
      using: client(readTimeout: timeout, followRedirects: followRedirects))
  }

  private static func send(
    _ request: OutgoingRequest, peer: String, timeout: Duration, maximumSize: Int, using client: HTTPClient
  ) async throws(HTTPCallError) -> ReceivedResponse {
    let outgoing = try prepare(request, peer: peer)
    let deadline = NIODeadline.now() + .nanoseconds(timeout.clampedNanoseconds)
    // AsyncHTTPClient's deadline covers the head. The body is read here, in the caller's task (a task of its own
    // would cost a hop between threads per call): a peer that stalls is stopped by the client's read timeout, which
    // is the call's timeout, and one that trickles by the deadline checked at each chunk. So a call ends within
    // its timeout after the last byte that came, and never later than twice the timeout.
    let result: Result<ReceivedResponse, any Error>
    do {
      let response = try await client.execute(outgoing, deadline: deadline)
      var headers = Headers()
      for field in response.headers { headers.add(field.name, field.value) }
      if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > maximumSize {
        throw NIOTooManyBytesError(maxBytes: maximumSize)
      }
      var body = ByteBuffer()
      for try await chunk in response.body {
        guard body.readableBytes + chunk.readableBytes <= maximumSize else {
          throw NIOTooManyBytesError(maxBytes: maximumSize)
        }
        body.writeImmutableBuffer(chunk)
        if NIODeadline.now() >= deadline { throw HTTPClientError.deadlineExceeded }
      }
      result = .success(
        ReceivedResponse(status: Int(response.status.code), headers: headers, body: Data(buffer: body)))
    } catch {
      result = .failure(error)
    }
    switch result {
    case .success(let response): return response
    case .failure(let error):
      let classified = classify(error, peer: peer, url: request.url, timeout: timeout, limit: maximumSize)
      // Past the deadline, or silent for the read timeout: the answer did not come in time.
      if classified.reason != .tooLarge(maximumSize), NIODeadline.now() >= deadline {
        throw HTTPCallError(.timedOut(timeout), peer: peer, url: request.url)
      }
      throw classified
    }
  }

  private static func prepare(_ request: OutgoingRequest, peer: String) throws(HTTPCallError) -> HTTPClientRequest {
    // Checked by hand (Foundation's URL parser costs more than the call on a local provider): scheme, a host, and a
    // port from 1 to 65535.
    let text = Substring(request.url)
    guard let schemeEnd = text.range(of: "://"),
      ["http", "https"].contains(text[..<schemeEnd.lowerBound].lowercased())
    else {
      throw HTTPCallError(.invalidURL, peer: peer, url: request.url, detail: "not an http(s) URL with a host")
    }
    let authority = text[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    let hostAndPort = authority.split(separator: "@").last ?? authority
    let host = hostAndPort.hasPrefix("[") ? hostAndPort.prefix { $0 != "]" } : hostAndPort.prefix { $0 != ":" }
    guard !host.isEmpty, !authority.contains(" ") else {
      throw HTTPCallError(.invalidURL, peer: peer, url: request.url, detail: "not an http(s) URL with a host")
    }
    let afterHost = hostAndPort.dropFirst(host.count).drop { $0 == "]" }
    if afterHost.hasPrefix(":") {
      let digits = afterHost.dropFirst()
      guard let port = Int(digits), (1...65535).contains(port) else {
        throw HTTPCallError(.invalidURL, peer: peer, url: request.url, detail: "the port \(digits) is not 1–65535")
      }
    }
    guard HTTPToken.isToken(request.method) else {
      throw HTTPCallError(
        .invalidURL, peer: peer, url: request.url,
        detail: "the method \(PrintSafe.quoted(request.method)) is not an HTTP method token")
    }
    var outgoing = HTTPClientRequest(url: request.url)
    outgoing.method = HTTPMethod(rawValue: request.method)
    for field in request.headers.fields {
      for value in field.values { outgoing.headers.add(name: field.name, value: value) }
    }
    if let body = request.body, !body.isEmpty { outgoing.body = .bytes(ByteBuffer(data: body)) }
    return outgoing
  }

  /// Sorts an error of AsyncHTTPClient or NIO by its type.
  static func classify(_ error: any Error, peer: String, url: String, timeout: Duration, limit: Int) -> HTTPCallError {
    let detail = String(describing: error)
    switch error {
    case let error as HTTPCallError:
      return error
    case is NIOTooManyBytesError:
      return HTTPCallError(.tooLarge(limit), peer: peer, url: url)
    case let error as HTTPClientError:
      switch error {
      case .deadlineExceeded, .readTimeout, .cancelled:
        return HTTPCallError(.timedOut(timeout), peer: peer, url: url)
      case .connectTimeout, .getConnectionFromPoolTimeout:
        return HTTPCallError(.unreachable, peer: peer, url: url, detail: "no connection within 5 s")
      case .invalidURL, .emptyHost, .emptyScheme, .unsupportedScheme(""), .missingSocketPath:
        return HTTPCallError(.invalidURL, peer: peer, url: url, detail: detail)
      case .remoteConnectionClosed:
        return HTTPCallError(.notHTTP, peer: peer, url: url, detail: "it closed the connection without an answer")
      default:
        return HTTPCallError(.failed, peer: peer, url: url, detail: detail)
      }
    case is HTTPParserError:
      return HTTPCallError(.notHTTP, peer: peer, url: url, detail: "its answer is not an HTTP response")
    case is NIOConnectionError, is SocketAddressError:
      return HTTPCallError(.unreachable, peer: peer, url: url, detail: "connection refused or host unknown")
    case let error as IOError where Self.connectErrnos.contains(error.errnoCode):
      return HTTPCallError(.unreachable, peer: peer, url: url, detail: String(cString: strerror(error.errnoCode)))
    case is ChannelError:
      return HTTPCallError(.notHTTP, peer: peer, url: url, detail: detail)
    default:
      if error is CancellationError { return HTTPCallError(.timedOut(timeout), peer: peer, url: url) }
      return HTTPCallError(.failed, peer: peer, url: url, detail: detail)
    }
  }

  private static let connectErrnos: Set<Int32> = [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, EADDRNOTAVAIL]
}
