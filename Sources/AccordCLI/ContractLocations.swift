import AccordClient
import AccordVerifier
import ArgumentParser

/// Where contracts are read from, for `accord verify` and `accord stub`: files and folders (`--contract`, or
/// `--file` and `--dir` as the Pact tools name them) and URLs (`--contract-url`, or `--url`).
struct ContractLocations: ParsableArguments {
  @Option(
    name: [.customLong("contract"), .customLong("file"), .customLong("dir")],
    help: "A contract file, or a directory of them (repeatable).")
  var paths: [String] = []

  @Option(name: [.customLong("contract-url"), .customLong("url")], help: "The URL of a contract (repeatable).")
  var urls: [String] = []

  /// Neither files nor URLs were given.
  var isEmpty: Bool { paths.isEmpty && urls.isEmpty }

  func validate() throws {
    for url in urls { try URLArgument.check(url, flag: "--contract-url") }
  }

  /// A source per file, folder and URL; URLs are fetched with `credentials` (a broker's, usually).
  func sources(credentials: Credentials) -> [any ContractSource] {
    paths.map { FileContractSource(path: $0) } + urls.map { URLContractSource(url: $0, credentials: credentials) }
  }
}
