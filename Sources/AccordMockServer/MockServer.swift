import AccordMatching
import AccordModel
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
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
  private let group: ServiceGroup
  private let running: Task<Void, any Error>

  private init(port: Int, recorder: Recorder, group: ServiceGroup, running: Task<Void, any Error>) {
    self.port = port
    self.recorder = recorder
    self.group = group
    self.running = running
  }

  /// Starts a server for the HTTP interactions among `interactions` and returns once it accepts connections.
  public static func start(serving interactions: [Interaction], options: Options = Options()) async throws -> MockServer
  {
    let recorder = Recorder(
      index: InteractionIndex(interactions, options: options.matching), onRequest: options.onRequest)
    var logger = Logger(label: "accord.mock-server")
    logger.logLevel = options.logLevel
    let started = StartSignal()
    // HummingbirdCore's server directly: a mock server needs no router, date cache or nested service group, and
    // starting and stopping one per test must be cheap.
    let server = try HTTPServerBuilder.http1OnConnectionLoops.buildServer(
      configuration: ServerConfiguration(address: .hostname(options.host, port: options.port)),
      eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
      logger: logger,
      responder: { (request, writer: consuming ResponseWriter, _) in
        let response = try await recorder.respond(to: request)
        try await writer.write(response: response.head, body: response.body)
      },
      onServerRunning: { channel in started.succeed(channel.localAddress?.port ?? 0) }
    )
    let group = ServiceGroup(services: [server], gracefulShutdownSignals: [], logger: logger)
    let running = Task {
      do {
        try await group.run()
        started.fail(MockServerError.stoppedBeforeStarting)
      } catch {
        started.fail(error)
        throw error
      }
    }
    let port = try await started.wait()
    recorder.setBaseURL("http://\(options.host):\(port)")
    return MockServer(port: port, recorder: recorder, group: group, running: running)
  }

  /// Stops accepting connections, lets requests in flight finish, and returns once the server has stopped.
  public func stop() async {
    await group.triggerGracefulShutdown()
    _ = try? await running.value
  }

  /// Every request received so far, in order, with how it was answered.
  public var receivedRequests: [ReceivedRequest] { recorder.received }

  /// What happened against what was expected: interactions never requested, requests that matched nothing.
  public func report() -> MockServerReport {
    let received = recorder.received
    var matched = Set<Int>()
    for request in received { if case .matched(let position, _) = request.outcome { matched.insert(position) } }
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

/// Why a server could not start.
public enum MockServerError: Error, CustomStringConvertible {
  case stoppedBeforeStarting

  public var description: String {
    switch self {
    case .stoppedBeforeStarting: return "the mock server stopped before it started listening"
    }
  }
}

/// Resumes the starter once the server listens (or has failed), whichever comes first.
private final class StartSignal: Sendable {
  private let state = Mutex<(result: Result<Int, any Error>?, waiter: CheckedContinuation<Int, any Error>?)>((nil, nil))

  func succeed(_ port: Int) { resolve(.success(port)) }
  func fail(_ error: any Error) { resolve(.failure(error)) }

  private func resolve(_ result: Result<Int, any Error>) {
    let waiter = state.withLock { state -> CheckedContinuation<Int, any Error>? in
      guard state.result == nil else { return nil }
      state.result = result
      defer { state.waiter = nil }
      return state.waiter
    }
    waiter?.resume(with: result)
  }

  func wait() async throws -> Int {
    try await withCheckedThrowingContinuation { continuation in
      let result = state.withLock { state -> Result<Int, any Error>? in
        if state.result == nil { state.waiter = continuation }
        return state.result
      }
      if let result { continuation.resume(with: result) }
    }
  }
}
