import AccordMatching
import AccordModel
import Foundation
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix
import Synchronization

/// An HTTP server on 127.0.0.1 that answers with a contract's responses: the mock server of consumer tests, and
/// the stub server of `accord stub`.
///
/// It listens on a port the system chooses (port 0), so tests never collide, also when run in parallel. Each
/// request is matched against the interactions with Accord's matching engine: a match gets the interaction's
/// response (generators applied); anything else gets a 500 whose JSON body names the closest interaction and how
/// the request differs from it. Every request is recorded for ``report()``.
///
/// ```swift
/// let server = try await MockServer.start(serving: contract.interactions)
/// let response = try await client.get(server.baseURL + "/users/42")
/// let report = server.report()          // missing interactions, unexpected requests
/// await server.stop()
/// ```
public final class MockServer: Sendable {
  /// The port the server listens on.
  public let port: Int
  /// `http://127.0.0.1:<port>`, without a trailing slash.
  public var baseURL: String { "http://127.0.0.1:\(port)" }

  private let recorder: Recorder
  private let listener: Listener
  private let pool: ListenerPool?

  private init(recorder: Recorder, listener: Listener, pool: ListenerPool?) {
    self.port = listener.port
    self.recorder = recorder
    self.listener = listener
    self.pool = pool
    listener.attach(recorder)
  }

  /// Starts a server for the HTTP interactions among `interactions` and returns once it accepts connections.
  public static func start(serving interactions: [Interaction], options: Options = Options()) async throws -> MockServer
  {
    let listener = try await Listener.start(
      host: options.host, port: options.port, logLevel: options.logLevel, headTimeout: options.headTimeout,
      idleTimeout: options.idleTimeout)
    return MockServer(recorder: Recorder(interactions, options), listener: listener, pool: nil)
  }

  /// Like ``start(serving:options:)``, on a listener started ahead of time: the consumer DSL's server for one
  /// test. ``stop()`` returns at once — nothing is recorded after it — and leaves the listener to close its
  /// connections and shut down behind it.
  package static func leased(serving interactions: [Interaction], options: Options = Options()) async throws
    -> MockServer
  {
    try await leased(serving: interactions, options: options, from: .shared)
  }

  static func leased(serving interactions: [Interaction], options: Options, from pool: ListenerPool) async throws
    -> MockServer
  {
    guard options.host == "127.0.0.1", options.port == 0, options.logLevel == .warning,
      options.headTimeout == Options().headTimeout, options.idleTimeout == Options().idleTimeout
    else {
      return try await start(serving: interactions, options: options)
    }
    return MockServer(recorder: Recorder(interactions, options), listener: try await pool.take(), pool: pool)
  }

  /// Stops accepting connections, lets requests in flight finish, and returns once the server has stopped.
  public func stop() async {
    if let pool {
      listener.detach()
      pool.put(listener)
    } else {
      await listener.shutDown()
    }
  }

  /// How many client connections are open now.
  var openConnections: Int { listener.openConnections }

  /// Whether the listener behind this server has stopped (a leased one stops when its pool drains).
  var listenerStopped: Bool { listener.isStopped }

  /// Every request received so far, in order, with how it was answered.
  public var receivedRequests: [ReceivedRequest] { recorder.received }

  /// What happened against what was expected: interactions never requested, requests that matched nothing.
  public func report() -> MockServerReport {
    let received = recorder.received
    let matched = recorder.matchedPositions
    let missing = recorder.index.entries.filter { !matched.contains($0.position) }.map(\.interaction)
    return MockServerReport(missing: missing, unmatched: received.filter(\.isUnmatched))
  }
}

extension MockServer {
  /// How a server listens and matches.
  public struct Options: Sendable {
    /// The address to listen on; `127.0.0.1` unless a stub must be reachable from elsewhere.
    public var host: String
    /// The port; 0 lets the system choose a free one.
    public var port: Int
    public var matching: MatchOptions
    /// How much the server logs; `.warning` keeps test output clean.
    public var logLevel: Logger.Level
    /// Called after each request is answered (the stub server prints a line).
    public var onRequest: (@Sendable (ReceivedRequest) -> Void)?
    /// Which received requests are kept for ``MockServer/receivedRequests`` and the report.
    public var requestLog: RequestLog = .everything
    /// How long a connection may take to send a request's head, and how long it may stay idle between requests,
    /// before it is closed.
    public var headTimeout: Duration = .seconds(30)
    public var idleTimeout: Duration = .seconds(120)
    /// Answer browsers' CORS preflights (an `OPTIONS` request no interaction matches) and allow the request's
    /// origin on every answer, so a web app in a browser can call a stub (`accord stub --cors`).
    public var cors = false
    /// When several interactions match a request, the one with the provider state named in this request header
    /// wins (`accord stub --provider-state-header-name`); otherwise the first in contract order.
    public var providerStateHeader: String?

    public init(
      host: String = "127.0.0.1", port: Int = 0, matching: MatchOptions = MatchOptions(),
      logLevel: Logger.Level = .warning, onRequest: (@Sendable (ReceivedRequest) -> Void)? = nil
    ) {
      self.host = host
      self.port = port
      self.matching = matching
      self.logLevel = logLevel
      self.onRequest = onRequest
    }
  }
}

extension MockServer {
  /// Which received requests a server keeps.
  public enum RequestLog: Sendable {
    /// Every request, body and all: a consumer test's server, which serves a few.
    case everything
    /// The last `count` requests, bodies cut to `bodyBytes`: a long-running stub keeps its memory bounded.
    case recent(Int, bodyBytes: Int)
  }
}

/// Why a server could not start.
public enum MockServerError: Error, CustomStringConvertible {
  case stoppedBeforeStarting

  public var description: String {
    switch self {
    case .stoppedBeforeStarting: return "the mock server stopped before it started listening"
    }
  }
}
