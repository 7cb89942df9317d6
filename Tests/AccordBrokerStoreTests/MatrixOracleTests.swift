import AccordBroker
import AccordBrokerTestSupport
import AccordModel
import Foundation
import Testing

/// The matrix against a brute-force oracle: random histories (pacticipants, versions with branches and tags,
/// pacts with shared content, verifications, deployments and releases) are written to a store and kept in memory;
/// for random queries (selectors naming one version, every version, every version with a tag or on a branch, the
/// latest of them; ignore selectors; targets; `latestby`; `success[]`) the store's answer must equal the one the
/// oracle works out from the Pact Broker's rules by looking at every pact and verification. A failure prints the
/// seed, the history and the query.
@Suite("the matrix equals its oracle")
struct MatrixOracleTests {
  @Test("random histories and queries", arguments: StoreKind.available)
  func randomHistories(kind: StoreKind) async throws {
    let histories = kind == .sqliteMemory ? 24 : 8
    // How often each kind of answer came up: the generator must reach them all.
    var seen: [String: Int] = [:]
    for seed in 1...UInt64(histories) {
      var random = SeededRandom(seed: seed &* 7919)
      let store = try await kind.make()
      let history = try await History.generate(into: store, random: &random)
      for _ in 0..<30 {
        let query = history.randomQuery(&random)
        let expected = history.oracle(query)
        let answer = try await Matrix(store: store).find(query)
        let actual = Outcome(answer)
        for (name, happened) in [
          ("rows", !actual.rows.isEmpty), ("several rows", actual.rows.count > 2), ("ignored", !actual.ignored.isEmpty),
          ("yes", actual.deployable == true), ("no", actual.deployable == false), ("unknown", actual.deployable == nil),
          ("verified", actual.rows.contains { $0.hasSuffix("✔") }),
          ("failed", actual.rows.contains { $0.hasSuffix("✘") }),
        ] where happened {
          seen[name, default: 0] += 1
        }
        if actual != expected {
          Issue.record(
            """
            seed \(seed): the store's matrix differs from the oracle's
            query: \(query)
            history:
            \(history.log.joined(separator: "\n"))
            store:  \(actual)
            oracle: \(expected)
            """)
          return
        }
      }
    }
    for name in ["rows", "several rows", "ignored", "yes", "no", "unknown", "verified", "failed"] {
      #expect(seen[name, default: 0] >= 3, "the random queries reached \(name) only \(seen[name, default: 0]) times")
    }
  }
}

/// What is compared: the rows (a line each), the ignored rows, the answer and the counts.
struct Outcome: Equatable, CustomStringConvertible {
  var rows: [String]
  var ignored: [String]
  var deployable: Bool?
  var counts: [Int?]

  init(rows: [String], ignored: [String], deployable: Bool?, counts: [Int?]) {
    self.rows = rows
    self.ignored = ignored
    self.deployable = deployable
    self.counts = counts
  }

  init(_ answer: MatrixAnswer) {
    func line(_ row: MatrixRow) -> String {
      Outcome.line(
        row.consumer, row.consumerVersion.number, row.provider, row.providerVersion?.number, row.success)
    }
    self.init(
      rows: answer.rows.map(line), ignored: answer.ignoredRows.map(line), deployable: answer.deployable,
      counts: [answer.counts.success, answer.counts.failed, answer.counts.unknown, answer.counts.ignored])
  }

  static func line(_ consumer: String, _ cv: String, _ provider: String, _ pv: String?, _ success: Bool?) -> String {
    "\(consumer) \(cv) → \(provider) \(pv ?? "-") \(success.map { $0 ? "✔" : "✘" } ?? "?")"
  }

  var description: String {
    "deployable \(deployable.map(String.init) ?? "nil") counts \(counts) rows \(rows) ignored \(ignored)"
  }
}

/// A broker's history, kept as plain lists: the oracle reads every item of them.
struct History {
  struct Version: Hashable {
    var pacticipant: String
    var number: String
    /// Creation order (the store's too).
    var order: Int
    var branches: [String] = []
    var tags: [String] = []
  }

  struct Pact {
    var consumer: String
    var consumerVersion: String
    var provider: String
    /// The content: identical contents are one pact version, verified once for all its publications.
    var content: String
    var sequence: Int
    var stored: StoredPact
  }

  struct Verification {
    var consumer: String
    var provider: String
    var content: String
    var providerVersion: String
    var success: Bool
    var sequence: Int
  }

  static let names = ["A", "B", "C", "D"]
  static let environments = ["production", "test"]

  var versions: [Version] = []
  var mainBranches: [String: String] = [:]
  var pacts: [Pact] = []
  var verifications: [Verification] = []
  /// Current deployments: (pacticipant, environment) → version number.
  var deployed: [String: String] = [:]
  /// Current releases: "pacticipant environment number".
  var released: Set<String> = []
  var sequence = 0
  var log: [String] = []

  // MARK: Generating

  static func generate(into store: any BrokerStore, random: inout SeededRandom) async throws -> History {
    var history = History()
    for name in environments {
      _ = try await store.saveEnvironment(EnvironmentChange(name: name, production: name == "production"))
    }
    let events = Int.random(in: 6...22, using: &random)
    for _ in 0..<events {
      let kind = Int.random(in: 0..<100, using: &random)
      if kind < 40 || history.pacts.isEmpty {
        try await history.publish(store, &random)
      } else if kind < 75 {
        try await history.verify(store, &random)
      } else if kind < 85 {
        try await history.label(store, &random)
      } else {
        try await history.deploy(store, &random)
      }
    }
    return history
  }

  mutating func version(_ pacticipant: String, _ number: String, branch: String?, tags: [String]) {
    if let index = versions.firstIndex(where: { $0.pacticipant == pacticipant && $0.number == number }) {
      if let branch, !versions[index].branches.contains(branch) { versions[index].branches.append(branch) }
      for tag in tags where !versions[index].tags.contains(tag) { versions[index].tags.append(tag) }
    } else {
      versions.append(
        Version(
          pacticipant: pacticipant, number: number, order: versions.count, branches: branch.map { [$0] } ?? [],
          tags: tags))
    }
    if let branch, Pacticipant.mainBranchCandidates.contains(branch), mainBranches[pacticipant] == nil {
      mainBranches[pacticipant] = branch
    }
  }

  func newNumber(_ pacticipant: String) -> String {
    "\(versions.filter { $0.pacticipant == pacticipant }.count + 1)"
  }

  mutating func publish(_ store: any BrokerStore, _ random: inout SeededRandom) async throws {
    let consumer = random.pick(Self.names)
    let number = newNumber(consumer)
    let branch = random.chance(60) ? random.pick(["main", "feat"]) : nil
    let tags = ["prod", "test"].filter { _ in random.chance(30) }
    let providers = Self.names.filter { $0 != consumer && random.chance(45) }
    let chosen = providers.isEmpty ? [Self.names.first { $0 != consumer }!] : providers
    let contents = chosen.map { _ in random.pick(["one", "two"]) }
    let outcome = try await store.publish(
      Publication(
        version: VersionChange(pacticipant: consumer, number: number, branch: branch, tags: tags),
        contracts: try zip(chosen, contents).map { try Fixtures.content(consumer, $0, [$1]) }))
    version(consumer, number, branch: branch, tags: tags)
    for (index, provider) in chosen.enumerated() {
      sequence += 1
      let stored = outcome.stored.first { $0.provider == provider }!
      pacts.append(
        Pact(
          consumer: consumer, consumerVersion: number, provider: provider, content: contents[index],
          sequence: sequence, stored: stored))
    }
    log.append(
      "publish \(consumer) \(number) branch \(branch ?? "-") tags \(tags) → \(zip(chosen, contents).map { "\($0):\($1)" })"
    )
  }

  mutating func verify(_ store: any BrokerStore, _ random: inout SeededRandom) async throws {
    let pact = random.pick(pacts)
    let known = versions.filter { $0.pacticipant == pact.provider }.map(\.number)
    let number = !known.isEmpty && random.chance(50) ? random.pick(known) : newNumber(pact.provider)
    let branch = random.chance(40) ? random.pick(["main", "feat"]) : nil
    let success = random.chance(70)
    _ = try await store.recordVerification(
      NewVerification(
        provider: pact.provider, consumer: pact.consumer, sha: pact.stored.sha,
        providerVersion: VersionChange(pacticipant: pact.provider, number: number, branch: branch), success: success))
    version(pact.provider, number, branch: branch, tags: [])
    sequence += 1
    verifications.append(
      Verification(
        consumer: pact.consumer, provider: pact.provider, content: pact.content, providerVersion: number,
        success: success, sequence: sequence))
    log.append("verify \(pact.consumer) \(pact.consumerVersion) → \(pact.provider) \(number) \(success)")
  }

  mutating func label(_ store: any BrokerStore, _ random: inout SeededRandom) async throws {
    guard !versions.isEmpty else { return }
    let target = random.pick(versions)
    let branch = random.chance(50) ? random.pick(["main", "feat"]) : nil
    let tags = [random.pick(["prod", "test"])]
    _ = try await store.saveVersion(
      VersionChange(pacticipant: target.pacticipant, number: target.number, branch: branch, tags: tags))
    version(target.pacticipant, target.number, branch: branch, tags: tags)
    log.append("label \(target.pacticipant) \(target.number) branch \(branch ?? "-") tags \(tags)")
  }

  mutating func deploy(_ store: any BrokerStore, _ random: inout SeededRandom) async throws {
    guard !versions.isEmpty else { return }
    let target = random.pick(versions)
    let environment = random.pick(Self.environments)
    let stored = try await store.version(of: target.pacticipant, number: target.number)!
    let place = try await store.environment(named: environment)!
    if random.chance(70) {
      _ = try await store.recordDeployment(versionID: stored.id, environmentID: place.id, applicationInstance: nil)
      deployed["\(target.pacticipant) \(environment)"] = target.number
      log.append("deploy \(target.pacticipant) \(target.number) to \(environment)")
    } else if !released.contains("\(target.pacticipant) \(environment) \(target.number)") {
      _ = try await store.recordRelease(versionID: stored.id, environmentID: place.id)
      released.insert("\(target.pacticipant) \(environment) \(target.number)")
      log.append("release \(target.pacticipant) \(target.number) in \(environment)")
    }
  }

  // MARK: Queries

  func randomSelector(_ random: inout SeededRandom, pacticipants: [String]) -> MatrixSelector {
    let name = random.pick(pacticipants)
    let numbers = versions.filter { $0.pacticipant == name }.map(\.number)
    switch Int.random(in: 0..<100, using: &random) {
    case 0..<35: return MatrixSelector(pacticipant: name, version: numbers.isEmpty ? "9" : random.pick(numbers + ["9"]))
    case 35..<50: return MatrixSelector(pacticipant: name)
    case 50..<62:
      return MatrixSelector(pacticipant: name, tag: random.pick(["prod", "test"]), latest: random.chance(50))
    case 62..<74:
      return MatrixSelector(pacticipant: name, branch: random.pick(["main", "feat"]), latest: random.chance(50))
    case 74..<82: return MatrixSelector(pacticipant: name, mainBranch: true, latest: random.chance(50))
    case 82..<90: return MatrixSelector(pacticipant: name, environment: random.pick(Self.environments))
    default: return MatrixSelector(pacticipant: name, latest: true)
    }
  }

  func randomQuery(_ random: inout SeededRandom) -> MatrixQuery {
    let known = Self.names.filter { name in versions.contains { $0.pacticipant == name } }
    var selectors = [randomSelector(&random, pacticipants: known)]
    if random.chance(45) { selectors.append(randomSelector(&random, pacticipants: known)) }
    var ignore: [MatrixSelector] = []
    if random.chance(30) {
      let name = random.pick(Self.names + ["Z"])
      let numbers = versions.filter { $0.pacticipant == name }.map(\.number)
      ignore.append(
        MatrixSelector(pacticipant: name, version: random.chance(50) ? random.pick(numbers + ["9"]) : nil))
    }
    var target: MatrixQuery.Target?
    switch Int.random(in: 0..<100, using: &random) {
    case 0..<20: target = MatrixQuery.Target(environment: random.pick(Self.environments))
    case 20..<30: target = MatrixQuery.Target(tag: random.pick(["prod", "test"]), latest: true)
    case 30..<36: target = MatrixQuery.Target(tag: "prod")
    case 36..<44: target = MatrixQuery.Target(latest: true)
    case 44..<50: target = MatrixQuery.Target(mainBranch: true, latest: true)
    case 50..<54: target = MatrixQuery.Target(branch: "feat", latest: true)
    default: target = nil
    }
    let latestBy = random.pick([nil] + MatrixQuery.LatestBy.allCases.map(Optional.some))
    let success: Set<Bool?>? = random.pick([nil, nil, nil, [true], [false], [nil], [true, false]])
    return MatrixQuery(selectors: selectors, ignore: ignore, target: target, latestBy: latestBy, success: success)
  }

  // MARK: The oracle

  struct Resolved {
    var selector: MatrixSelector
    var pacticipantExists: Bool
    var version: Version?
    var specified: Bool
    var ignored: Bool = false
    var everyVersion: Bool { pacticipantExists && selector.namesEveryVersion }
    var missing: Bool { !pacticipantExists || (version == nil && !selector.namesEveryVersion) }
  }

  struct Row {
    var pact: Pact
    var verification: Verification?
    var providerVersion: Version?
    var last: Int { max(pact.sequence, verification?.sequence ?? 0) }
    var success: Bool? { verification?.success }
  }

  /// A pacticipant exists once a version of it, or a pact with it, does.
  func exists(_ pacticipant: String) -> Bool {
    versions.contains { $0.pacticipant == pacticipant } || pacts.contains { $0.provider == pacticipant }
  }

  func versionOf(_ pacticipant: String, _ number: String) -> Version? {
    versions.first { $0.pacticipant == pacticipant && $0.number == number }
  }

  func isIn(_ version: Version, _ environment: String) -> Bool {
    deployed["\(version.pacticipant) \(environment)"] == version.number
      || released.contains("\(version.pacticipant) \(environment) \(version.number)")
  }

  /// Every version of the selector's pacticipant that satisfies each of its conditions; the newest with `latest`.
  func versions(for selector: MatrixSelector) -> [Version] {
    let matching = versions.filter { version in
      version.pacticipant == selector.pacticipant
        && (selector.version.map { version.number == $0 } ?? true)
        && (selector.tag.map { version.tags.contains($0) } ?? true)
        && (selector.branch.map { version.branches.contains($0) } ?? true)
        && (!selector.mainBranch || mainBranches[selector.pacticipant].map { version.branches.contains($0) } == true)
        && (selector.environment.map { isIn(version, $0) } ?? true)
    }.sorted { $0.order > $1.order }
    return selector.latest ? Array(matching.prefix(1)) : matching
  }

  func resolve(_ selector: MatrixSelector, specified: Bool) -> [Resolved] {
    guard exists(selector.pacticipant) else {
      return [Resolved(selector: selector, pacticipantExists: false, specified: specified)]
    }
    if selector.namesEveryVersion {
      return [Resolved(selector: selector, pacticipantExists: true, specified: specified)]
    }
    let found = versions(for: selector)
    if found.isEmpty { return [Resolved(selector: selector, pacticipantExists: true, specified: specified)] }
    return found.map { Resolved(selector: selector, pacticipantExists: true, version: $0, specified: specified) }
  }

  func contains(_ selectors: [Resolved], _ pacticipant: String, _ number: String) -> Bool {
    selectors.contains { $0.pacticipant == pacticipant && ($0.everyVersion || $0.version?.number == number) }
  }

  func oracle(_ query: MatrixQuery) -> Outcome {
    let ignores = query.ignore.flatMap { resolve($0, specified: false) }
    func ignored(_ pacticipant: String, _ version: Version?) -> Bool {
      ignores.contains { ignore in
        guard ignore.pacticipantExists, ignore.pacticipant == pacticipant else { return false }
        if ignore.selector.version == nil && ignore.selector.tag == nil && !ignore.selector.latest { return true }
        guard let version, let other = ignore.version else { return false }
        return other.number == version.number
      }
    }
    var specified = query.selectors.flatMap { resolve($0, specified: true) }
    for index in specified.indices {
      specified[index].ignored = ignored(specified[index].pacticipant, specified[index].version)
    }

    // Integrations: (consumer, provider, required).
    var integrations: [(consumer: String, provider: String, required: Bool)] = []
    func add(_ consumer: String, _ provider: String, _ required: Bool) {
      if let index = integrations.firstIndex(where: { $0.consumer == consumer && $0.provider == provider }) {
        integrations[index].required = integrations[index].required || required
      } else {
        integrations.append((consumer, provider, required))
      }
    }
    let specifiedNames = Set(specified.filter(\.pacticipantExists).map(\.pacticipant))
    if query.target != nil || specified.count == 1 {
      for pact in pacts where contains(specified, pact.consumer, pact.consumerVersion) {
        add(pact.consumer, pact.provider, true)
      }
      for pact in pacts where specifiedNames.contains(pact.provider) { add(pact.consumer, pact.provider, false) }
    } else {
      for pact in pacts
      where contains(specified, pact.consumer, pact.consumerVersion) && specifiedNames.contains(pact.provider) {
        add(pact.consumer, pact.provider, true)
      }
    }

    var selectors = specified
    if let target = query.target {
      var others: [String] = []
      for integration in integrations {
        for name in [integration.consumer, integration.provider]
        where !specified.contains(where: { $0.pacticipant == name }) && !others.contains(name) {
          others.append(name)
        }
      }
      for name in others {
        var resolved = resolve(target.selector(for: name), specified: false)
        for index in resolved.indices { resolved[index].ignored = ignored(name, resolved[index].version) }
        selectors += resolved
      }
    }

    // Rows.
    let every = query.latestBy == nil
    func verifications(of pact: Pact, by accepts: (Version) -> Bool) -> [Row] {
      let all = self.verifications.filter {
        $0.content == pact.content && $0.consumer == pact.consumer && $0.provider == pact.provider
      }
      return all.filter { verification in
        let version = versionOf(pact.provider, verification.providerVersion)!
        guard accepts(version) else { return false }
        return every
          || !all.contains { $0.providerVersion == verification.providerVersion && $0.sequence > verification.sequence }
      }.map { Row(pact: pact, verification: $0, providerVersion: versionOf(pact.provider, $0.providerVersion)) }
    }
    func recent(_ a: Row, _ b: Row) -> Bool {
      if a.last != b.last { return a.last > b.last }
      if a.pact.sequence != b.pact.sequence { return a.pact.sequence > b.pact.sequence }
      return (a.verification?.sequence ?? -1) > (b.verification?.sequence ?? -1)
    }
    var rows: [Row] = []
    let hasVersions = selectors.contains { $0.everyVersion || $0.version != nil }
    if hasVersions && selectors.count == 1 {
      for pact in pacts where contains(selectors, pact.consumer, pact.consumerVersion) {
        let verified = verifications(of: pact) { _ in true }
        rows += verified.isEmpty ? [Row(pact: pact)] : verified
      }
      for pact in pacts {
        for row in verifications(of: pact, by: { contains(selectors, $0.pacticipant, $0.number) })
        where !rows.contains(where: {
          $0.pact.sequence == row.pact.sequence && $0.verification?.sequence == row.verification?.sequence
        }) {
          rows.append(row)
        }
      }
    } else if hasVersions {
      let names = Set(selectors.filter(\.pacticipantExists).map(\.pacticipant))
      let specifiedOnes = Set(selectors.filter(\.specified).map(\.pacticipant))
      for pact in pacts
      where contains(selectors, pact.consumer, pact.consumerVersion) && names.contains(pact.provider)
        && (specifiedOnes.contains(pact.consumer) || specifiedOnes.contains(pact.provider))
      {
        let verified = verifications(of: pact) { contains(selectors, $0.pacticipant, $0.number) }
        rows += verified.isEmpty ? [Row(pact: pact)] : verified
      }
    }
    rows = Array(rows.sorted(by: recent).prefix(query.limit))

    if let latestBy = query.latestBy {
      var keys: [[String?]] = []
      var groups: [[String?]: [Row]] = [:]
      for row in rows {
        let key: [String?]
        switch latestBy {
        case .consumerVersionAndProviderVersion:
          key = [row.pact.consumer, row.pact.consumerVersion, row.pact.provider, row.providerVersion?.number]
        case .consumerVersionAndProvider: key = [row.pact.consumer, row.pact.consumerVersion, row.pact.provider]
        case .consumerAndProvider: key = [row.pact.consumer, row.pact.provider]
        }
        if groups[key] == nil { keys.append(key) }
        groups[key, default: []].append(row)
      }
      rows = keys.flatMap { key -> [Row] in
        let group = groups[key]!
        if group[0].providerVersion == nil { return group }
        let best = group.map { $0.providerVersion?.order ?? -1 }.max()!
        return [group.first { ($0.providerVersion?.order ?? -1) == best }!]
      }
    }
    if let success = query.success { rows = rows.filter { success.contains($0.success) } }

    func rowIgnored(_ row: Row) -> Bool {
      ignored(row.pact.consumer, versionOf(row.pact.consumer, row.pact.consumerVersion))
        || ignored(row.pact.provider, row.providerVersion)
    }
    func order(_ a: Row, _ b: Row) -> Bool {
      let (ca, cb) = (
        versionOf(a.pact.consumer, a.pact.consumerVersion)!, versionOf(b.pact.consumer, b.pact.consumerVersion)!
      )
      if a.pact.consumer != b.pact.consumer { return a.pact.consumer < b.pact.consumer }
      if ca.order != cb.order { return ca.order > cb.order }
      if a.pact.provider != b.pact.provider { return a.pact.provider < b.pact.provider }
      let (pa, pb) = (a.providerVersion?.order ?? .max, b.providerVersion?.order ?? .max)
      if pa != pb { return pa > pb }
      return (a.verification?.sequence ?? .max) > (b.verification?.sequence ?? .max)
    }
    let considered = rows.filter { !rowIgnored($0) }.sorted(by: order)
    let ignoredRows = rows.filter(rowIgnored).sorted(by: order)

    let all = considered + ignoredRows
    let missingRows = integrations.filter { integration in
      integration.required
        && !all.contains { $0.pact.consumer == integration.consumer && $0.pact.provider == integration.provider }
    }
    let deployable: Bool? =
      specified.contains { $0.missing && !$0.ignored } || considered.contains { $0.success == nil }
        || !missingRows.isEmpty
      ? nil : considered.allSatisfy { $0.success == true }
    func line(_ row: Row) -> String {
      Outcome.line(
        row.pact.consumer, row.pact.consumerVersion, row.pact.provider, row.providerVersion?.number, row.success)
    }
    return Outcome(
      rows: considered.map(line), ignored: ignoredRows.map(line), deployable: deployable,
      counts: [
        considered.filter { $0.success == true }.count, considered.filter { $0.success == false }.count,
        missingRows.count + considered.filter { $0.success == nil }.count,
        ignoredRows.isEmpty ? nil : ignoredRows.count,
      ])
  }
}

extension History.Resolved {
  var pacticipant: String { selector.pacticipant }
}

extension History.Row {
  init(pact: History.Pact) { self.init(pact: pact, verification: nil, providerVersion: nil) }
}
