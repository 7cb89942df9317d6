import Accord
import Foundation
import Synchronization

/// A fresh directory for one test's contracts, so that tests do not write into the repository. Every directory is
/// removed when the test process exits, after the contracts recorded in it are written.
enum TemporaryContracts {
  static func directory(_ name: String = #function) -> URL {
    let root = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
      .appendingPathComponent("accord-tests-\(UUID().uuidString)", isDirectory: true)
    let url = root.appendingPathComponent(name.filter { $0.isLetter || $0.isNumber }, isDirectory: true)
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    created.withLock { $0.append(root.path) }
    installCleanup
    return url
  }

  private static let created = Mutex<[String]>([])

  private static let installCleanup: Void = {
    atexit {
      try? Pact.writeContracts()
      for path in TemporaryContracts.created.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: path) }
    }
  }()
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
