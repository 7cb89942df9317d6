import AccordHTTP
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Runs a Hummingbird router (or any responder builder) on `host` (127.0.0.1), port 0, for the length of `body`, which gets
/// the base URL: how a provider verifies its own app from `swift test`, with no port to choose and nothing to clean
/// up. The server is shut down when `body` returns or throws; a server that cannot start throws instead of
/// waiting.
///
/// ```swift
/// let report = try await withProvider(buildRouter(store)) { baseURL in
///   try await Verifier(sources: sources, options: VerificationOptions(providerBaseURL: baseURL)).verify()
/// }
/// ```
public func withProvider<Builder: HTTPResponderBuilder, Result: Sendable>(
  _ router: Builder, host: String = "127.0.0.1", logger: Logger? = nil, _ body: (String) async throws -> Result
) async throws -> Result where Builder.Responder.Context: InitializableFromSource<ApplicationRequestContextSource> {
  var quiet = Logger(label: "accord.provider")
  quiet.logLevel = .warning
  let logger = logger ?? quiet
  let started = StartSignal()
  let app = Application(
    router: router, configuration: .init(address: .hostname(host, port: 0)),
    onServerRunning: { channel in started.succeed(channel.localAddress?.port ?? 0) }, logger: logger)
  let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: logger)
  let running = Task {
    do {
      try await group.run()
      started.fail(ProviderStartError(reason: "the server stopped before it started listening"))
    } catch {
      started.fail(ProviderStartError(reason: "\(error)"))
    }
  }
  let port: Int
  do {
    port = try await started.wait()
  } catch {
    running.cancel()
    throw error
  }
  do {
    let result = try await body("http://\(host):\(port)")
    await group.triggerGracefulShutdown()
    await running.value
    return result
  } catch {
    await group.triggerGracefulShutdown()
    await running.value
    throw error
  }
}

/// The provider's server did not start.
public struct ProviderStartError: Error, CustomStringConvertible, Sendable {
  public var reason: String
  public var description: String { "the provider could not be started in-process: \(reason)" }
}
