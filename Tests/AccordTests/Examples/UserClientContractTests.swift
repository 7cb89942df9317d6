import Accord
import Foundation
import Testing

// README: Swift Testing example
@Suite struct UserClientContractTests {
  let pact = Pact(consumer: "ExampleWeb", provider: "UserService")

  @Test func fetchesAUser() async throws {
    let user = try await pact.interaction("a request for user 42")
      .given("user 42 exists", ["id": 42])
      .withRequest(.get, "/users/42", headers: ["Accept": "application/json"])
      .willRespond(
        200,
        body: [
          "id": .integer(42),
          "name": .like("Alice"),
          "roles": .eachLike("admin", min: 1),
        ]
      )
      .run { baseURL in try await UserClient(baseURL: baseURL).user(id: 42) }

    #expect(user == User(id: 42, name: "Alice", roles: ["admin"]))
  }
}
// README: end
