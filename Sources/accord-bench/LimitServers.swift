import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import Synchronization

/// The limit a mock server's figures are held against: servers that do nothing but answer a fixed JSON body (the
/// body the mock answers `GET /items/0` with), measured with the same client, wrk settings and machine. A bare
/// Hummingbird application (router, one route) and a bare SwiftNIO HTTP/1.1 server (a pipeline and one handler).
enum LimitServers {
  /// The mock's answer to `GET /items/0`, byte for byte.
  static let body: ByteBuffer = {
    let interaction = MockServerBenchmarks.items(1)[0]
    guard case .http(_, let response) = interaction.exchange, let data = response.body?.data else {
      return ByteBuffer(string: #"{"id":0,"name":"item 0"}"#)
    }
    return ByteBuffer(bytes: data)
  }()

  /// A limit server running in this process until `stop`.
  struct Running {
    let port: Int
    let stop: () async -> Void
  }

  /// The limits measured once per run, by case: each is shared by every row that shows it.
  private static let measured = Mutex<[String: Measurement]>([:])

  static func cached(_ key: String, _ measure: () async throws -> Measurement) async throws -> Measurement {
    if let known = measured.withLock({ $0[key] }) { return known }
    let value = try await measure()
    measured.withLock { $0[key] = value }
    return value
  }

  /// The latency limits: one request over a keep-alive connection with the raw socket client, as `mock-request-N`.
  static var latency: [Limit] {
    [
      Limit(name: "hummingbird") { try await cached("hummingbird-request") { try await requestLatency(hummingbird) } },
      Limit(name: "nio") { try await cached("nio-request") { try await requestLatency(nio) } },
    ]
  }

  /// The per-test limits: one request on a new connection, which is what a consumer test's client must open to
  /// reach the server of its test (every test has its own port). What `mock-per-test` pays beyond this is the mock.
  static var perTest: [Limit] {
    [
      Limit(name: "hummingbird, new connection") {
        try await cached("hummingbird-connect") { try await connectLatency(hummingbird) }
      },
      Limit(name: "nio, new connection") { try await cached("nio-connect") { try await connectLatency(nio) } },
    ]
  }

  static func connectLatency(_ start: () async throws -> Running) async throws -> Measurement {
    let server = try await start()
    let result = try await Sampler.median(iterations: 501, warmUp: 50) {
      guard try HTTPProbe(port: server.port).get("/items/0") == 200 else {
        throw BenchmarkFailure(message: "the limit server failed")
      }
    }
    await server.stop()
    return result
  }

  /// The throughput limits: `wrk -t2 -c8 -d5s`, as `mock-throughput`.
  static var throughput: [Limit] {
    [
      Limit(name: "hummingbird") { try await cached("hummingbird-rate") { try await rate(hummingbird) } },
      Limit(name: "nio") { try await cached("nio-rate") { try await rate(nio) } },
    ]
  }

  static func requestLatency(_ start: () async throws -> Running) async throws -> Measurement {
    let server = try await start()
    let probe = try HTTPProbe(port: server.port)
    let result = try await Sampler.median(iterations: 1001, warmUp: 100) {
      guard try probe.get("/items/0") == 200 else { throw BenchmarkFailure(message: "the limit server failed") }
    }
    await server.stop()
    return result
  }

  static func rate(_ start: () async throws -> Running) async throws -> Measurement {
    let server = try await start()
    let rate = try Wrk.requestsPerSecond("http://127.0.0.1:\(server.port)/items/0")
    await server.stop()
    return Measurement(value: rate, unit: .requestsPerSecond)
  }

  /// A Hummingbird application as its documentation starts one: a router with one route, on every event loop.
  static func hummingbird() async throws -> Running {
    let router = Router()
    let body = Self.body
    router.get("items/:id") { _, _ in
      Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: body))
    }
    var logger = Logger(label: "accord-bench.limit")
    logger.logLevel = .warning
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let app = Application(
      router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
      onServerRunning: { channel in
        continuation.yield(channel.localAddress?.port ?? 0)
        continuation.finish()
      }, logger: logger)
    let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: logger)
    let task = Task { try await group.run() }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next() else { throw BenchmarkFailure(message: "Hummingbird did not start") }
    return Running(port: port) {
      await group.triggerGracefulShutdown()
      _ = try? await task.value
    }
  }

  /// A SwiftNIO HTTP/1.1 server: the standard server pipeline and a handler that writes the fixed answer.
  static func nio() async throws -> Running {
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .serverChannelOption(ChannelOptions.backlog, value: 256)
      .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
      .childChannelInitializer { channel in
        channel.pipeline.configureHTTPServerPipeline().flatMap { channel.pipeline.addHandler(FixedAnswer()) }
      }
      .bind(host: "127.0.0.1", port: 0).get()
    return Running(port: channel.localAddress?.port ?? 0) { try? await channel.close() }
  }

  final class FixedAnswer: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
      guard case .end = unwrapInboundIn(data) else { return }
      var head = HTTPResponseHead(version: .http1_1, status: .ok)
      head.headers.add(name: "Content-Type", value: "application/json")
      head.headers.add(name: "Content-Length", value: String(LimitServers.body.readableBytes))
      context.write(wrapOutboundOut(.head(head)), promise: nil)
      context.write(wrapOutboundOut(.body(.byteBuffer(LimitServers.body))), promise: nil)
      context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
  }
}

/// A limit a figure is shown against, measured in the same run.
struct Limit {
  let name: String
  let measure: () async throws -> Measurement
}
