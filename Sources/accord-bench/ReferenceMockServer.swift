import AccordTesting
import AsyncHTTPClient
import Foundation
import NIOCore

/// The Pact reference mock server (`pact mock`, from pact-python-cli), driven through its master server's REST
/// API, to measure beside Accord's. Found through `ACCORD_PACT_CLI` or the CI venv at `.build/ci-venv/bin/pact`.
final class ReferenceMockServer {
  let process: Process
  let port: Int

  static var cli: String? {
    let candidates = [
      ProcessInfo.processInfo.environment["ACCORD_PACT_CLI"],
      FileManager.default.currentDirectoryPath + "/.build/ci-venv/bin/pact",
    ]
    return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  private init(process: Process, port: Int) {
    self.process = process
    self.port = port
  }

  /// Starts a master server on a free port and waits until it answers.
  static func start(cli: String) async throws -> ReferenceMockServer {
    let port = try FreePort.next()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: cli)
    process.arguments = [
      "mock", "start", "--port", String(port), "--host", "127.0.0.1", "--no-file-log", "--no-term-log",
    ]
    var environment = ProcessInfo.processInfo.environment
    environment["PACT_DO_NOT_TRACK"] = "true"
    process.environment = environment
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    // It writes the pact of each mock server it verifies into its working directory: a scratch one, not the
    // checkout the benchmark runs in.
    let scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("accord-bench-pact-mock")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    process.currentDirectoryURL = scratch
    try process.run()
    let server = ReferenceMockServer(process: process, port: port)
    for _ in 0..<100 {
      if (try? await HTTPClient.shared.execute(HTTPClientRequest(url: server.master("/")), timeout: .seconds(1))) != nil
      {
        return server
      }
      try await Task.sleep(for: .milliseconds(50))
    }
    process.terminate()
    throw BenchmarkFailure(message: "pact mock did not start on port \(port)")
  }

  private func master(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

  /// Creates a mock server for a pact file's content; returns its id and port.
  func create(_ pact: Data) async throws -> (id: String, port: Int) {
    var request = HTTPClientRequest(url: master("/"))
    request.method = .POST
    request.headers.add(name: "Content-Type", value: "application/json")
    request.body = .bytes(ByteBuffer(bytes: pact))
    let body = try await execute(request)
    guard let object = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any],
      let server = object["mockServer"] as? [String: Any], let id = server["id"] as? String,
      let port = server["port"] as? Int
    else { throw BenchmarkFailure(message: "pact mock did not create a mock server: \(String(buffer: body))") }
    return (id, port)
  }

  func verify(_ id: String) async throws {
    var request = HTTPClientRequest(url: master("/mockserver/\(id)/verify"))
    request.method = .POST
    _ = try await execute(request)
  }

  func delete(_ id: String) async throws {
    var request = HTTPClientRequest(url: master("/mockserver/\(id)"))
    request.method = .DELETE
    _ = try await execute(request)
  }

  /// Sends a control request. The master server sometimes closes a keep-alive connection just as the client
  /// reuses it; that request is sent once more on a new connection.
  private func execute(_ request: HTTPClientRequest) async throws -> ByteBuffer {
    do {
      return try await HTTPClient.shared.execute(request, timeout: .seconds(30)).body.collect(upTo: 1 << 20)
    } catch let error as HTTPClientError where error == .remoteConnectionClosed {
      return try await HTTPClient.shared.execute(request, timeout: .seconds(30)).body.collect(upTo: 1 << 20)
    }
  }

  /// Stops the master server. `pact mock start` does not exit on SIGTERM, and holds nothing worth keeping.
  func stop() {
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }
}

/// Runs `wrk` against a URL and reads its requests per second.
enum Wrk {
  static var path: String? {
    ["/usr/bin/wrk", "/usr/local/bin/wrk"].first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  static func requestsPerSecond(
    _ url: String, headers: [String] = ["Accept: application/json"], threads: Int = 2, connections: Int = 8,
    seconds: Int = 5
  ) throws -> Double {
    guard let path else { throw BenchmarkFailure(message: "wrk is not installed (apt-get install wrk)") }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = ["-t\(threads)", "-c\(connections)", "-d\(seconds)s"] + headers.flatMap { ["-H", $0] } + [url]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Requests/sec:") }),
      let rate = Double(line.dropFirst("Requests/sec:".count).trimmingCharacters(in: .whitespaces))
    else { throw BenchmarkFailure(message: "could not read wrk's output:\n\(text)") }
    if text.contains("Non-2xx") { throw BenchmarkFailure(message: "wrk saw error responses:\n\(text)") }
    return rate
  }
}
