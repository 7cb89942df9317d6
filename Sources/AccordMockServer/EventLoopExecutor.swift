import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix
import Synchronization

/// Runs Swift tasks on an NIO event loop, so that a connection's task executes on the thread its socket lives on
/// instead of hopping to the cooperative pool and back for every request (SE-0417 task executors).
final class EventLoopExecutor: TaskExecutor, @unchecked Sendable {
  // Submitting to an event loop is thread-safe; nothing here is mutable.
  let eventLoop: any EventLoop

  private init(_ eventLoop: any EventLoop) {
    self.eventLoop = eventLoop
  }

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
  }

  private static let executors = Mutex<[ObjectIdentifier: EventLoopExecutor]>([:])

  /// The executor of `eventLoop`, one per loop for the life of the process.
  static func of(_ eventLoop: any EventLoop) -> EventLoopExecutor {
    executors.withLock { executors in
      let key = ObjectIdentifier(eventLoop)
      if let executor = executors[key] { return executor }
      let executor = EventLoopExecutor(eventLoop)
      executors[key] = executor
      return executor
    }
  }
}

/// An HTTP/1.1 child channel whose connection handling runs on the connection's own event loop, and which
/// is counted among its listener's open connections while it is open.
struct LoopAffineHTTP1Channel: ServerChildChannel {
  let inner: HTTP1Channel
  let connections: ConnectionSet

  func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1Channel.Value> {
    connections.insert(channel)
    return inner.setup(channel: channel, logger: logger)
  }

  func handle(value: HTTP1Channel.Value, logger: Logger) async {
    await withTaskExecutorPreference(EventLoopExecutor.of(value.channel.eventLoop)) {
      await inner.handle(value: value, logger: logger)
    }
  }
}

extension HTTPServerBuilder {
  /// HTTP/1.1 with each connection handled on its socket's event loop, counted in `connections`, and closed when
  /// it does not send a request head within `head` or stays idle longer than `idle`.
  static func http1OnConnectionLoops(tracking connections: ConnectionSet, head: Duration, idle: Duration)
    -> HTTPServerBuilder
  {
    HTTPServerBuilder { responder in
      LoopAffineHTTP1Channel(
        inner: HTTP1Channel(
          responder: responder,
          configuration: .init(additionalChannelHandlers: [ConnectionDeadlines(head: head, idle: idle)])),
        connections: connections)
    }
  }
}
