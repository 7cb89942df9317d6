import AccordClient
import AccordMatching
import AccordModel
import Foundation

/// Replays contracts against a provider: each HTTP interaction's request is sent (provider states set up first,
/// generators applied) and the response matched; each message is produced and matched.
///
/// ```swift
/// let verifier = Verifier(
///   sources: [FileContractSource(path: "contracts")],
///   options: VerificationOptions(
///     providerBaseURL: "http://127.0.0.1:8080",
///     stateHandler: HTTPProviderStates(url: "http://127.0.0.1:8080/_pact/state")))
/// let report = try await verifier.verify()
/// print(HumanReport(report))
/// ```
public struct Verifier: Sendable {
  public var sources: [any ContractSource]
  public var options: VerificationOptions

  public init(sources: [any ContractSource], options: VerificationOptions) {
    self.sources = sources
    self.options = options
  }

  /// Loads the contracts of every source and verifies them.
  public func verify() async throws -> VerificationReport {
    var contracts: [SourcedContract] = []
    for source in sources { contracts += try await source.contracts() }
    return try await verify(contracts)
  }

  /// One interaction to verify, with where it came from.
  struct Job: Sendable {
    let sourced: SourcedContract
    let interaction: Interaction
  }

  /// Verifies contracts already loaded.
  public func verify(_ contracts: [SourcedContract]) async throws -> VerificationReport {
    let descriptionFilter = try options.descriptionFilter.map { try Self.regex($0, what: "the description filter") }
    let stateFilter = try options.stateFilter.map { try Self.regex($0, what: "the provider state filter") }
    var jobs: [Job] = []
    var summaries: [VerificationReport.ContractSummary] = []
    for sourced in contracts {
      let contract = sourced.contract
      if !options.consumerFilter.isEmpty && !options.consumerFilter.contains(contract.consumer.name) { continue }
      summaries.append(
        VerificationReport.ContractSummary(
          consumer: contract.consumer.name, provider: contract.provider.name, origin: sourced.origin,
          pending: sourced.pending, notices: sourced.notices, warnings: sourced.warnings.map(\.description),
          verificationResultsURL: sourced.verificationResultsURL))
      for interaction in contract.interactions {
        if let descriptionFilter, !Self.matches(descriptionFilter, interaction.description) { continue }
        if let stateFilter, !interaction.providerStates.contains(where: { Self.matches(stateFilter, $0.name) }) {
          continue
        }
        if options.onlyStateless && !interaction.providerStates.isEmpty { continue }
        jobs.append(Job(sourced: sourced, interaction: interaction))
      }
    }
    let runner = InteractionRunner(options: options)
    var results: [InteractionResult] = []
    results.reserveCapacity(jobs.count)
    var position = 0
    // Interactions with provider states run one at a time, in order; a run of stateless ones may run at once —
    // every one with `concurrency` above 1, reads only otherwise — unless the state handler sets up stateless
    // interactions too (a provider-states URL that resets the store).
    let width = options.concurrency > 1 ? options.concurrency : options.readConcurrency
    let parallel: (Job) -> Bool = { job in
      guard width > 1, job.interaction.providerStates.isEmpty,
        options.stateHandler?.setsUpStatelessInteractions != true
      else { return false }
      return options.concurrency > 1 || Self.isRead(job.interaction)
    }
    while position < jobs.count {
      guard parallel(jobs[position]) else {
        results.append(try await runner.run(jobs[position]))
        position += 1
        continue
      }
      var end = position
      while end < jobs.count, parallel(jobs[end]) { end += 1 }
      results += try await runConcurrently(Array(jobs[position..<end]), runner, width: width)
      position = end
    }
    return VerificationReport(contracts: summaries, results: results)
  }

  /// An HTTP interaction whose request changes nothing on the provider by its method's definition.
  static func isRead(_ interaction: Interaction) -> Bool {
    guard case .http(let request, _) = interaction.exchange else { return false }
    return ["GET", "HEAD", "OPTIONS"].contains(request.method.uppercased())
  }

  private func runConcurrently(_ jobs: [Job], _ runner: InteractionRunner, width: Int) async throws
    -> [InteractionResult]
  {
    var results = [InteractionResult?](repeating: nil, count: jobs.count)
    try await withThrowingTaskGroup(of: (Int, InteractionResult).self) { group in
      var next = 0
      for _ in 0..<min(width, jobs.count) {
        let index = next
        group.addTask { (index, try await runner.run(jobs[index])) }
        next += 1
      }
      while let (index, result) = try await group.next() {
        results[index] = result
        if next < jobs.count {
          let index = next
          group.addTask { (index, try await runner.run(jobs[index])) }
          next += 1
        }
      }
    }
    return results.compactMap { $0 }
  }

  static func regex(_ pattern: String, what: String) throws -> NSRegularExpression {
    do {
      return try NSRegularExpression(pattern: pattern)
    } catch {
      throw VerifierError.configuration("\(what) \(PrintSafe.quoted(pattern)) is not a valid regular expression")
    }
  }

  private static func matches(_ regex: NSRegularExpression, _ text: String) -> Bool {
    regex.firstMatch(in: text, range: NSRange(text.startIndex..<text.endIndex, in: text)) != nil
  }
}
