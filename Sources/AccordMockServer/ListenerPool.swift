import NIOPosix
import Synchronization

/// Listeners on 127.0.0.1 started ahead of the consumer tests that use them, each with its own task on one event
/// loop (starting and stopping it then hops between fewer threads; its connections use every loop). A test takes
/// the spare started while the previous test ran, and the next spare starts in the background; a listener given
/// back is shut down in the background too. Every test still gets a server of its own, on a port no earlier test
/// used, so a client's keep-alive connection from an earlier test can never reach it.
final class ListenerPool: Sendable {
  /// The pool of the consumer DSL's servers.
  static let shared = ListenerPool()

  private let state = Mutex<State>(State())

  private struct State {
    /// The spare being started, or started; nil while none is.
    var spare: Task<Listener, any Error>?
    /// Listeners shutting down.
    var closing: [Int: Task<Void, Never>] = [:]
    var nextClosing = 0
  }

  /// A started listener, and a spare starting behind it.
  func take() async throws -> Listener {
    let spare = state.withLock { state in
      defer { state.spare = Self.startSpare() }
      return state.spare ?? Self.startSpare()
    }
    do {
      return try await spare.value
    } catch {
      // A spare that failed to start (no free port, say) is not kept; the next test tries afresh.
      state.withLock { $0.spare = nil }
      throw error
    }
  }

  /// Shuts a detached listener down in the background.
  func put(_ listener: Listener) {
    state.withLock { state in
      let key = state.nextClosing
      state.nextClosing += 1
      state.closing[key] = Task {
        await listener.shutDown()
        self.state.withLock { _ = $0.closing.removeValue(forKey: key) }
      }
    }
  }

  /// Shuts the spare down and waits for it and for every listener still shutting down.
  func drain() async {
    let (spare, closing) = state.withLock { state in
      defer { state = State() }
      return (state.spare, Array(state.closing.values))
    }
    if let listener = try? await spare?.value { await listener.shutDown() }
    for task in closing { await task.value }
  }

  private static func startSpare() -> Task<Listener, any Error> {
    Task {
      try await Listener.start(
        host: "127.0.0.1", port: 0, logLevel: .warning, on: MultiThreadedEventLoopGroup.singleton.next())
    }
  }
}
