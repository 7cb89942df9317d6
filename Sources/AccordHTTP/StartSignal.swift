import Synchronization

/// Resumes whoever starts a server once it listens (with its port) or has failed, whichever comes first: the mock
/// server and `withProvider` wait on one, so that a server that cannot start is an error, never a wait forever.
///
/// ```swift
/// let started = StartSignal()
/// // onServerRunning: started.succeed(port); when the server's task ends: started.fail(error)
/// let port = try await started.wait()
/// ```
package final class StartSignal: Sendable {
  private let state = Mutex<(result: Result<Int, any Error>?, waiter: CheckedContinuation<Int, any Error>?)>((nil, nil))

  package init() {}

  package func succeed(_ port: Int) { resolve(.success(port)) }
  package func fail(_ error: any Error) { resolve(.failure(error)) }

  private func resolve(_ result: Result<Int, any Error>) {
    let waiter = state.withLock { state -> CheckedContinuation<Int, any Error>? in
      guard state.result == nil else { return nil }
      state.result = result
      defer { state.waiter = nil }
      return state.waiter
    }
    waiter?.resume(with: result)
  }

  package func wait() async throws -> Int {
    try await withCheckedThrowingContinuation { continuation in
      let result = state.withLock { state -> Result<Int, any Error>? in
        if state.result == nil { state.waiter = continuation }
        return state.result
      }
      if let result { continuation.resume(with: result) }
    }
  }
}
