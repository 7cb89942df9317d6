import NIOCore
import NIOPosix
import Synchronization

/// Cancels calls that pass their deadline, all from one timer that looks every 50 ms: a call costs a lock and a
/// dictionary entry, not a timer of its own that wakes an event loop to be set and again to be cancelled.
///
/// ```swift
/// let ticket = DeadlineWatch.shared.watch(task, until: deadline)
/// defer { DeadlineWatch.shared.forget(ticket) }
/// ```
final class DeadlineWatch: Sendable {
  static let shared = DeadlineWatch()

  private struct Watched {
    var deadline: NIODeadline
    var cancel: @Sendable () -> Void
  }

  private final class Registry: Sendable {
    let state = Mutex<(next: UInt64, watched: [UInt64: Watched])>((0, [:]))
  }

  private let registry = Registry()
  private let looking: RepeatedTask

  private init() {
    let registry = self.registry
    looking = MultiThreadedEventLoopGroup.singleton.any().scheduleRepeatedTask(
      initialDelay: .milliseconds(50), delay: .milliseconds(50)
    ) { _ in
      let now = NIODeadline.now()
      let overdue = registry.state.withLock { state -> [@Sendable () -> Void] in
        let due = state.watched.filter { $0.value.deadline <= now }
        for key in due.keys { state.watched[key] = nil }
        return due.values.map(\.cancel)
      }
      for cancel in overdue { cancel() }
    }
  }

  /// Calls `cancel` once `deadline` has passed, unless ``forget(_:)`` comes first.
  func watch(until deadline: NIODeadline, cancel: @escaping @Sendable () -> Void) -> UInt64 {
    registry.state.withLock { state in
      state.next += 1
      state.watched[state.next] = Watched(deadline: deadline, cancel: cancel)
      return state.next
    }
  }

  func forget(_ ticket: UInt64) {
    _ = registry.state.withLock { $0.watched.removeValue(forKey: ticket) }
  }
}
