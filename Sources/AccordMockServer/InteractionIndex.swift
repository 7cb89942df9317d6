import AccordMatching
import AccordModel

/// The HTTP interactions a server answers, indexed by method and path so that finding the interaction for a
/// request does not slow down as interactions grow.
///
/// Interactions with a literal path are found by a dictionary lookup; those with a path rule (a regex, a
/// provider-state path) are tried in turn for the request's method.
struct InteractionIndex: Sendable {
  struct Entry: Sendable {
    /// Position in the list given to the server.
    let position: Int
    let interaction: Interaction
    let request: PactRequest
    let response: PactResponse
    let matcher: RequestMatcher
    /// The answer, built once, when the response has no generators: the same for every request.
    let answer: Answer?
  }

  /// The result of looking up a request.
  enum Lookup: Sendable {
    case matched(Entry)
    /// No interaction matches; the closest one (same method and path first) and how it differs.
    case unmatched(closest: Entry?, mismatches: [Mismatch])
  }

  let entries: [Entry]
  private let byMethodAndPath: [String: [Int]]
  private let byMethodWithPathRules: [String: [Int]]

  init(_ interactions: [Interaction], options: MatchOptions = MatchOptions()) {
    var entries: [Entry] = []
    var byMethodAndPath: [String: [Int]] = [:]
    var byMethodWithPathRules: [String: [Int]] = [:]
    for (position, interaction) in interactions.enumerated() {
      guard case .http(let request, let response) = interaction.exchange else { continue }
      let entry = Entry(
        position: position, interaction: interaction, request: request, response: response,
        matcher: RequestMatcher(expected: request, options: options),
        answer: response.generators.isEmpty ? Answer(response) : nil)
      let method = request.method.uppercased()
      if request.matchingRules[.path]["$"] != nil {
        byMethodWithPathRules[method, default: []].append(entries.count)
      } else {
        byMethodAndPath[Self.key(method, request.path), default: []].append(entries.count)
      }
      entries.append(entry)
    }
    self.entries = entries
    self.byMethodAndPath = byMethodAndPath
    self.byMethodWithPathRules = byMethodWithPathRules
  }

  private static func key(_ method: String, _ path: String) -> String { method + " " + path }

  /// How many interactions, at most, a request that matches none is compared with in full to find the closest.
  static let closestCandidates = 3

  /// The first interaction (in contract order) that matches `request`, or the closest one with its mismatches.
  ///
  /// The body is parsed once. When no interaction has the request's method and path, interactions are ranked by
  /// how method, path, query and headers differ, and only the few best are compared body and all: explaining a
  /// mismatch costs the same however many interactions there are.
  ///
  /// With `preferredState`, a matching interaction with a provider state of that name wins over the first match.
  func lookup(_ request: PactRequest, preferredState: String? = nil) -> Lookup {
    let method = request.method.uppercased()
    let body = ParsedBody(request.body)
    var best: (entry: Entry, mismatches: [Mismatch])?
    var firstMatch: Entry?
    let exact = byMethodAndPath[Self.key(method, request.path)] ?? []
    let patterned = (byMethodWithPathRules[method] ?? []).filter { entries[$0].matcher.matchesMethodAndPath(request) }
    for candidate in exact + patterned {
      let entry = entries[candidate]
      let mismatches = entry.matcher.mismatches(for: request, body: body)
      if mismatches.isEmpty {
        guard let preferredState else { return .matched(entry) }
        if entry.interaction.providerStates.contains(where: { $0.name == preferredState }) { return .matched(entry) }
        if firstMatch == nil { firstMatch = entry }
        continue
      }
      if best == nil || mismatches.count < best!.mismatches.count { best = (entry, mismatches) }
    }
    if let firstMatch { return .matched(firstMatch) }
    if let best { return .unmatched(closest: best.entry, mismatches: best.mismatches) }
    // Nothing with this method and path: the closest is whichever interaction differs least.
    let ranked = entries.map { ($0, $0.matcher.headMismatches(for: request).count) }
      .sorted { ($0.1, $0.0.position) < ($1.1, $1.0.position) }
      .prefix(Self.closestCandidates)
    var closest: (entry: Entry, mismatches: [Mismatch])?
    for (entry, _) in ranked {
      let mismatches = entry.matcher.mismatches(for: request, body: body)
      if closest == nil || mismatches.count < closest!.mismatches.count { closest = (entry, mismatches) }
    }
    return .unmatched(closest: closest?.entry, mismatches: closest?.mismatches ?? [])
  }
}
