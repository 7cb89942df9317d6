import Foundation

#if canImport(Testing)
  import Testing
#endif
#if canImport(XCTest)
  import XCTest
#endif

/// Reports a failed contract expectation to the test framework that runs the test: Swift Testing records an issue,
/// XCTest a failure, both at the DSL call's file and line. Outside any test, the message goes to standard error.
enum TestFailure {
  static func record(_ message: String, at site: CallSite) {
    #if canImport(Testing)
      if Test.current != nil {
        Issue.record(
          Comment(rawValue: message),
          sourceLocation: SourceLocation(
            fileID: "\(site.fileID)", filePath: "\(site.filePath)", line: Int(site.line), column: Int(site.column)))
        return
      }
    #endif
    #if canImport(XCTest)
      if isXCTestProcess {
        XCTFail(message, file: site.filePath, line: site.line)
        return
      }
    #endif
    FileHandle.standardError.write(Data("\(site.filePath):\(site.line): error: \(message)\n".utf8))
  }

  /// Records `message` at the DSL call like ``record(_:at:)``, and returns an error that stops the test without
  /// being reported a second time: Swift Testing's own "requirement failed" error, or XCTest's `XCTSkip` (a test
  /// with a failure and a skip still counts as one failure). Outside a test, an ``AccordError``.
  static func recordAndStop(_ message: String, at site: CallSite) -> any Error {
    #if canImport(Testing)
      if Test.current != nil {
        // Read in the test log as "Expectation failed: theContractIsSatisfied", then the message.
        let theContractIsSatisfied = false
        do {
          try #require(
            theContractIsSatisfied, Comment(rawValue: message),
            sourceLocation: SourceLocation(
              fileID: "\(site.fileID)", filePath: "\(site.filePath)", line: Int(site.line), column: Int(site.column)))
        } catch {
          return error
        }
      }
    #endif
    record(message, at: site)
    #if canImport(XCTest)
      if isXCTestProcess { return XCTSkip("stopped by the contract failure reported above") }
    #endif
    return AccordError.contractFailure(message)
  }

  /// XCTest runs tests from a `.xctest` bundle (Linux: an executable of that name; macOS: the `xctest` tool).
  private static let isXCTestProcess = ProcessInfo.processInfo.arguments.contains { $0.contains(".xctest") }
}
