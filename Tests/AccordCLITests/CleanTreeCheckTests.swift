import Foundation
import Testing

/// `.ci/check-clean-tree`, which fails CI when a test run leaves a file in the checkout: shown passing on a clean
/// checkout and failing, naming the file, on a stray one and on a changed one (in a scratch repository, never this
/// checkout).
@Suite("CI's clean-tree check")
struct CleanTreeCheckTests {
  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent(".ci/check-clean-tree")

  /// Runs the command on a thread of its own (the cooperative threads stay free).
  func run(_ executable: String, _ arguments: [String], in directory: URL) async throws -> (Int32, String) {
    try await AccordProcess.offThePool { try Self.runBlocking(executable, arguments, in: directory) }
  }

  static func runBlocking(_ executable: String, _ arguments: [String], in directory: URL) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [executable] + arguments
    process.currentDirectoryURL = directory
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  @Test("passes on a clean checkout, fails naming a stray file and a changed one")
  func check() async throws {
    let repository = FileManager.default.temporaryDirectory.appendingPathComponent("accord-tree-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: repository, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: repository) }
    let git = ["-c", "user.name=t", "-c", "user.email=t@example.com"]
    #expect(try await run("git", ["init", "-q"], in: repository).0 == 0)
    try Data("kept\n".utf8).write(to: repository.appendingPathComponent("README.md"))
    try Data("/build/\n".utf8).write(to: repository.appendingPathComponent(".gitignore"))
    #expect(try await run("git", ["add", "-A"], in: repository).0 == 0)
    #expect(try await run("git", git + ["commit", "-qm", "start"], in: repository).0 == 0)

    let clean = try await run("bash", [Self.script.path, repository.path, "swift test"], in: repository)
    #expect(clean.0 == 0, "\(clean.1)")

    // What .gitignore covers is not stray.
    try FileManager.default.createDirectory(
      at: repository.appendingPathComponent("build"), withIntermediateDirectories: true)
    try Data().write(to: repository.appendingPathComponent("build/cache"))
    #expect(try await run("bash", [Self.script.path, repository.path], in: repository).0 == 0)

    try Data("db".utf8).write(to: repository.appendingPathComponent("accord-broker.sqlite"))
    let stray = try await run("bash", [Self.script.path, repository.path, "swift test"], in: repository)
    #expect(stray.0 == 1)
    #expect(stray.1.contains("swift test left files") && stray.1.contains("?? accord-broker.sqlite"), "\(stray.1)")

    try FileManager.default.removeItem(at: repository.appendingPathComponent("accord-broker.sqlite"))
    try Data("changed\n".utf8).write(to: repository.appendingPathComponent("README.md"))
    let changed = try await run("bash", [Self.script.path, repository.path], in: repository)
    #expect(changed.0 == 1)
    #expect(changed.1.contains("M README.md"), "\(changed.1)")
  }
}
