import AccordBroker
import ArgumentParser

/// The retention policy's flags, shared by `accord broker clean` and `accord broker --clean-every`.
struct RetentionOptions: ParsableArguments {
  @Option(name: .customLong("keep-latest"), help: "Versions kept per branch of each pacticipant (at least 1).")
  var keepLatest: Int = 10

  @Option(name: .customLong("keep-days"), help: "Versions newer than this many days are kept.")
  var keepDays: Int = 90

  func validate() throws {
    if keepLatest < 1 { throw ValidationError("--keep-latest must be at least 1: the latest of a branch is kept") }
    if keepDays < 0 { throw ValidationError("--keep-days must be 0 or more") }
  }

  var policy: RetentionPolicy { RetentionPolicy(keepLatest: keepLatest, keepDays: keepDays) }
}
