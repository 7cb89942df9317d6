import AccordFixtures
import AccordMatching
import AccordModel
import Testing

/// The contracts the Pact reference implementation wrote: each interaction's own examples must satisfy its own
/// rules, as written and after a V4 rewrite, and a broken example must not.
@Suite struct ReferenceContractTests {
  static func contracts(_ path: String) throws -> [Contract] {
    let original = try ContractDecoder().decode(Fixtures.data(path), source: path).contract
    let rewritten = try ContractDecoder().decode(ContractEncoder().encode(original), source: "rewritten \(path)")
      .contract
    return [original, rewritten]
  }

  @Test(arguments: Fixtures.referenceContracts)
  func everyExampleMatchesItsOwnRules(path: String) throws {
    for contract in try Self.contracts(path) {
      for interaction in contract.interactions {
        switch interaction.exchange {
        case .http(let request, let response):
          #expect(RequestMatcher(expected: request).mismatches(for: request).isEmpty, "\(interaction.description)")
          #expect(ResponseMatcher(expected: response).mismatches(for: response).isEmpty, "\(interaction.description)")
          let generated = response.applyingGenerators(GeneratorContext())
          #expect(ResponseMatcher(expected: response).mismatches(for: generated).isEmpty, "\(interaction.description)")
        case .asynchronousMessage(let message):
          #expect(MessageMatcher(expected: message).mismatches(for: message).isEmpty, "\(interaction.description)")
        case .synchronousMessages(let request, let responses):
          #expect(MessageMatcher(expected: request).mismatches(for: request).isEmpty)
          for response in responses { #expect(MessageMatcher(expected: response).mismatches(for: response).isEmpty) }
        }
      }
    }
  }

  @Test func aBrokenUserFailsWithTheRightMismatches() throws {
    let contract = try ContractDecoder().decode(Fixtures.data("pact-files/v4/SwiftPeerConsumer-UserService.json"))
      .contract
    let interaction = try #require(contract.interactions.first { $0.description == "a request for user 123" })
    guard case .http(_, let response) = interaction.exchange else {
      Issue.record("expected HTTP")
      return
    }
    let broken = PactResponse(
      status: 200, headers: ["Content-Type": "application/json"],
      body: .json([
        "active": "yes", "addresses": [], "createdAt": "2024-01-02 03:04:05", "email": "alice", "id": "123",
        "name": "Alice", "roles": ["admin"], "score": 4,
      ]))
    #expect(
      ResponseMatcher(expected: response).mismatches(for: broken).map(\.description) == [
        #"$.active: expected a boolean but got "yes" (string)"#,
        "$.addresses: expected at least 1 item but got 0",
        #"$.createdAt: expected a date-time in the format 'yyyy-MM-dd'T'HH:mm:ssZ' but got "2024-01-02 03:04:05" (string)"#,
        #"$.email: expected a value matching /^[^@]+@[^@]+\.[a-z]+$/ but got "alice" (string)"#,
        #"$.id: expected an integer but got "123" (string)"#,
        "$.score: expected a decimal number but got 4 (integer)",
      ])
  }
}
