import AccordModel
import Foundation

/// Which interactions the current test run has recorded for one contract, shared by every process of the run, so
/// that a conflict between two tests is found even when they run in different processes.
///
/// Kept beside a lock file in the temporary directory, named after the contract's path. A run is identified by
/// `ACCORD_RUN_ID` or, by default, by the parent process (the `swift test` that started the test processes).
struct RunLedger {
  struct State {
    var run: String
    /// Fingerprints of recorded interactions, by identity.
    var fingerprints: [String: String]
  }

  let contractFile: URL
  let lock: FileLock
  private let stateFile: URL

  init(contractFile: URL) {
    self.contractFile = contractFile
    let name = "accord-" + Self.digest(contractFile.standardizedFileURL.path)
    let directory = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
    self.lock = FileLock(path: directory.appendingPathComponent(name + ".lock").path)
    self.stateFile = directory.appendingPathComponent(name + ".run.json")
  }

  /// Runs `body` under the contract's lock with this run's state, then saves the state if it changed.
  func update<T>(_ body: (inout State) throws -> T) throws -> T {
    try lock.withLock {
      let before = readState()
      var state = before
      let result = try body(&state)
      if state.fingerprints != before.fingerprints || !FileManager.default.fileExists(atPath: stateFile.path) {
        try AtomicFile.write(encode(state), to: stateFile)
      }
      return result
    }
  }

  /// This run's state, read under a lock the caller already holds.
  func readState() -> State {
    let run = Self.currentRun
    guard let data = try? Data(contentsOf: stateFile), let document = try? JSONValue(parsing: data),
      document["run"]?.stringValue == run, let recorded = document["fingerprints"]?.objectValue
    else { return State(run: run, fingerprints: [:]) }
    var fingerprints: [String: String] = [:]
    for (key, value) in recorded { fingerprints[key] = value.stringValue }
    return State(run: run, fingerprints: fingerprints)
  }

  private func encode(_ state: State) -> Data {
    JSONValue.object([
      "run": .string(state.run), "fingerprints": .object(JSONObject(state.fingerprints.mapValues(JSONValue.string))),
    ]).data()
  }

  static let currentRun: String = {
    if let run = ProcessInfo.processInfo.environment["ACCORD_RUN_ID"], !run.isEmpty { return run }
    let parent = getppid()
    // The parent's start time tells a new `swift test` from an old one that had the same process id.
    let stat = (try? String(contentsOfFile: "/proc/\(parent)/stat", encoding: .utf8)) ?? ""
    let fields = stat.split(separator: ")").last?.split(separator: " ") ?? []
    let started = fields.count > 19 ? String(fields[19]) : "0"
    return "parent-\(parent)-\(started)"
  }()

  static func digest(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    return String(hash, radix: 16)
  }
}
