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
