import AccordModel
import Foundation
import Testing

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
}
