/// The order to deploy pacticipants in so that each one's providers are already in the environment: can-i-deploy
/// refuses a consumer whose provider is not deployed, so providers go first.
///
/// ```swift
/// DeploymentOrder(contracts: [("web", "gateway"), ("gateway", "users")]).pacticipants
/// // ["users", "gateway", "web"]
/// ```
struct DeploymentOrder {
  var pacticipants: [String]

  /// `contracts` are (consumer, provider) pairs. A cycle (two services that are each other's provider) cannot be
  /// ordered; its members follow the rest, by name.
  init(contracts: [(consumer: String, provider: String)]) {
    var providers: [String: Set<String>] = [:]
    for (consumer, provider) in contracts {
      providers[consumer, default: []].insert(provider)
      providers[provider, default: []].formUnion([])
    }
    var ordered: [String] = []
    var placed: Set<String> = []
    var remaining = providers.keys.sorted()
    while !remaining.isEmpty {
      let ready = remaining.filter { providers[$0, default: []].isSubset(of: placed) }
      let next = ready.isEmpty ? remaining : ready
      ordered += next
      placed.formUnion(next)
      remaining.removeAll { placed.contains($0) }
    }
    pacticipants = ordered
  }
}
