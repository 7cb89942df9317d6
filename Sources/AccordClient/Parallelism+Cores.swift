import AccordModel
import Dispatch
import Foundation

extension Parallelism {
  /// One part per core, run with `DispatchQueue.concurrentPerform`: for tools that decode or write long contracts.
  public static let cores = Parallelism(parts: ProcessInfo.processInfo.activeProcessorCount) { count, body in
    DispatchQueue.concurrentPerform(iterations: count, execute: body)
  }
}
