/// The matrix: which consumer versions' pacts each provider version verified, and whether versions can be
/// deployed together. Answers ``MatrixQuery``s as the Pact Broker's `GET /matrix` does, which its clients'
/// `can-i-deploy` relies on:
///
/// 1. Ignore selectors, then the query's selectors, are looked up: a selector resolves to each version it names
///    (every version tagged `prod`, the latest on `main`, what is in `production`), to every version of its
///    pacticipant, or to nothing (the version does not exist).
/// 2. The integrations of the selected versions are found: the providers of their pacts (required: a consumer
///    needs its provider) and, with one selector or a target, the consumers of the selected pacticipants.
/// 3. With a target (`environment`, `tag`, `latest`, `mainBranch`), each integrated pacticipant gets a selector
///    of its own from the target.
/// 4. The rows: with one resolved selector, the pacts its versions published and the verifications they made;
///    with several, the pacts between selected versions, each joined with its verifications by selected provider
///    versions (or none), for integrations involving a version asked about. Most recent first, at most `limit`.
/// 5. `latestby` keeps the latest provider version's row of each group, `success[]` filters, and ignore selectors
///    set rows apart.
/// 6. Deployable: unknown when a version asked about does not exist, a row that counts has no verification or a
///    required integration has no row; otherwise yes when every row that counts succeeded.
///
/// ```swift
/// let answer = try await Matrix(store: store).find(
///   MatrixQuery(
///     selectors: [MatrixSelector(pacticipant: "web", version: "1.4.0")],
///     target: .init(environment: "production"), latestBy: .consumerVersionAndProvider))
/// ```
public struct Matrix: Sendable {
  public let store: any BrokerStore

  public init(store: any BrokerStore) { self.store = store }

  /// What stops the query from being answered, one message each (empty when nothing does): its own problems,
  /// a pacticipant it names that does not exist, an environment that does not exist.
  public func problems(_ query: MatrixQuery) async throws(BrokerError) -> [String] {
    var problems = query.problems
    guard problems.isEmpty else { return problems }
    let pacticipants = query.selectors.map(\.pacticipant).uniqued()
    for name in pacticipants { try Names.check(name, what: "q[][pacticipant]") }
    let environments = ([query.target?.environment] + query.selectors.map(\.environment)).compactMap { $0 }.uniqued()
    let existing = try await store.existing(pacticipants: pacticipants, environments: environments)
    for name in pacticipants where !existing.pacticipants.contains(name) {
      problems.append("no pacticipant named \"\(name)\"; check the name, or publish its contracts first")
    }
    for name in environments where !existing.environments.contains(name) {
      problems.append(
        "no environment named \"\(name)\"; create it with `accord create-environment --name \(name)` or check the "
          + "name with `accord list-environments`")
    }
    return problems
  }

  /// The answer to `query`, or ``BrokerError/invalid(_:)`` with its ``problems(_:)``.
  public func find(_ query: MatrixQuery) async throws(BrokerError) -> MatrixAnswer {
    try await store.reading { () async throws(BrokerError) -> MatrixAnswer in
      let problems = try await problems(query)
      guard problems.isEmpty else { throw .invalid(problems.joined(separator: "; ")) }
      return try await answer(query)
    }
  }

  /// The answer to `query`, once ``problems(_:)`` found none.
  public func answer(_ query: MatrixQuery) async throws(BrokerError) -> MatrixAnswer {
    let ignoreSelectors = try await resolve(query.ignore, origin: .ignore, ignoring: [])
    let specified = try await resolve(query.selectors, origin: .specified, ignoring: ignoreSelectors)
    let integrations = try await integrations(of: specified, inferring: query.target != nil)
    var selectors = specified
    if let target = query.target {
      let named = Set(specified.map(\.pacticipant))
      let others = integrations.flatMap { [$0.consumer, $0.provider] }.uniqued().filter { !named.contains($0) }
      selectors += try await inferred(others, target: target, ignoring: ignoreSelectors)
    }
    var rows = try await rows(of: selectors, query: query)
    if let latestBy = query.latestBy { rows = Self.latest(rows, by: latestBy) }
    if let success = query.success { rows = rows.filter { success.contains($0.success) } }
    let ignored = rows.filter { Self.isIgnored($0, by: ignoreSelectors) }
    let considered = rows.filter { !Self.isIgnored($0, by: ignoreSelectors) }
    return Self.summarize(
      query: query, considered: considered.sorted(by: Self.answerOrder), ignored: ignored.sorted(by: Self.answerOrder),
      selectors: selectors, ignoreSelectors: ignoreSelectors, integrations: integrations)
  }

  // MARK: Selectors

  /// Each selector looked up: one resolved selector per version it names (one without a version when none
  /// exists), or one for every version.
  func resolve(_ selectors: [MatrixSelector], origin: ResolvedSelector.Origin, ignoring ignores: [ResolvedSelector])
    async throws(BrokerError) -> [ResolvedSelector]
  {
    var resolved: [ResolvedSelector] = []
    for selector in selectors {
      // A version found is its pacticipant's; only when none is (or every version is meant) is the pacticipant
      // looked up.
      var versions: [Version] = []
      if !selector.namesEveryVersion {
        versions = try await store.versions(
          of: [selector.pacticipant], matching: selector.filter, latest: selector.latest)
        guard versions.isEmpty else {
          resolved += Self.resolved(selector, versions, origin: origin, ignoring: ignores)
          continue
        }
      }
      guard try await store.pacticipant(named: selector.pacticipant) != nil else {
        resolved.append(ResolvedSelector(selector: selector, origin: origin, pacticipantExists: false))
        continue
      }
      if selector.namesEveryVersion {
        resolved.append(
          ResolvedSelector(
            selector: selector, origin: origin, ignored: Self.ignoring(ignores, selector.pacticipant, nil)))
      } else {
        resolved += Self.resolved(selector, versions, origin: origin, ignoring: ignores)
      }
    }
    return resolved
  }

  /// Selectors from the target for the integrated pacticipants, looked up together.
  func inferred(_ pacticipants: [String], target: MatrixQuery.Target, ignoring ignores: [ResolvedSelector])
    async throws(BrokerError) -> [ResolvedSelector]
  {
    guard !pacticipants.isEmpty else { return [] }
    let template = target.selector(for: "")
    var byPacticipant: [String: [Version]] = [:]
    if !template.namesEveryVersion {
      for version in try await store.versions(of: pacticipants, matching: template.filter, latest: template.latest) {
        byPacticipant[version.pacticipant, default: []].append(version)
      }
    }
    return pacticipants.flatMap { name in
      let selector = target.selector(for: name)
      if selector.namesEveryVersion {
        return [ResolvedSelector(selector: selector, origin: .inferred, ignored: Self.ignoring(ignores, name, nil))]
      }
      return Self.resolved(selector, byPacticipant[name] ?? [], origin: .inferred, ignoring: ignores)
    }
  }

  static func resolved(
    _ selector: MatrixSelector, _ versions: [Version], origin: ResolvedSelector.Origin,
    ignoring ignores: [ResolvedSelector]
  ) -> [ResolvedSelector] {
    guard !versions.isEmpty else {
      return [
        ResolvedSelector(
          selector: selector, origin: origin, ignored: ignoring(ignores, selector.pacticipant, nil, missing: true))
      ]
    }
    return versions.map { version in
      ResolvedSelector(
        selector: selector, origin: origin, version: version,
        ignored: ignoring(ignores, selector.pacticipant, version), oneOfMany: versions.count > 1)
    }
  }

  /// Whether an ignore selector names the pacticipant, or this version of it. A version that does not exist
  /// (`missing`) is ignored only by a selector naming the pacticipant alone.
  static func ignoring(_ ignores: [ResolvedSelector], _ pacticipant: String, _ version: Version?, missing: Bool = false)
    -> Bool
  {
    ignores.contains { ignore in
      guard ignore.pacticipantExists, ignore.pacticipant == pacticipant else { return false }
      if ignore.selector.namesPacticipantOnly && ignore.selector.version == nil { return true }
      guard !missing, let version, let ignoredVersion = ignore.version else { return false }
      return ignoredVersion.id == version.id
    }
  }

  static func isIgnored(_ row: MatrixRow, by ignores: [ResolvedSelector]) -> Bool {
    guard !ignores.isEmpty else { return false }
    return Self.ignoring(ignores, row.consumer, row.consumerVersion)
      || (row.providerVersion.map { Self.ignoring(ignores, row.provider, $0) }
        ?? Self.ignoring(ignores, row.provider, nil, missing: true))
  }

  /// The versions a set of resolved selectors names, for the store.
  static func versionSet(_ selectors: [ResolvedSelector]) -> VersionSet {
    VersionSet(
      pacticipants: Set(selectors.filter(\.everyVersion).map(\.pacticipant)),
      versionIDs: Set(selectors.compactMap(\.version?.id)))
  }

  // MARK: Integrations

  /// With one selector or a target: the providers of the selected versions' pacts (required) and the consumers of
  /// the selected pacticipants. With several selectors and no target: the pacts between the selected versions.
  func integrations(of selectors: [ResolvedSelector], inferring: Bool) async throws(BrokerError)
    -> [MatrixAnswer.Integration]
  {
    let versions = Self.versionSet(selectors)
    let names = selectors.filter(\.pacticipantExists).map(\.pacticipant).uniqued()
    var result: [MatrixAnswer.Integration] = []
    var seen: [PacticipantPair: Int] = [:]
    func add(_ pair: PacticipantPair, required: Bool) {
      if let index = seen[pair] {
        if required { result[index].required = true }
      } else {
        seen[pair] = result.count
        result.append(.init(consumer: pair.consumer, provider: pair.provider, required: required))
      }
    }
    if inferring || selectors.count == 1 {
      for found in try await store.integrations(consumerVersions: versions, providers: nil, consumersOf: names) {
        add(found.pair, required: found.published)
      }
    } else if !versions.isEmpty {
      let specified = Set(names)
      for found in try await store.integrations(consumerVersions: versions, providers: names, consumersOf: []) {
        add(found.pair, required: specified.contains(found.pair.consumer))
      }
    }
    return result
  }

  // MARK: Rows

  func rows(of selectors: [ResolvedSelector], query: MatrixQuery) async throws(BrokerError) -> [MatrixRow] {
    let versions = Self.versionSet(selectors)
    guard !versions.isEmpty else { return [] }
    let every = query.latestBy == nil
    if selectors.count == 1 {
      // Where the one selector is the consumer (each pact, verified or not), and where it is the provider (its
      // verifications).
      let asConsumer = try await store.matrixRows(
        MatrixRowQuery(consumerVersions: versions, everyVerification: every, limit: query.limit))
      let asProvider = try await store.matrixRows(
        MatrixRowQuery(providerVersions: versions, verifiedOnly: true, everyVerification: every, limit: query.limit))
      return Array((asConsumer + asProvider).uniqued().sorted(by: Self.recentFirst).prefix(query.limit))
    }
    let specified = Set(selectors.filter { $0.origin == .specified }.map(\.pacticipant))
    let names = Set(selectors.filter(\.pacticipantExists).map(\.pacticipant))
    return try await store.matrixRows(
      MatrixRowQuery(
        consumerVersions: versions, providers: names, providerVersions: versions, involving: specified,
        everyVerification: every, limit: query.limit))
  }

  /// The store's order: the most recent action first, then the newest pact, then the newest verification.
  static func recentFirst(_ a: MatrixRow, _ b: MatrixRow) -> Bool {
    if a.lastAction != b.lastAction { return a.lastAction > b.lastAction }
    if a.pact.id != b.pact.id { return a.pact.id > b.pact.id }
    return (a.verification?.id ?? -1) > (b.verification?.id ?? -1)
  }

  /// The answer's order: consumer name, newest consumer version, provider name, then rows without a provider
  /// version, then the newest provider version and verification.
  static func answerOrder(_ a: MatrixRow, _ b: MatrixRow) -> Bool {
    if a.consumer != b.consumer { return a.consumer < b.consumer }
    if a.consumerVersion.order != b.consumerVersion.order { return a.consumerVersion.order > b.consumerVersion.order }
    if a.provider != b.provider { return a.provider < b.provider }
    let (first, second) = (a.providerVersion?.order ?? .max, b.providerVersion?.order ?? .max)
    if first != second { return first > second }
    return (a.verification?.id ?? .max) > (b.verification?.id ?? .max)
  }

  /// Of each group (`cvpv`, `cvp`, `cp`) the row of the latest provider version (the first such in the store's
  /// order); a group whose first row has no verification keeps all its rows.
  static func latest(_ rows: [MatrixRow], by latestBy: MatrixQuery.LatestBy) -> [MatrixRow] {
    var groups: [[String?]: [MatrixRow]] = [:]
    var order: [[String?]] = []
    for row in rows {
      let key: [String?]
      switch latestBy {
      case .consumerVersionAndProviderVersion:
        key = [row.consumer, row.consumerVersion.number, row.provider, row.providerVersion?.number]
      case .consumerVersionAndProvider: key = [row.consumer, row.consumerVersion.number, row.provider]
      case .consumerAndProvider: key = [row.consumer, row.provider]
      }
      if groups[key] == nil { order.append(key) }
      groups[key, default: []].append(row)
    }
    return order.flatMap { key -> [MatrixRow] in
      let group = groups[key] ?? []
      guard let first = group.first, first.providerVersion != nil else { return group }
      var best = first
      for row in group.dropFirst() where (row.providerVersion?.order ?? .min) > (best.providerVersion?.order ?? .min) {
        best = row
      }
      return [best]
    }
  }

  // MARK: Summary

  static func summarize(
    query: MatrixQuery, considered: [MatrixRow], ignored: [MatrixRow], selectors: [ResolvedSelector],
    ignoreSelectors: [ResolvedSelector], integrations: [MatrixAnswer.Integration]
  ) -> MatrixAnswer {
    let all = considered + ignored
    let missingRows = integrations.filter { integration in
      integration.required
        && !all.contains { $0.consumer == integration.consumer && $0.provider == integration.provider }
    }
    let missingSpecified = selectors.filter { $0.origin == .specified && $0.versionMissing }
    let counts = MatrixAnswer.Counts(
      success: considered.filter { $0.success == true }.count,
      failed: considered.filter { $0.success == false }.count,
      unknown: missingRows.count + considered.filter { $0.success == nil }.count,
      ignored: ignored.isEmpty ? nil : ignored.count)

    let deployable: Bool?
    if missingSpecified.contains(where: { !$0.ignored }) || considered.contains(where: { $0.success == nil })
      || !missingRows.isEmpty
    {
      deployable = nil
    } else {
      deployable = considered.allSatisfy { $0.success == true }
    }

    /// The selector a reason names a side of a row by: the one of its version, else one of its pacticipant.
    func selector(_ pacticipant: String, _ version: Version?) -> ResolvedSelector {
      let candidates = selectors.filter { $0.pacticipant == pacticipant }
      guard let version else {
        return candidates.first { $0.version == nil } ?? candidates.first ?? .row(pacticipant, nil)
      }
      return candidates.first { $0.version?.id == version.id } ?? .row(pacticipant, version)
    }
    func pair(_ row: MatrixRow) -> (ResolvedSelector, ResolvedSelector) {
      (selector(row.consumer, row.consumerVersion), selector(row.provider, row.providerVersion))
    }
    var errors: [MatrixReason] = missingSpecified.map {
      $0.ignored ? .ignored(.versionDoesNotExist($0)) : .versionDoesNotExist($0)
    }
    if errors.isEmpty {
      errors += missingRows.map {
        .notVerified(consumer: selector($0.consumer, nil), provider: selector($0.provider, nil))
      }
      errors += considered.filter { $0.success == false }.map {
        .verificationFailed(consumer: pair($0).0, provider: pair($0).1)
      }
      errors += ignored.filter { $0.success == false }.map {
        .ignored(.verificationFailed(consumer: pair($0).0, provider: pair($0).1))
      }
      errors += considered.filter { $0.success == nil }.map { .notVerified(consumer: pair($0).0, provider: pair($0).1) }
      errors += ignored.filter { $0.success == nil }.map {
        .ignored(.notVerified(consumer: pair($0).0, provider: pair($0).1))
      }
    }
    let warnings: [MatrixReason] = ignoreSelectors.filter(\.versionMissing).map { .cannotIgnore($0) }
    var reasons: [MatrixReason]
    if !errors.isEmpty {
      reasons = errors.uniqued()
    } else if considered.allSatisfy({ $0.success == true }) && missingRows.isEmpty {
      reasons = [considered.isEmpty ? .noDependenciesMissing : .successful]
    } else {
      reasons = []
    }
    reasons += warnings
    return MatrixAnswer(
      query: query, rows: considered, ignoredRows: ignored, selectors: selectors, ignoreSelectors: ignoreSelectors,
      integrations: integrations, deployable: deployable, reasons: reasons, counts: counts)
  }
}
