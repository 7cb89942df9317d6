import AccordFixtures
import AccordModel
import AccordTesting
import AccordVerifier
import Foundation
import Hummingbird
import Synchronization
import Testing

/// The README's provider example: verify the contract the consumer examples wrote against an in-process Hummingbird
/// app, with provider states as Swift closures.
@Suite struct ExampleProviderTests {
  /// A user service as its team would write it.
  final class UserStore: Sendable {
    private let users = Mutex<[Int: String]>([:])
    func insert(id: Int, name: String) { users.withLock { $0[id] = name } }
    func user(_ id: Int) -> String? { users.withLock { $0[id] } }
    func create(_ name: String) -> Int {
      users.withLock { users in
        let id = (users.keys.max() ?? 6) + 1; users[id] = name; return id
      }
    }
    func removeAll(named name: String) { users.withLock { $0 = $0.filter { $0.value != name } } }
  }

  static func userService(_ store: UserStore) -> Router<BasicRequestContext> {
    let router = Router()
    router.get("/users/:id") { _, context -> Response in
      guard let id = context.parameters.get("id", as: Int.self), let name = store.user(id) else {
        return Response(status: .notFound)
      }
      let body = #"{"id":\#(id),"name":"\#(name)","roles":["admin"]}"#
      return Response(
        status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: .init(string: body)))
    }
    router.post("/users") { request, context -> Response in
      struct NewUser: Decodable { var name: String }
      let user = try await request.decode(as: NewUser.self, context: context)
      let id = store.create(user.name)
      let body = #"{"id":\#(id),"name":"\#(user.name)","roles":[]}"#
      return Response(
        status: .created, headers: [.contentType: "application/json", .location: "/users/\(id)"],
        body: .init(byteBuffer: .init(string: body)))
    }
    return router
  }

  static let contract = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("contracts/ExampleWeb-UserService.json").path

  // README: provider example
  @Test func userServiceHonoursItsConsumersContracts() async throws {
    let store = UserStore()
    let states = ProviderStates()
      .given("user 42 exists") { params in store.insert(id: params["id"]?.intValue ?? 42, name: "Alice") }
      .given("no user is called Bob") { _ in store.removeAll(named: "Bob") }
    let report = try await verifyProvider(
      Self.userService(store), contracts: [FileContractSource(path: Self.contract)], states: states)
    #expect(report.succeeded, "\(HumanReport(report))")
    #expect(report.results.count == 2)
  }
  // README: end
}
