import Foundation

/// Chooses the pacts a provider build verifies: `POST /pacts/provider/{provider}/for-verification`.
///
/// Each selector becomes one store query; pacts chosen by several selectors appear once, with every reason.
/// With `includePendingStatus`, a pact is pending until a provider version on `providerVersionBranch` has
/// verified its content successfully. With `includeWipPactsSince`, the latest pact of each consumer branch
/// published since then that is still pending and not otherwise chosen is added as work in progress.
///
/// ```swift
/// let pacts = try await PactsForVerification(store: store).pacts(
///   provider: "users", selectors: [mainBranch], providerVersionBranch: "main", includePendingStatus: true)
/// ```
public struct PactsForVerification: Sendable {
  public let store: any BrokerStore

  public init(store: any BrokerStore) { self.store = store }

  public func pacts(
    provider: String, selectors: [ConsumerVersionSelector], providerVersionBranch: String? = nil,
    includePendingStatus: Bool = false, includeWipPactsSince: Date? = nil
  ) async throws(BrokerError) -> [VerifiablePact] {
    try await store.reading { () async throws(BrokerError) -> [VerifiablePact] in
      try await choose(
        provider: provider, selectors: selectors, providerVersionBranch: providerVersionBranch,
        includePendingStatus: includePendingStatus, includeWipPactsSince: includeWipPactsSince)
    }
  }

  func choose(
    provider: String, selectors: [ConsumerVersionSelector], providerVersionBranch: String?,
    includePendingStatus: Bool, includeWipPactsSince: Date?
  ) async throws(BrokerError) -> [VerifiablePact] {
    guard try await store.pacticipant(named: provider) != nil else {
      throw .notFound("no pacticipant named \(quoted(provider)); publish a contract for it first")
    }
    var defaulted = ConsumerVersionSelector()
    defaulted.latest = true
    let selectors = selectors.isEmpty ? [defaulted] : selectors

    var chosen: [VerifiablePact] = []
    var positions: [String: Int] = [:]  // sha → index in chosen
    for selector in selectors {
      for (pact, reason) in try await select(selector, provider: provider, providerBranch: providerVersionBranch) {
        if let position = positions[pact.sha] {
          if !chosen[position].reasons.contains(reason) { chosen[position].reasons.append(reason) }
          if !chosen[position].selectors.contains(selector) { chosen[position].selectors.append(selector) }
          // Keep the newest consumer version as the one the pact is fetched for.
          if pact.consumerVersion.order > chosen[position].pact.consumerVersion.order,
            pact.consumer == chosen[position].pact.consumer
          {
            chosen[position].pact = pact
          }
        } else {
          positions[pact.sha] = chosen.count
          chosen.append(
            VerifiablePact(
              pact: pact, reasons: [reason], pending: nil, wip: false, selectors: [selector],
              providerBranch: providerVersionBranch))
        }
      }
    }
    if includePendingStatus {
      let verified = try await store.successfullyVerified(chosen.map(\.pact), branch: providerVersionBranch)
      for index in chosen.indices { chosen[index].pending = !verified.contains(chosen[index].pact.sha) }
    }
    if let since = includeWipPactsSince {
      let candidates = try await store.pacts(provider: provider, consumer: nil, query: .latestOfEachBranch).filter {
        positions[$0.sha] == nil && $0.createdAt >= since
      }
      let verified =
        candidates.isEmpty ? [] : try await store.successfullyVerified(candidates, branch: providerVersionBranch)
      for pact in candidates where positions[pact.sha] == nil && !verified.contains(pact.sha) {
        positions[pact.sha] = chosen.count
        chosen.append(
          VerifiablePact(
            pact: pact, reasons: [], pending: true, wip: true, selectors: [], providerBranch: providerVersionBranch))
      }
    }
    return chosen
  }

  /// The pacts one selector chooses, each with the reason written as the Pact Broker's notices do.
  private func select(_ selector: ConsumerVersionSelector, provider: String, providerBranch: String?)
    async throws(BrokerError) -> [(StoredPact, String)]
  {
    let consumer = selector.consumer
    let of = consumer.map { "of \($0)" } ?? "of a consumer"
    func query(_ query: PactQuery) async throws(BrokerError) -> [StoredPact] {
      try await store.pacts(provider: provider, consumer: consumer, query: query)
    }
    func numbered(_ pacts: [StoredPact], _ text: (StoredPact) -> String) -> [(StoredPact, String)] {
      pacts.map { ($0, text($0) + " (\($0.consumerVersion.number))") }
    }
    if selector.mainBranch {
      return numbered(try await query(.latestOnMainBranch)) { pact in
        "latest version of \(pact.consumer) from the main branch '\(pact.consumerVersion.branches.first ?? "")'"
      }
    }
    if let branch = selector.branch ?? (selector.matchingBranch ? providerBranch : nil) {
      let matching = selector.matchingBranch ? " (matching the provider's branch)" : ""
      let all = selector.latest == false
      var found = try await query(all ? .allOnBranch(branch) : .latestOnBranch(branch))
      var used = branch
      if found.isEmpty, let fallback = selector.fallbackBranch {
        found = try await query(.latestOnBranch(fallback))
        used = fallback
      }
      let fellBack = used != branch ? " (fallback branch, as none was found from '\(branch)')" : ""
      return numbered(found) { pact in
        (all
          ? "one of the versions \(of) from branch '\(used)'"
          : "latest version of \(pact.consumer) from branch '\(used)'")
          + matching + fellBack
      }
    }
    if selector.matchingBranch { return [] }  // no provider branch given: nothing matches
    if let tag = selector.tag {
      let latest = selector.latest == true
      var found = try await query(latest ? .latestWithTag(tag) : .allWithTag(tag))
      var used = tag
      if found.isEmpty, let fallback = selector.fallbackTag {
        found = try await query(latest ? .latestWithTag(fallback) : .allWithTag(fallback))
        used = fallback
      }
      return numbered(found) { pact in
        latest
          ? "latest version of \(pact.consumer) with tag '\(used)'" : "one of the versions \(of) with tag '\(used)'"
      }
    }
    let environment = selector.environment
    let inEnvironment = environment.map { " in \($0)" } ?? ""
    if selector.deployed || selector.released || selector.deployedOrReleased || environment != nil {
      var found: [(StoredPact, String)] = []
      let both = selector.deployedOrReleased || (!selector.deployed && !selector.released)
      if selector.deployed || both {
        found += numbered(try await query(.deployed(environment: environment))) { pact in
          "currently deployed version of \(pact.consumer)\(inEnvironment)"
        }
      }
      if selector.released || both {
        found += numbered(try await query(.released(environment: environment))) { pact in
          "currently released version of \(pact.consumer)\(inEnvironment)"
        }
      }
      return found
    }
    // { latest: true }, { consumer: "web" }, or { latest: true, consumer: "web" }
    return numbered(try await query(.latest)) { pact in "latest version of \(pact.consumer)" }
  }

  private func quoted(_ text: String) -> String { "\"\(text)\"" }
}
