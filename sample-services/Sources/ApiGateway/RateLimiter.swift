import Synchronization

/// At most `limit` requests per client in each window of `window`; a client over it is told when to come back.
///
/// ```swift
/// let limiter = RateLimiter(limit: 100, window: .seconds(60))
/// if case .limited(let retryAfter) = limiter.admit("web") { … }   // 429, Retry-After: retryAfter seconds
/// ```
public final class RateLimiter: Sendable {
  public enum Decision: Sendable, Equatable {
    case allowed(remaining: Int)
    /// Whole seconds until the window resets (at least 1).
    case limited(retryAfter: Int)
  }

  public let limit: Int
  public let window: Duration
  private let windows = Mutex([String: (start: ContinuousClock.Instant, count: Int)]())

  public init(limit: Int, window: Duration) {
    self.limit = max(1, limit)
    self.window = window
  }

  public func admit(_ client: String, now: ContinuousClock.Instant = .now) -> Decision {
    windows.withLock { windows in
      var entry = windows[client] ?? (now, 0)
      if now - entry.start >= window { entry = (now, 0) }
      guard entry.count < limit else {
        let left = window - (now - entry.start)
        let seconds = left.components.seconds + (left.components.attoseconds > 0 ? 1 : 0)
        return .limited(retryAfter: Int(max(1, seconds)))
      }
      entry.count += 1
      windows[client] = entry
      return .allowed(remaining: limit - entry.count)
    }
  }
}
