import AccordModel

/// The provider states a provider has to set up, de-duplicated across its consumers' pacts: what a provider team
/// implements in its state-change handler. From the latest pact of each consumer's main branch (as the Pact Broker's
/// `provider-states` resource), of a named branch, or of what is deployed or released in an environment.
///
/// ```swift
/// let states = try await ProviderStateList.of(provider: "users", scope: .mainBranch, store: store)
/// states.first?.name       // "a user with id 42 exists"
/// states.first?.consumers  // ["web"]
/// ```
public struct ProviderStateList: Sendable, Hashable {
  /// Which consumer pacts to read.
  public enum Scope: Sendable, Hashable {
    /// The latest pact from each consumer's main branch.
    case mainBranch
    /// The latest pact from each consumer version on this branch.
    case branch(String)
    /// The pacts of consumer versions deployed or released (and supported) in this environment.
    case environment(String)
  }

  /// One provider state with its parameters, and the consumers whose pacts use it.
  public struct Entry: Sendable, Hashable {
    public var name: String
    public var params: [String: JSONValue]
    public var consumers: [String]

    /// The parameters as compact JSON with sorted keys, `{}` when there are none.
    public var paramsText: String { JSONValue.object(JSONObject(params)).description }
  }

  public var provider: String
  /// By name, then by parameters.
  public var states: [Entry]

  /// Collects the states of `contracts` (consumer name and pact content). Contents that do not decode as a pact are
  /// skipped: the broker checked them when they were published.
  public init(provider: String, contracts: [(consumer: String, content: JSONValue)]) {
    struct Key: Hashable {
      var name: String
      var params: [String: JSONValue]
    }
    var consumers: [Key: Set<String>] = [:]
    for (consumer, content) in contracts {
      guard let contract = try? ContractDecoder().decode(content).contract else { continue }
      for interaction in contract.interactions {
        for state in interaction.providerStates {
          consumers[Key(name: state.name, params: state.params), default: []].insert(consumer)
        }
      }
    }
    self.provider = provider
    self.states = consumers.map { key, names in
      Entry(name: key.name, params: key.params, consumers: names.sorted())
    }.sorted { ($0.name, $0.paramsText) < ($1.name, $1.paramsText) }
  }

  /// The states of `provider` in `scope`, read from `store`. An unknown provider or environment is
  /// ``BrokerError/notFound(_:)``.
  public static func of(provider: String, scope: Scope, store: any BrokerStore) async throws(BrokerError)
    -> ProviderStateList
  {
    guard try await store.pacticipant(named: provider) != nil else {
      throw .notFound("no pacticipant named \"\(provider)\"; check the name, or publish its consumers' contracts first")
    }
    let query: PactQuery
    switch scope {
    case .mainBranch: query = .latestOnMainBranch
    case .branch(let branch): query = .latestOnBranch(branch)
    case .environment(let name):
      guard try await store.environment(named: name) != nil else {
        throw .notFound("no environment named \"\(name)\"; list them with `accord list-environments`")
      }
      query = .deployedOrReleased(environment: name)
    }
    var contracts: [(consumer: String, content: JSONValue)] = []
    var contents: [String: JSONValue] = [:]
    for pact in try await store.pacts(provider: provider, consumer: nil, query: query) {
      if contents[pact.sha] == nil { contents[pact.sha] = try await store.content(sha: pact.sha) }
      if let content = contents[pact.sha] { contracts.append((pact.consumer, content)) }
    }
    return ProviderStateList(provider: provider, contracts: contracts)
  }
}
