import AccordClient
import AccordModel
import ArgumentParser
import Foundation

/// `accord publish`: publishes contract files to a broker for a consumer version.
struct PublishCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "publish",
    abstract: "Publish contracts to a broker for a consumer version.",
    discussion: """
      Each consumer's contracts are published in one call, so a publish is whole or not at all. Publishing the \
      same contracts for a version again changes nothing; different contracts for a published version are \
      refused (409): give each build its own version.

      Examples:
        accord publish contracts --consumer-app-version $(git rev-parse HEAD) --branch main
        accord publish contracts --auto-detect-version-properties --broker-url http://127.0.0.1:9292
      """
  )

  @Argument(help: "Contract files, or folders of them (*.json).")
  var paths: [String] = []

  @Option(name: .customLong("consumer-app-version"), help: "The consumer version, e.g. the commit.")
  var version: String?

  @Option(help: "The consumer version's branch.")
  var branch: String?

  @Option(help: "A tag for the consumer version (repeatable).")
  var tag: [String] = []

  @Option(name: .customLong("build-url"), help: "The CI build's URL.")
  var buildURL: String?

  @Flag(
    name: .customLong("auto-detect-version-properties"),
    help: "Take the version, branch and build URL from git and CI variables when not given.")
  var autoDetect = false

  @OptionGroup var broker: BrokerOptions

  func validate() throws {
    if paths.isEmpty { throw ValidationError("give the contracts to publish: a file or a folder, e.g. contracts") }
    if version == nil && !autoDetect {
      throw ValidationError(
        "give the consumer version: --consumer-app-version V, or --auto-detect-version-properties to use git")
    }
  }

  func run() async throws {
    let client = try broker.client()
    var contracts: [JSONValue] = []
    do {
      for path in paths { contracts += try Self.read(path) }
    } catch {
      throw CommandFailure.report("publish", error)
    }
    guard !contracts.isEmpty else {
      throw CommandFailure.report("publish", message: "no contract files (*.json) in \(paths.joined(separator: ", "))")
    }
    let detected = autoDetect ? VersionProperties.detect() : VersionProperties()
    guard let number = version ?? detected.version else {
      throw CommandFailure.report(
        "publish", message: "cannot tell the version from git or CI variables; give --consumer-app-version",
        flag: "--auto-detect-version-properties")
    }
    do {
      let notices = try await client.publish(
        contracts, version: number, branch: branch ?? detected.branch, tags: tag,
        buildURL: buildURL ?? detected.buildURL)
      for notice in notices { print(PrintSafe.escaped(notice)) }
    } catch {
      throw BrokerFailure.report("publish", error)
    }
  }

  /// The contracts in a file, or in the `*.json` files of a folder (sorted, not recursive).
  static func read(_ path: String) throws -> [JSONValue] {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw ClientError.file(path: path, message: "no such file or folder; give a contract file or a folder of them")
    }
    let files: [String]
    if isFolder.boolValue {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
      files = names.filter { $0.hasSuffix(".json") }.sorted().map { (path as NSString).appendingPathComponent($0) }
    } else {
      files = [path]
    }
    return try files.map { file in
      guard let data = FileManager.default.contents(atPath: file) else {
        throw ClientError.file(path: file, message: "cannot be read")
      }
      let json: JSONValue
      do {
        json = try JSONValue(parsing: data)
      } catch {
        throw ClientError.file(path: file, message: "is not JSON (\(error))")
      }
      guard json["consumer"]?["name"]?.stringValue != nil, json["provider"]?["name"]?.stringValue != nil else {
        throw ClientError.file(path: file, message: "is not a pact: it has no consumer.name and provider.name")
      }
      return json
    }
  }
}

/// The version, branch and build URL of the build running: from CI variables, else from git.
struct VersionProperties {
  var version: String?
  var branch: String?
  var buildURL: String?

  static func detect(environment: [String: String] = ProcessInfo.processInfo.environment) -> VersionProperties {
    func first(_ names: String...) -> String? {
      names.lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
    }
    var properties = VersionProperties()
    properties.version = first(
      "GITHUB_SHA", "CI_COMMIT_SHA", "BUILDKITE_COMMIT", "CIRCLE_SHA1", "GIT_COMMIT", "TRAVIS_COMMIT")
    properties.branch = first(
      "GITHUB_HEAD_REF", "GITHUB_REF_NAME", "CI_COMMIT_REF_NAME", "BUILDKITE_BRANCH", "CIRCLE_BRANCH", "GIT_BRANCH",
      "TRAVIS_BRANCH")
    if let server = environment["GITHUB_SERVER_URL"], let repository = environment["GITHUB_REPOSITORY"],
      let run = environment["GITHUB_RUN_ID"]
    {
      properties.buildURL = "\(server)/\(repository)/actions/runs/\(run)"
    } else {
      properties.buildURL = first("CI_JOB_URL", "BUILDKITE_BUILD_URL", "CIRCLE_BUILD_URL", "BUILD_URL")
    }
    if properties.version == nil { properties.version = git(["rev-parse", "HEAD"]) }
    if properties.branch == nil {
      properties.branch = git(["rev-parse", "--abbrev-ref", "HEAD"]).flatMap { $0 == "HEAD" ? nil : $0 }
    }
    return properties
  }

  static func git(_ arguments: [String]) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    return text.isEmpty ? nil : text
  }
}
