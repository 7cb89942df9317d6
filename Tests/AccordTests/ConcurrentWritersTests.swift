import AccordModel
import Foundation
import Testing

@testable import Accord

/// Acceptance: 50 test cases in 4 parallel processes writing one contract — every interaction present, file valid.
@Suite struct ConcurrentWritersTests {
  static let stressTool = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    .appendingPathComponent("accord-contract-stress")

  @Test func fourProcessesWriteFiftyInteractionsToOneContract() throws {
    try #require(
      FileManager.default.isExecutableFile(atPath: Self.stressTool.path),
      "build accord-contract-stress first (swift build builds it; it is a dependency of AccordTests)")
    let directory = TemporaryContracts.directory()
    let runID = "concurrent-writers-\(UUID().uuidString)"
    let shares = [(0, 13), (13, 13), (26, 12), (38, 12)]
    let processes = try shares.map { first, count -> Process in
      let process = Process()
      process.executableURL = Self.stressTool
      process.arguments = [directory.path, String(first), String(count)]
      var environment = ProcessInfo.processInfo.environment
      environment["ACCORD_RUN_ID"] = runID
      process.environment = environment
      try process.run()
      return process
    }
    for process in processes {
      process.waitUntilExit()
      #expect(process.terminationStatus == 0)
    }
    let file = directory.appendingPathComponent("StressConsumer-StressProvider.json")
    let contract = try ContractDecoder().decode(Data(contentsOf: file), source: file.path).contract
    #expect(contract.interactions.count == 50)
    #expect(Set(contract.interactions.map(\.description)) == Set((0..<50).map { "interaction \($0)" }))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tmp") }
    #expect(leftovers.isEmpty, "no temporary files are left behind")
  }

  /// Runs the stand-in test process once and returns its exit status.
  static func runProcess(
    _ directory: URL, first: Int, count: Int, run: String, environment extra: [String: String] = [:]
  ) throws -> Int32 {
    let process = Process()
    process.executableURL = stressTool
    process.arguments = [directory.path, String(first), String(count)]
    var environment = ProcessInfo.processInfo.environment
    environment["ACCORD_RUN_ID"] = run
    environment.merge(extra) { _, new in new }
    process.environment = environment
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
  }

  static func contract(_ directory: URL) throws -> Contract {
    let file = directory.appendingPathComponent("StressConsumer-StressProvider.json")
    return try ContractDecoder().decode(Data(contentsOf: file), source: file.path).contract
  }

  static func exampleNames(_ contract: Contract) -> [String] {
    contract.interactions.compactMap { interaction in
      guard case .http(_, let response) = interaction.exchange else { return nil }
      return response.body?.json?["name"]?.stringValue
    }
  }

  @Test func aRunLeavesNoBookkeepingBehind() throws {
    let directory = TemporaryContracts.directory()
    #expect(try Self.runProcess(directory, first: 0, count: 2, run: "leftovers-\(UUID().uuidString)") == 0)
    let file = directory.appendingPathComponent("StressConsumer-StressProvider.json")
    let ledger = "accord-" + RunLedger.digest(file.standardizedFileURL.path) + ".run.json"
    let temporary = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())
    #expect(!temporary.contains(ledger), "the run ledger is deleted by the last process of the run")
    #expect(!temporary.contains(ledger.replacingOccurrences(of: ".run.json", with: ".lock")), "no lock file")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [file.lastPathComponent])
  }

  @Test func reRunningAfterAnEditReplacesTheInteraction() throws {
    let directory = TemporaryContracts.directory()
    #expect(try Self.runProcess(directory, first: 0, count: 3, run: "first-\(UUID().uuidString)") == 0)
    let edited = ["STRESS_VARIANT": " (edited)"]
    #expect(
      try Self.runProcess(directory, first: 0, count: 2, run: "second-\(UUID().uuidString)", environment: edited) == 0)
    #expect(Self.exampleNames(try Self.contract(directory)) == ["item 0 (edited)", "item 1 (edited)", "item 2"])
  }

  @Test func replaceModeKeepsOnlyWhatThisRunRecordedAcrossItsProcesses() throws {
    let directory = TemporaryContracts.directory()
    #expect(try Self.runProcess(directory, first: 0, count: 3, run: "before-\(UUID().uuidString)") == 0)
    // One run of two test processes, one after the other (as swift test runs XCTest, then Swift Testing); it
    // starts after the earlier run wrote the file.
    Thread.sleep(forTimeInterval: 0.05)
    let run = "replace-\(UUID().uuidString)"
    let environment = [
      "ACCORD_CONTRACT_MODE": "replace", "ACCORD_RUN_STARTED": String(Date().timeIntervalSince1970),
    ]
    #expect(try Self.runProcess(directory, first: 0, count: 1, run: run, environment: environment) == 0)
    #expect(try Self.runProcess(directory, first: 1, count: 1, run: run, environment: environment) == 0)
    #expect(try Self.contract(directory).interactions.map(\.description) == ["interaction 0", "interaction 1"])
  }

  @Test func anUnreadableContractIsKeptBesideTheNewOne() throws {
    let directory = TemporaryContracts.directory()
    let file = directory.appendingPathComponent("StressConsumer-StressProvider.json")
    try Data("{ not a contract".utf8).write(to: file)
    #expect(try Self.runProcess(directory, first: 0, count: 1, run: "unreadable-\(UUID().uuidString)") == 0)
    #expect(try Self.contract(directory).interactions.count == 1)
    let backups = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
      $0.contains(".unreadable-")
    }
    #expect(backups.count == 1)
    let kept = try String(contentsOf: directory.appendingPathComponent(backups[0]), encoding: .utf8)
    #expect(kept == "{ not a contract")
  }
}
