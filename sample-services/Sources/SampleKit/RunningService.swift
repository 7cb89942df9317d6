import Hummingbird
import Logging
import ServiceLifecycle

/// A service's Hummingbird app running in this process on `host` (port 0 picks a free one) until ``stop()``: how
/// the executable, the provider tests and `accord demo` start services.
///
/// ```swift
/// let users = try await RunningService.start(name: "user-service", router: UserService(database).router())
/// print(users.baseURL)
/// await users.stop()
/// ```
public final class RunningService: Sendable {
  public let name: String
  public let baseURL: String
  public let port: Int
  private let group: ServiceGroup
  private let task: Task<Void, Never>

  private init(name: String, port: Int, host: String, group: ServiceGroup, task: Task<Void, Never>) {
    self.name = name
    self.port = port
    self.baseURL = "http://\(host):\(port)"
    self.group = group
    self.task = task
  }

  /// Starts `router` (and `services`, such as an outbox relay, stopped with it) and returns once it listens.
  public static func start<Responder: HTTPResponderBuilder>(
    name: String, router: Responder, host: String = "127.0.0.1", port: Int = 0, services: [any Service] = []
  ) async throws -> RunningService
  where Responder.Responder.Context: InitializableFromSource<ApplicationRequestContextSource> {
    var logger = Logger(label: name)
    logger.logLevel = .warning
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let app = Application(
      router: router, configuration: .init(address: .hostname(host, port: port), serverName: name),
      onServerRunning: { channel in
        continuation.yield(channel.localAddress?.port ?? 0)
        continuation.finish()
      }, logger: logger)
    let group = ServiceGroup(
      configuration: .init(services: [app] + services, gracefulShutdownSignals: [], logger: logger))
    let task = Task {
      do { try await group.run() } catch { logger.error("\(name) stopped: \(error)") }
      continuation.finish()
    }
    var iterator = ports.makeAsyncIterator()
    guard let bound = await iterator.next() else {
      task.cancel()
      throw StartFailure(message: "\(name) could not listen on \(host):\(port); is the port taken?")
    }
    return RunningService(name: name, port: bound, host: host, group: group, task: task)
  }

  /// Stops the server gracefully and waits for it.
  public func stop() async {
    await group.triggerGracefulShutdown()
    await task.value
  }

  public struct StartFailure: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
  }
}
