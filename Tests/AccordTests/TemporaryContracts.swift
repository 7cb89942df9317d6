import Foundation

/// A fresh directory for one test's contracts, so that tests do not write into the repository.
enum TemporaryContracts {
  static func directory(_ name: String = #function) -> URL {
    let url = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
      .appendingPathComponent("accord-tests-\(UUID().uuidString)", isDirectory: true)
      .appendingPathComponent(name.filter { $0.isLetter || $0.isNumber }, isDirectory: true)
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

/// Collects what a known-issue matcher saw, across the closure boundary.
final class IssueLog: @unchecked Sendable {
  private let lock = NSLock()
  private var messages: [String] = []
  private var lines: [Int] = []

  func add(_ message: String, line: Int?) {
    lock.lock()
    messages.append(message)
    if let line { lines.append(line) }
    lock.unlock()
  }

  var all: [String] {
    lock.lock()
    defer { lock.unlock() }
    return messages
  }

  var sourceLines: [Int] {
    lock.lock()
    defer { lock.unlock() }
    return lines
  }
}
