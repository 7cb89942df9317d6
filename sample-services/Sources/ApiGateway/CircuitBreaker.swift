import Synchronization

/// Stops calling a downstream service that keeps failing, and tries it again after a pause.
///
/// Closed: calls go through; `failureThreshold` failures in a row open it. Open: calls fail at once with
/// ``CircuitBreaker/Open`` until `cooldown` has passed. Half-open: one trial call goes through; its success closes the
/// breaker, its failure opens it again.
///
/// ```swift
/// let breaker = CircuitBreaker(name: "user-service", failureThreshold: 3, cooldown: .seconds(5))
/// let answer = try await breaker.run { try await users.send("GET", "/users/42") }
/// ```
public final class CircuitBreaker: Sendable {
  public enum State: Sendable, Equatable {
    case closed(failures: Int)
    case open(until: ContinuousClock.Instant)
    case halfOpen
  }

  /// The breaker is open: the downstream was not called.
  public struct Open: Error, CustomStringConvertible {
    public var name: String
    public var description: String { "\(name) is failing; the gateway stopped calling it for a while" }
  }

  public let name: String
  public let failureThreshold: Int
  public let cooldown: Duration
  private let state = Mutex(State.closed(failures: 0))

  public init(name: String, failureThreshold: Int = 3, cooldown: Duration = .seconds(5)) {
    self.name = name
    self.failureThreshold = max(1, failureThreshold)
    self.cooldown = cooldown
  }

  public var current: State { state.withLock { $0 } }

  /// Runs `call` unless the breaker is open; `isFailure` says which results count as failures (thrown errors always
  /// do).
  public func run<T: Sendable>(
    isFailure: (T) -> Bool = { _ in false }, _ call: () async throws -> T
  ) async throws -> T {
    let allowed = state.withLock { state -> Bool in
      switch state {
      case .closed: return true
      case .halfOpen: return false  // a trial call is already under way
      case .open(let until):
        guard ContinuousClock.now >= until else { return false }
        state = .halfOpen
        return true
      }
    }
    guard allowed else { throw Open(name: name) }
    do {
      let result = try await call()
      if isFailure(result) { recordFailure() } else { recordSuccess() }
      return result
    } catch {
      recordFailure()
      throw error
    }
  }

  func recordSuccess() {
    state.withLock { $0 = .closed(failures: 0) }
  }

  func recordFailure() {
    state.withLock { state in
      switch state {
      case .closed(let failures) where failures + 1 < failureThreshold:
        state = .closed(failures: failures + 1)
      default:
        state = .open(until: ContinuousClock.now.advanced(by: cooldown))
      }
    }
  }
}
