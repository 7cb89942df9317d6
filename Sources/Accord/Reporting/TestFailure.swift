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

  /// XCTest runs tests from a `.xctest` bundle (Linux: an executable of that name; macOS: the `xctest` tool).
  private static let isXCTestProcess = ProcessInfo.processInfo.arguments.contains { $0.contains(".xctest") }
}
