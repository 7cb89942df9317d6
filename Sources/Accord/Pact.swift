import AccordMockServer
import AccordModel
import Foundation

/// A contract between a consumer and a provider, written from the consumer's tests.
///
/// Describe what the consumer needs with ``interaction(_:fileID:filePath:line:column:)`` (HTTP) or
/// ``message(_:fileID:filePath:line:column:)``, run the consumer's real code against it, and the interactions of
/// the tests that pass are written to `contracts/<consumer>-<provider>.json` (Pact V4) when the test process ends,
/// or when ``writeContracts()`` is called.
///
/// ```swift
/// let pact = Pact(consumer: "ApiGateway", provider: "UserService")
/// try await pact.interaction("a request for user 42")
///   .withRequest(.get, "/users/42")
///   .willRespond(200, body: ["id": .integer(42)])
///   .run { baseURL in try await UserClient(baseURL: baseURL).user(id: 42) }
/// ```
///
/// The directory is `ACCORD_CONTRACTS_DIR`, else `PACT_OUTPUT_DIR`, else `contracts` in the current directory.
public final class Pact: Sendable {
  public let consumer: String
  public let provider: String
  /// Where the contract file goes.
  public let contractsDirectory: URL

  public init(consumer: String, provider: String, contractsDirectory: URL? = nil) {
    self.consumer = consumer
    self.provider = provider
    self.contractsDirectory = contractsDirectory ?? Pact.defaultContractsDirectory()
  }

  /// `<directory>/<consumer>-<provider>.json`
  public var contractFile: URL {
    contractsDirectory.appendingPathComponent(ContractFileName.make(consumer: consumer, provider: provider))
  }

  static func defaultContractsDirectory() -> URL {
    let environment = ProcessInfo.processInfo.environment
    if let directory = environment["ACCORD_CONTRACTS_DIR"] ?? environment["PACT_OUTPUT_DIR"], !directory.isEmpty {
      return URL(fileURLWithPath: directory, isDirectory: true)
    }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
      .appendingPathComponent("contracts", isDirectory: true)
  }

  /// Starts describing an HTTP interaction. Failures are reported at this call.
  public func interaction(
    _ description: String, fileID: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line,
    column: UInt = #column
  ) -> HTTPInteractionBuilder {
    HTTPInteractionBuilder(
      pact: self, description: description,
      site: CallSite(fileID: fileID, filePath: filePath, line: line, column: column))
  }

  /// Starts describing a message the provider publishes (Asynchronous/Messages).
  public func message(
    _ description: String, fileID: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line,
    column: UInt = #column
  ) -> MessageBuilder {
    MessageBuilder(
      pact: self, description: description,
      site: CallSite(fileID: fileID, filePath: filePath, line: line, column: column))
  }

  /// Starts describing a request message and the response messages it gets (Synchronous/Messages).
  public func synchronousMessage(
    _ description: String, fileID: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line,
    column: UInt = #column
  ) -> SynchronousMessageBuilder {
    SynchronousMessageBuilder(
      pact: self, description: description,
      site: CallSite(fileID: fileID, filePath: filePath, line: line, column: column))
  }

  /// Runs `test` against one mock server serving several interactions; each must be requested, and every request
  /// must match one.
  @discardableResult
  public func run<Result>(
    _ interactions: HTTPInteractionBuilder..., test: (URL) async throws -> Result
  ) async throws -> Result {
    try await run(interactions, test)
  }

  func run<Result>(_ builders: [HTTPInteractionBuilder], _ test: (URL) async throws -> Result) async throws -> Result {
    var interactions: [Interaction] = []
    for builder in builders {
      switch builder.built() {
      case .success(let interaction): interactions.append(interaction)
      case .failure(let problem): throw TestFailure.recordAndStop(problem.message, at: builder.site)
      }
    }
    let server = try await MockServer.leased(serving: interactions)
    let outcome: Swift.Result<Result, any Error>
    do {
      outcome = .success(try await test(URL(string: server.baseURL)!))
    } catch {
      outcome = .failure(error)
    }
    await server.stop()
    let report = server.report()
    // Each failure is reported once: a request that matched nothing is one failure at its closest interaction (which
    // then is not also "never requested"), and the client's own error that followed from it is not reported again.
    var failures: [(message: String, site: CallSite)] = []
    var explained = Set<Int>()
    for request in report.unmatched {
      guard case .unmatched(let closest, let mismatches) = request.outcome else { continue }
      let site = closest.map { builders[$0.position].site } ?? builders[0].site
      if let closest { explained.insert(closest.position) }
      let details = mismatches.map { "  \($0)" }.joined(separator: "\n")
      let lead =
        closest.map { "\(request.summary) does not match interaction \"\($0.description)\":" }
        ?? "\(request.summary) matches no interaction"
      failures.append((details.isEmpty ? lead : lead + "\n" + details, site))
    }
    for (position, (builder, interaction)) in zip(builders, interactions).enumerated()
    where !explained.contains(position) && report.missing.contains(where: { $0.description == interaction.description })
    {
      var expected = ""
      if case .http(let request, _) = interaction.exchange { expected = " (\(request.method) \(request.path))" }
      failures.append(
        (
          "interaction \"\(interaction.description)\" was never requested\(expected); the test's code did not send it",
          builder.site
        ))
    }
    if case .failure = outcome, let last = failures.popLast() {
      for failure in failures { TestFailure.record(failure.message, at: failure.site) }
      throw TestFailure.recordAndStop(last.message, at: last.site)
    }
    for failure in failures { TestFailure.record(failure.message, at: failure.site) }
    if report.isSuccess, case .success = outcome {
      record(interactions, sites: builders.map(\.site))
    }
    return try outcome.get()
  }

  /// Adds passing interactions to this process's contract; conflicts fail the test at the DSL call.
  func record(_ interactions: [Interaction], sites: [CallSite]) {
    do {
      let conflicts = try ContractRecorder.shared.record(interactions, for: self)
      for conflict in conflicts {
        let site = sites[interactions.firstIndex { $0.description == conflict.description } ?? 0]
        TestFailure.record(
          "two different interactions are called \"\(conflict.description)\"\(conflict.statesSummary) in "
            + "\(contractFile.lastPathComponent); give one of them another description or provider state",
          at: site)
      }
    } catch {
      TestFailure.record("could not record the contract \(contractFile.path): \(error)", at: sites[0])
    }
  }

  /// Writes every contract recorded so far in this process, merging with what other processes wrote. Runs by
  /// itself when the process exits; call it to write earlier.
  public static func writeContracts() throws {
    try ContractRecorder.shared.flush()
  }
}

/// Why the DSL could not run a test.
public enum AccordError: Error, CustomStringConvertible {
  case incompleteInteraction(String)
  /// A contract expectation failed outside a test framework; the message says how.
  case contractFailure(String)

  public var description: String {
    switch self {
    case .incompleteInteraction(let description):
      return "interaction \"\(description)\" has no request; add .withRequest(…) before .run"
    case .contractFailure(let message):
      return message
    }
  }
}
