import ArgumentParser
import Foundation

/// How a subcommand that could not do its job ends: `accord <command>: error: <message> (<flag>)` on standard
/// error, then exit status 1 (64 is argument-parser's, for usage errors).
///
/// ```swift
/// throw CommandFailure.report("verify", error, flag: "--contract")
/// ```
enum CommandFailure {
  static func report(_ command: String, message: String, flag: String? = nil, code: Int32 = 1) -> ExitCode {
    let suffix = flag.map { " (\($0))" } ?? ""
    FileHandle.standardError.write(Data("accord \(command): error: \(message)\(suffix)\n".utf8))
    return ExitCode(code)
  }

  static func report(_ command: String, _ error: any Error, flag: String? = nil, code: Int32 = 1) -> ExitCode {
    let suffix = flag.map { " (\($0))" } ?? ""
    FileHandle.standardError.write(Data("accord \(command): error: \(error)\(suffix)\n".utf8))
    return ExitCode(code)
  }
}
