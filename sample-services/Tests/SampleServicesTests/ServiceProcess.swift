import AsyncHTTPClient
import Foundation
import NIOCore
import SampleKit
import Testing

/// The fault tests (`SagaFaultTests`, `OutboxFaultTests`) run when `ACCORD_FAULT_TESTS=1`: `.ci/run` runs them in a
/// step of their own, after the rest of `swift test`. They start, kill and stall a dozen processes and wait out real
/// timeouts for about half a minute; beside the whole suite on two cores, the other suites' in-process servers
/// missed their 5 s connect deadlines.
///
/// ```sh
/// ACCORD_FAULT_TESTS=1 swift test --filter FaultTests
/// ```
enum FaultTests {
  static let enabled = ProcessInfo.processInfo.environment["ACCORD_FAULT_TESTS"] == "1"
  static let reason: Comment = "set ACCORD_FAULT_TESTS=1 to run the fault tests (.ci/run does, in a step of its own)"
}

/// One sample service as a process of its own (`sample-services SERVICE …`), as a deployment runs it: killed
/// (`SIGKILL`, a crash), stalled (`SIGSTOP`, a hung machine), resumed and restarted on its port and database.
final class ServiceProcess: @unchecked Sendable {
  static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    .appendingPathComponent("sample-services")

  let name: String
  let database: String
  let peers: [String: String]
  private(set) var arguments: [String]
  private(set) var port = 0
  private var process: Process?
  private let directory: URL
  private var starts = 0

  var baseURL: String { "http://127.0.0.1:\(port)" }
  var client: ProcessClient { ProcessClient(baseURL: baseURL) }

  /// - Parameter arguments: further flags (`--timeout`, `--interval`).
  init(_ name: String, in directory: URL, peers: [String: String] = [:], arguments: [String] = []) {
    self.name = name
    self.directory = directory
    self.peers = peers
    self.arguments = arguments
    database = directory.appendingPathComponent("\(name).sqlite").path
  }

  /// Starts the process (on the port it had before, after a restart) and returns once it listens.
  func start(arguments newArguments: [String]? = nil) async throws {
    if let newArguments { arguments = newArguments }
    starts += 1
    let log = directory.appendingPathComponent("\(name)-\(starts).log")
    FileManager.default.createFile(atPath: log.path, contents: nil)
    let process = Process()
    process.executableURL = Self.executable
    process.arguments =
      [name, "--port", String(port), "--database", database]
      + peers.sorted { $0.key < $1.key }.flatMap {
        ["--peer", "\($0.key)=\($0.value)"]
      } + arguments
    let output = try FileHandle(forWritingTo: log)
    process.standardOutput = output
    process.standardError = output
    try process.run()
    self.process = process
    let deadline = ContinuousClock.now + .seconds(20)
    while ContinuousClock.now < deadline {
      let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
      if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("\(name) on http://") }),
        let number = line.split(separator: ":").last.flatMap({ Int($0) })
      {
        port = number
        return
      }
      guard process.isRunning else { break }
      try await Task.sleep(for: .milliseconds(50))
    }
    process.terminate()
    throw Failure(message: "\(name) did not start: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
  }

  /// A crash: the process is killed at once, with whatever it was doing.
  func kill() async {
    guard let process, process.isRunning else { return }
    Foundation.kill(process.processIdentifier, SIGKILL)
    await waitForExit(process)
  }

  /// A hung machine: the process stops running (its socket still accepts), until ``resume()``.
  func stall() { process.map { _ = Foundation.kill($0.processIdentifier, SIGSTOP) } }

  func resume() { process.map { _ = Foundation.kill($0.processIdentifier, SIGCONT) } }

  /// Stops it as Ctrl-C does (killed if it does not stop within 10 s).
  func stop() async {
    guard let process, process.isRunning else { return }
    resume()
    process.terminate()
    await waitForExit(process, orKillAfter: .seconds(10))
  }

  private func waitForExit(_ process: Process, orKillAfter limit: Duration = .seconds(10)) async {
    let deadline = ContinuousClock.now + limit
    while process.isRunning {
      if ContinuousClock.now >= deadline { Foundation.kill(process.processIdentifier, SIGKILL) }
      try? await Task.sleep(for: .milliseconds(20))
    }
  }

  struct Failure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
  }

  /// Runs `body` with a directory of its own for the processes' databases and logs, removed afterwards.
  static func inScratchDirectory(_ prefix: String, _ body: (URL) async throws -> Void) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try await body(directory)
  }

  /// Runs `body`, then stops every process in `processes` whether it threw or not.
  static func stopping(_ processes: [ServiceProcess], after body: () async throws -> Void) async throws {
    do {
      try await body()
    } catch {
      for process in processes { await process.stop() }
      throw error
    }
    for process in processes { await process.stop() }
  }

  /// Sets up a provider state through the service's provider-states route.
  func arrange(_ state: String, _ params: [String: StateParameter] = [:], action: String = "setup") async throws {
    struct Change: Encodable, Sendable {
      var state: String
      var params: [String: StateParameter]
      var action: String
    }
    let answer = try await client.send(
      "POST", "/_accord/provider-states", json: Change(state: state, params: params, action: action))
    guard (200..<300).contains(answer.status) else {
      throw Failure(message: "\(name) refused provider state \"\(state)\": \(answer.text)")
    }
  }
}

/// The test's own client of a service process: generous timeouts (the whole suite runs beside it on two cores), and
/// a request that could not even connect is sent again — it never reached the service, so that is safe.
struct ProcessClient: Sendable {
  let baseURL: String

  static let http: HTTPClient = {
    var configuration = HTTPClient.Configuration()
    configuration.timeout.connect = .seconds(10)
    return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
  }()

  struct Answer: Sendable {
    var status: Int
    var body: Data

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try JSONDecoder().decode(T.self, from: body) }
    var text: String { "\(status) \(String(decoding: body, as: UTF8.self))" }
  }

  func send(
    _ method: String, _ path: String, json: (any Encodable & Sendable)? = nil, headers: [(String, String)] = []
  ) async throws -> Answer {
    var request = HTTPClientRequest(url: baseURL + path)
    request.method = .init(rawValue: method)
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    if let json {
      request.headers.add(name: "Content-Type", value: "application/json")
      request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(json)))
    }
    var attempt = 0
    while true {
      attempt += 1
      do {
        let response = try await Self.http.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 4 << 20)
        return Answer(status: Int(response.status.code), body: Data(buffer: body))
      } catch let error as HTTPClientError where error == .connectTimeout && attempt < 3 {
        continue
      }
    }
  }
}
