import AccordBroker
import AccordModel

/// Contracts and publications for the broker tests.
public enum Fixtures {
  public static func pact(_ consumer: String, _ provider: String, _ descriptions: [String] = ["a request"]) -> JSONValue
  {
    .object([
      "consumer": ["name": .string(consumer)],
      "provider": ["name": .string(provider)],
      "interactions": .array(
        descriptions.map { description in
          [
            "description": .string(description),
            "request": ["method": "GET", "path": "/items"],
            "response": ["status": 200],
          ]
        }),
      "metadata": ["pactSpecification": ["version": "3.0.0"]],
    ])
  }

  public static func content(_ consumer: String, _ provider: String, _ descriptions: [String] = ["a request"]) throws
    -> PactContent
  {
    try PactContent(json: pact(consumer, provider, descriptions), path: "test")
  }

  @discardableResult
  public static func publish(
    _ store: any BrokerStore, _ consumer: String, _ number: String, branch: String? = nil, tags: [String] = [],
    to providers: [String], descriptions: [String] = ["a request"]
  ) async throws -> PublicationOutcome {
    try await store.publish(
      Publication(
        version: VersionChange(pacticipant: consumer, number: number, branch: branch, tags: tags),
        contracts: providers.map { try content(consumer, $0, descriptions) }))
  }

  @discardableResult
  public static func verify(
    _ store: any BrokerStore, _ pact: StoredPact, by number: String, branch: String? = nil, success: Bool
  ) async throws -> Verification {
    try await store.recordVerification(
      NewVerification(
        provider: pact.provider, consumer: pact.consumer, sha: pact.sha,
        providerVersion: VersionChange(pacticipant: pact.provider, number: number, branch: branch), success: success))
  }

  public static func deploy(_ store: any BrokerStore, _ pacticipant: String, _ number: String, to environment: String)
    async throws
  {
    let version = try await store.saveVersion(VersionChange(pacticipant: pacticipant, number: number))
    let target = try await store.environment(named: environment)!
    _ = try await store.recordDeployment(versionID: version.id, environmentID: target.id, applicationInstance: nil)
  }
}
