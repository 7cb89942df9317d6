import AccordMatching
import AccordModel
import Foundation

/// Verifies one interaction: states, request or message, matching, teardown.
struct InteractionRunner: Sendable {
  let options: VerificationOptions
  let client: ProviderClient?

  init(options: VerificationOptions) {
    self.options = options
    self.client = options.providerBaseURL.map {
      ProviderClient(
        baseURL: $0, headers: options.headers, filter: options.requestFilter, timeout: options.requestTimeout)
    }
  }

  func run(_ job: Verifier.Job) async throws -> InteractionResult {
    let clock = ContinuousClock()
    let start = clock.now
    let interaction = job.interaction
    let contract = job.sourced.contract
    var mismatches: [Mismatch] = []
    var errors: [String] = []
    var notes: [String] = []

    var values: [String: JSONValue] = [:]
    var established: [ProviderState] = []
    var needed = interaction.providerStates
    if needed.isEmpty, options.stateHandler?.setsUpStatelessInteractions == true { needed = [ProviderState("")] }
    if !needed.isEmpty {
      if let states = options.stateHandler {
        for state in needed {
          do {
            values.merge(try await states.setUp(state)) { _, new in new }
            established.append(state)
          } catch let error as VerifierError {
            await tearDown(established, states, notes: &notes)
            throw error
          } catch {
            errors.append("\(Self.label(state)) could not be set up: \(error)")
            break
          }
        }
      } else {
        notes.append(
          "the interaction needs provider state" + (interaction.providerStates.count == 1 ? " " : "s ")
            + interaction.providerStates.map { "\"\($0.name)\"" }.joined(separator: ", ")
            + " but no state handler (provider-states URL) is set; the provider is used as it is")
      }
    }

    // An error that stops the whole run; the states set up so far are torn down first.
    var stop: VerifierError?
    var observed: InteractionResult.Observed?
    if errors.isEmpty {
      let context = GeneratorContext(providerState: values)
      let options = MatchOptions(specification: contract.specification)
      do {
        switch interaction.exchange {
        case .http(let request, let response):
          guard let client else {
            throw VerificationProblem("this is an HTTP interaction but no provider base URL is set")
          }
          let replay = request.applyingGenerators(context, notes: &notes)
          let actual = try await client.send(replay).response
          mismatches = ResponseMatcher(expected: response, options: options).mismatches(for: actual)
          observed = .init(
            method: replay.method, path: replay.path, fields: actual.body?.json.map(FieldPaths.of) ?? [])
        case .asynchronousMessage(let message):
          guard let producer = self.options.messageProducer else {
            throw VerificationProblem("this is a message interaction but no message producer (messages URL) is set")
          }
          let produced = try await producer.message(for: interaction.description, states: interaction.providerStates)
          mismatches = MessageMatcher(expected: message, options: options).mismatches(for: produced)
          observed = .init(fields: produced.contents?.json.map(FieldPaths.of) ?? [])
        case .synchronousMessages(let request, let responses):
          guard let producer = self.options.messageProducer else {
            throw VerificationProblem("this is a synchronous message interaction but no message producer is set")
          }
          let replay = request.applyingGenerators(context, notes: &notes)
          let produced = try await producer.responses(
            to: replay, description: interaction.description, states: interaction.providerStates)
          if produced.count != responses.count {
            errors.append("expected \(responses.count) response message(s) but the provider produced \(produced.count)")
          }
          for (expected, actual) in zip(responses, produced) {
            mismatches += MessageMatcher(expected: expected, options: options).mismatches(for: actual)
          }
        }
      } catch let error as VerifierError {
        stop = error
      } catch let problem as VerificationProblem {
        errors.append(problem.message)
      } catch {
        errors.append("\(error)")
      }
    }

    if let states = self.options.stateHandler { await tearDown(established, states, notes: &notes) }

    if let stop { throw stop }

    let outcome: InteractionResult.Outcome =
      mismatches.isEmpty && errors.isEmpty ? .passed : .failed(mismatches: mismatches, errors: errors)
    return InteractionResult(
      consumer: contract.consumer.name, provider: contract.provider.name, description: interaction.description,
      providerStates: interaction.providerStates, kind: interaction.exchange.typeName,
      pending: interaction.pending || job.sourced.pending, outcome: outcome, duration: clock.now - start, notes: notes,
      origin: job.sourced.origin, comments: interaction.comments, observed: observed)
  }

  /// Tears down `established` in reverse order (unless teardown is off); a failing teardown is a note.
  private func tearDown(
    _ established: [ProviderState], _ states: any ProviderStateHandler, notes: inout [String]
  ) async {
    guard options.tearDownStates else { return }
    for state in established.reversed() {
      do {
        try await states.tearDown(state)
      } catch {
        notes.append("teardown of \(Self.label(state)) failed: \(error)")
      }
    }
  }

  /// How a report names a state: its name, or what the call without states is for.
  static func label(_ state: ProviderState) -> String {
    state.name.isEmpty
      ? "the provider-states call for an interaction without states (state \"\")"
      : "provider state \"\(state.name)\""
  }
}

/// Why an interaction could not be checked, in words for the report.
struct VerificationProblem: Error {
  let message: String

  init(_ message: String) {
    self.message = message
  }
}
