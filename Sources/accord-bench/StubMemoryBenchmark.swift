import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Issue 25: the memory a long-running stub keeps. `accord stub` runs as its own process (the release build beside
/// this one) with a one-interaction contract; ten POSTs of 30 MiB that match nothing are sent one after another;
/// the figure is how far its resident memory stays above where it started once they are answered.
enum StubMemoryBenchmark {
  static let requests = 10
  static let bodyBytes = 30 << 20

  static func unmatchedUploads() -> Benchmark {
    Benchmark(
      name: "stub-memory",
      summary: "accord stub's resident memory after \(requests) unmatched 30 MiB JSON POSTs, above its start",
      goal: Goal(value: 50, unit: .mebibytes)
    ) {
      let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
        "accord-bench-stub-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(at: directory) }
      let contract = directory.appendingPathComponent("contract.json")
      try MockServerBenchmarks.pactFile(MockServerBenchmarks.items(1)).write(to: contract)
      let accord = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("accord")
      guard FileManager.default.isExecutableFile(atPath: accord.path) else {
        throw BenchmarkFailure(message: "build accord first: swift build -c release --product accord")
      }
      let process = Process()
      process.executableURL = accord
      process.arguments = ["stub", "--contract", contract.path, "--port", "0", "--quiet"]
      let output = Pipe()
      process.standardOutput = output
      process.standardError = FileHandle.nullDevice
      try process.run()
      defer {
        process.terminate()
        process.waitUntilExit()
      }
      var printed = Data()
      while !printed.contains(UInt8(ascii: "\n")) {
        let chunk = output.fileHandleForReading.availableData
        guard !chunk.isEmpty else { throw BenchmarkFailure(message: "accord stub stopped before it listened") }
        printed += chunk
      }
      let line = String(decoding: printed, as: UTF8.self)
      guard let port = line.split(separator: ":").last.flatMap({ Int($0.prefix { $0.isNumber }) }) else {
        throw BenchmarkFailure(message: "could not read the stub's port from: \(line)")
      }
      let probe = try HTTPProbe(port: port)
      _ = try probe.get("/items/0")
      try await Task.sleep(for: .milliseconds(300))
      let start = try residentMiB(process.processIdentifier)
      let chunk = Array(repeating: UInt8(ascii: " "), count: 1 << 20)
      for _ in 0..<requests {
        let status = try probe.post(
          "/uploads", contentType: "application/json", prefix: Array(#"{"items":["#.utf8),
          filler: Array(#"{"id":1,"name":"an uploaded item"},"#.utf8), suffix: Array(#"{"id":0}]}"#.utf8),
          totalBytes: bodyBytes, scratch: chunk)
        guard status == 500 else { throw BenchmarkFailure(message: "the upload was answered \(status), not 500") }
      }
      try await Task.sleep(for: .milliseconds(500))
      let after = try residentMiB(process.processIdentifier)
      let peak = try residentMiB(process.processIdentifier, field: "VmHWM:")
      return Measurement(
        value: after - start, unit: .mebibytes,
        detail: String(format: "%.0f → %.0f MiB, peak %.0f", start, after, peak))
    }
  }

  /// A process's resident memory (or another `/proc/PID/status` field in kB), in MiB.
  static func residentMiB(_ pid: Int32, field: String = "VmRSS:") throws -> Double {
    let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
    guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field) }),
      let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { throw BenchmarkFailure(message: "no \(field) in /proc/\(pid)/status") }
    return kilobytes / 1024
  }
}
