import Foundation

/// Runs the built `accord` executable, as a user would, and collects what it printed.
struct AccordProcess {
  static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    .appendingPathComponent("accord")

  struct Output {
    var status: Int32
    var stdout: String
    var stderr: String
    /// The process was killed by a signal (a crash), `status` is the signal.
    var signalled = false
    /// The process did not finish in time and was killed.
    var timedOut = false
  }

  static func run(_ arguments: [String], timeout: Double = 300) throws -> Output {
    try runBlocking(arguments, timeout: timeout)
  }

  /// - Parameters:
  ///   - directory: the working directory to run in (the test process's own when nil).
  ///   - environment: variables to set (or, with a nil value, remove) on top of the test process's own.
  private static func runBlocking(
    _ arguments: [String], timeout: Double, directory: URL? = nil, environment: [String: String?] = [:]
  ) throws -> Output {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    if !environment.isEmpty {
      var variables = ProcessInfo.processInfo.environment
      for (name, value) in environment { variables[name] = value }
      process.environment = variables
    }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let timedOut =
      watchdog.isCancelled == false && process.terminationReason == .uncaughtSignal
      && process.terminationStatus == SIGTERM
    watchdog.cancel()
    return Output(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self), signalled: process.terminationReason == .uncaughtSignal,
      timedOut: timedOut)
  }

  /// Like ``run(_:timeout:)``, waiting on a thread of its own instead of a Swift concurrency thread: a test that
  /// runs `accord` against a provider in the same process must leave the cooperative threads free to answer it.
  static func run(
    _ arguments: [String], timeout: Double = 300, directory: URL? = nil, environment: [String: String?] = [:]
  ) async throws -> Output {
    try await withCheckedThrowingContinuation { continuation in
      let thread = Thread {
        continuation.resume(
          with: Result {
            try AccordProcess.runBlocking(
              arguments, timeout: timeout, directory: directory, environment: environment)
          })
      }
      thread.start()
    }
  }

  /// Runs `accord` in the background (for `accord stub`), reading its output as it comes.
  final class Background: @unchecked Sendable {
    let process = Process()
    private let output = Pipe()
    private let lock = NSLock()
    private var printed = ""

    init(_ arguments: [String], directory: URL? = nil, environment: [String: String?] = [:]) throws {
      process.executableURL = AccordProcess.executable
      process.arguments = arguments
      if let directory { process.currentDirectoryURL = directory }
      if !environment.isEmpty {
        var variables = ProcessInfo.processInfo.environment
        for (name, value) in environment { variables[name] = value }
        process.environment = variables
      }
      process.standardOutput = output
      process.standardError = output
      output.fileHandleForReading.readabilityHandler = { [weak self] handle in
        let text = String(decoding: handle.availableData, as: UTF8.self)
        self?.lock.withLock { self?.printed += text }
      }
      try process.run()
    }

    var text: String { lock.withLock { printed } }

    /// Waits (up to five seconds) until the output contains `fragment`.
    func wait(for fragment: String) async throws -> String {
      for _ in 0..<100 {
        if text.contains(fragment) { return text }
        try await Task.sleep(for: .milliseconds(50))
      }
      throw CLITestFailure(message: "accord did not print \(fragment); it printed:\n\(text)")
    }

    func interrupt() {
      process.interrupt()
      process.waitUntilExit()
      output.fileHandleForReading.readabilityHandler = nil
    }

    /// ``interrupt()`` waiting on a thread of its own: a test must not hold one of the few cooperative threads
    /// (two on a two-core machine) while a child shuts down, or every in-process server stalls meanwhile.
    func stop() async {
      _ = try? await AccordProcess.offThePool { self.interrupt() }
    }
  }
}

extension AccordProcess {
  /// Runs blocking `work` (waiting for a process, reading a pipe) on a thread of its own and awaits it, leaving the
  /// cooperative threads free for the servers the tests run in-process.
  static func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    let result: Result<T, any Error> = await withCheckedContinuation { continuation in
      Thread { continuation.resume(returning: Result { try work() }) }.start()
    }
    return try result.get()
  }
}

/// The outcome of async `body`, error or value, so a test can clean up (stop a process) before it rethrows.
func outcome<T>(_ body: () async throws -> T) async -> Result<T, any Error> {
  do {
    return .success(try await body())
  } catch {
    return .failure(error)
  }
}

struct CLITestFailure: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}
