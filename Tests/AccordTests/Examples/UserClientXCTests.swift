import Accord
import XCTest

// README: XCTest example
final class UserClientXCTests: XCTestCase {
  let pact = Pact(consumer: "ExampleWeb", provider: "UserService")

  func testCreatesAUser() async throws {
    let user = try await pact.interaction("a request to create a user")
      .given("no user is called Bob")
      .withRequest(
        .post, "/users",
        headers: ["Content-Type": "application/json"],
        body: ["name": "Bob"]
      )
      .willRespond(
        201,
        headers: ["Location": .regex(#"/users/\d+"#, example: "/users/7")],
        body: ["id": .integer(7), "name": "Bob", "roles": .eachLike("reader", min: 0, count: 1)]
      )
      .run { baseURL in try await UserClient(baseURL: baseURL).createUser(name: "Bob") }

    XCTAssertEqual(user.name, "Bob")
  }
}
// README: end
