import Logging
import ServiceLifecycle

/// Finishes what the saga could not: on start (sagas a crash or a stop left half-way) and every
/// ``OrderSaga/Policy/recoveryInterval`` (sagas blocked on a service that did not answer), it takes up each
/// unfinished saga and drives it forward, or backward where it cannot go forward, until it is `completed` or
/// `compensated`.
///
/// ```swift
/// try await RunningService.start(name: OrderSaga.name, router: saga.router(), services: [SagaRecovery(saga: saga)])
/// ```
public struct SagaRecovery: Service {
  public let saga: OrderSaga

  public init(saga: OrderSaga) { self.saga = saga }

  public func run() async throws {
    try? await cancelWhenGracefulShutdown {
      await self.saga.resumeUnfinished(reason: "on start, by the recovery")
      while !Task.isCancelled {
        try await Task.sleep(for: self.saga.policy.recoveryInterval)
        await self.saga.resumeUnfinished()
      }
    }
  }
}
