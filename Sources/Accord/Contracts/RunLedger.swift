import AccordModel
import Foundation

/// Which interactions the current test run has recorded for one contract, shared by the processes of the run that
/// are alive at once, so that a conflict between two tests is found even when they run in different processes.
///
/// Kept in the temporary directory, named after the contract's path, and locked by locking the contract's folder
/// (no lock file). Each process registers itself; the last one of the run to leave deletes the file, so nothing is
/// left behind. Processes of the same run that come later (`swift test` runs XCTest and Swift Testing one after the
/// other) see what earlier ones recorded in the contract file itself.
struct RunLedger {
  struct State {
    var run: String
    /// Fingerprints of recorded interactions, by identity.
    var fingerprints: [String: String]
    /// The processes of the run that use the ledger now.
    var processes: Set<Int32>
  }

  let contractFile: URL
  let lock: FileLock
  private let stateFile: URL

  init(contractFile: URL) {
    self.contractFile = contractFile
    let name = "accord-" + Self.digest(contractFile.standardizedFileURL.path)
    let directory = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
    self.lock = FileLock(path: contractFile.deletingLastPathComponent().path)
    self.stateFile = directory.appendingPathComponent(name + ".run.json")
  }

  /// Runs `body` under the contract's lock with this run's state (this process registered in it), then saves the
  /// state if it changed.
  func update<T>(_ body: (inout State) throws -> T) throws -> T {
    try lock.withLock {
      let before = readState()
      var state = before
      state.processes.insert(getpid())
      let result = try body(&state)
      if state.fingerprints != before.fingerprints || state.processes != before.processes {
        try AtomicFile.write(encode(state), to: stateFile)
      }
      return result
    }
  }

  /// Removes this process (and any that died) from the ledger; the last one out deletes it. Call under the lock.
  func leave() {
    var state = readState()
    state.processes.remove(getpid())
    state.processes = state.processes.filter(TestRun.isAlive)
    if state.processes.isEmpty {
      try? FileManager.default.removeItem(at: stateFile)
    } else {
      try? AtomicFile.write(encode(state), to: stateFile)
    }
  }

  /// This run's state, read under a lock the caller already holds.
  func readState() -> State {
    let run = TestRun.id
    guard let data = try? Data(contentsOf: stateFile), let document = try? JSONValue(parsing: data),
      document["run"]?.stringValue == run, let recorded = document["fingerprints"]?.objectValue
    else { return State(run: run, fingerprints: [:], processes: []) }
    var fingerprints: [String: String] = [:]
    for (key, value) in recorded { fingerprints[key] = value.stringValue }
    let processes = Set((document["processes"]?.arrayValue ?? []).compactMap { $0.intValue.map { Int32($0) } })
    return State(run: run, fingerprints: fingerprints, processes: processes)
  }

  private func encode(_ state: State) -> Data {
    JSONValue.object([
      "run": .string(state.run), "fingerprints": .object(JSONObject(state.fingerprints.mapValues(JSONValue.string))),
      "processes": .array(state.processes.sorted().map { .int(Int($0)) }),
    ]).data()
  }

  static func digest(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    return String(hash, radix: 16)
  }
}
