import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// Runs a Hummingbird router on 127.0.0.1, port 0, for the length of `body`, which gets the base URL: how a
/// provider verifies its own app from `swift test`.
///
/// ```swift
/// let report = try await withProvider(router) { baseURL in try await verifier(baseURL).verify() }
/// ```
public func withProvider<Result: Sendable>(
  _ router: Router<BasicRequestContext>, _ body: (String) async throws -> Result
) async throws -> Result {
  let port = Mutex<Int?>(nil)
  let ready = AsyncStream<Void>.makeStream()
  var logger = Logger(label: "provider")
  logger.logLevel = .warning
  let app = Application(
    router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
    onServerRunning: { channel in
      port.withLock { $0 = channel.localAddress?.port }
      ready.continuation.finish()
    }, logger: logger)
  let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: logger)
  let running = Task { try await group.run() }
  for await _ in ready.stream {}
  defer { running.cancel() }
  let result = try await body("http://127.0.0.1:\(port.withLock { $0 } ?? 0)")
  await group.triggerGracefulShutdown()
  _ = try? await running.value
  return result
}
