import AccordHTTP
import Foundation
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// The listening half of a mock server: a HummingbirdCore HTTP/1.1 server that hands each request to whichever
/// ``Recorder`` is attached. ``ListenerPool`` starts one ahead of each consumer test, so that the test does not
/// wait for a socket to be bound and a server started.
final class Listener: Sendable {
  let host: String
  let port: Int
  private let state: State
  private let connections: ConnectionSet
  private let group: ServiceGroup
  private let running: Task<Void, any Error>

  private init(
    host: String, port: Int, state: State, connections: ConnectionSet, group: ServiceGroup,
    running: Task<Void, any Error>
  ) {
    self.host = host
    self.port = port
    self.state = state
    self.connections = connections
    self.group = group
    self.running = running
  }

  /// What the server's responder shares with the listener: the attached recorder.
  private final class State: Sendable {
    let attached = Mutex<Recorder?>(nil)
    /// Set once the server has stopped listening.
    let stopped = Mutex(false)
  }

  /// Whether the server has stopped: it accepts no more connections.
  var isStopped: Bool { state.stopped.withLock { $0 } }

  /// Starts listening on `host:port` (port 0: a free one) and returns once connections are accepted.
  ///
  /// Connections are spread over every event loop and answered on their own (``MockRequestHandler``). With an
  /// `eventLoop`, the server's own task (accepting, shutting down) runs on that loop instead of the cooperative pool:
  /// starting and stopping one server per test then hops between fewer threads.
  static func start(
    host: String, port: Int, logLevel: Logger.Level, headTimeout: Duration = .seconds(30),
    idleTimeout: Duration = .seconds(120), on eventLoop: (any EventLoop)? = nil
  ) async throws -> Listener {
    let eventLoopGroup = MultiThreadedEventLoopGroup.singleton
    let state = State()
    let connections = ConnectionSet()
    var logger = Logger(label: "accord.mock-server")
    logger.logLevel = logLevel
    let started = StartSignal()
    // HummingbirdCore's server directly, with connections answered in the channel pipeline: a mock server needs
    // no router, date cache or task per request, and starting and stopping one per test must be cheap.
    let server = MockHTTPChannel(connections: connections, head: headTimeout, idle: idleTimeout) { head, body in
      guard let recorder = state.attached.withLock({ $0 }) else {
        return .error(.serviceUnavailable, "no test is using this server now; use the base URL of the running test")
      }
      return recorder.respond(to: head, body: body)
    }.server(
      configuration: ServerConfiguration(address: .hostname(host, port: port)),
      onServerRunning: { channel in started.succeed(channel.localAddress?.port ?? 0) },
      eventLoopGroup: eventLoopGroup, logger: logger)
    let group = ServiceGroup(services: [server], gracefulShutdownSignals: [], logger: logger)
    let running = Task(executorPreference: eventLoop.map(EventLoopExecutor.of)) {
      defer { state.stopped.withLock { $0 = true } }
      do {
        try await group.run()
        started.fail(MockServerError.stoppedBeforeStarting)
      } catch {
        started.fail(error)
        throw error
      }
    }
    let boundPort = try await started.wait()
    return Listener(
      host: host, port: boundPort, state: state, connections: connections, group: group, running: running)
  }

  /// How many client connections are open now.
  var openConnections: Int { connections.all.count }

  /// Sends the requests that come from now on to `recorder`.
  func attach(_ recorder: Recorder) {
    recorder.setBaseURL("http://\(host):\(port)")
    state.attached.withLock { $0 = recorder }
  }

  /// Detaches the recorder: a request read from now on is answered 503 and recorded nowhere. The connections are
  /// left to ``shutDown()``, which asks each to close once its request in flight is answered (asking twice trips
  /// NIO's HTTP pipeline), and which a leased listener's pool runs right after, in the background: the listener is
  /// never attached again (the next test gets another, on another port).
  func detach() {
    state.attached.withLock { $0 = nil }
  }

  /// Stops accepting connections, lets requests in flight finish, and returns once the server has stopped.
  func shutDown() async {
    await group.triggerGracefulShutdown()
    _ = try? await running.value
  }
}

/// The open connections of one listener.
final class ConnectionSet: Sendable {
  private let channels = Mutex<[ObjectIdentifier: any Channel]>([:])

  func insert(_ channel: any Channel) {
    let key = ObjectIdentifier(channel)
    channels.withLock { $0[key] = channel }
    channel.closeFuture.whenComplete { _ in _ = self.channels.withLock { $0.removeValue(forKey: key) } }
  }

  var all: [any Channel] { channels.withLock { Array($0.values) } }
}
