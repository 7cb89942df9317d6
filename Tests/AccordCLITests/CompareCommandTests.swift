import AccordModel
import Foundation
import Testing

/// `accord compare`: a contract against an OpenAPI document, for people and for tools.
@Suite struct CompareCommandTests {
  static let document = """
    openapi: 3.0.3
    info: {title: UserService, version: "1.0"}
    paths:
      /users/{id}:
        get:
          operationId: getUser
          parameters:
            - {name: id, in: path, required: true, schema: {type: integer}}
          responses:
            "200":
              description: a user
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      id: {type: integer}
                      name: {type: string}
    """

  static func contract(body: JSONValue) -> Data {
    ContractEncoder().encode(
      Contract(
        consumer: "Web", provider: "UserService",
        interactions: [
          Interaction(
            description: "a request for user 42",
            exchange: .http(
              request: PactRequest(method: "GET", path: "/users/42"),
              response: PactResponse(
                status: 200, headers: ["Content-Type": "application/json"], body: .json(body))))
        ]))
  }

  /// A scratch directory with `openapi.yaml` and `contract.json`, removed afterwards.
  static func files(body: JSONValue, document: String = document, _ run: (URL) async throws -> Void) async throws {
    let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
      "accord-compare-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try Data(document.utf8).write(to: directory.appendingPathComponent("openapi.yaml"))
    try contract(body: body).write(to: directory.appendingPathComponent("contract.json"))
    try await run(directory)
  }

  @Test func aCompatibleContractExitsZero() async throws {
    try await Self.files(body: ["id": 42, "name": "Ada"]) { directory in
      let output = try await AccordProcess.run(
        [
          "compare", "--contract", directory.appendingPathComponent("contract.json").path, "--openapi",
          directory.appendingPathComponent("openapi.yaml").path,
        ], timeout: 60)
      #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
      #expect(output.stdout.contains("✓ \"a request for user 42\" — GET /users/{id} (getUser)"), "\(output.stdout)")
    }
  }

  @Test func aFieldTheDocumentLacksExitsOneAndSaysWhereOnBothSides() async throws {
    try await Self.files(body: ["id": 42, "nickname": "ada"]) { directory in
      let output = try await AccordProcess.run(
        [
          "compare", "--contract", directory.appendingPathComponent("contract.json").path, "--openapi",
          directory.appendingPathComponent("openapi.yaml").path,
        ], timeout: 60)
      #expect(output.status == 1)
      #expect(output.stdout.contains("$.interactions[0].response.body.nickname: the property \"nickname\""))
      #expect(output.stdout.contains("document: $.paths['/users/{id}'].get.responses['200']"))
      let json = try await AccordProcess.run(
        [
          "compare", "--contract", directory.appendingPathComponent("contract.json").path, "--openapi",
          directory.appendingPathComponent("openapi.yaml").path, "--output", "json",
        ], timeout: 60)
      #expect(json.status == 1)
      let parsed = try JSONValue(parsing: json.stdout)
      #expect(parsed[0]?["compatible"] == .bool(false))
      #expect(
        parsed[0]?["interactions"]?[0]?["incompatibilities"]?[0]?["kind"] == .string("undeclared-response-property"))
    }
  }

  @Test func anUnreadableDocumentNamesTheFlagAndTheFile() async throws {
    try await Self.files(body: ["id": 42], document: "swagger: '2.0'\n") { directory in
      let document = directory.appendingPathComponent("openapi.yaml").path
      let output = try await AccordProcess.run(
        ["compare", "--contract", directory.appendingPathComponent("contract.json").path, "--openapi", document],
        timeout: 60)
      #expect(output.status == 1)
      #expect(output.stderr.contains("\(document): Swagger 2.0 is not supported"), "\(output.stderr)")
      #expect(output.stderr.contains("(--openapi)"))
      let missing = try await AccordProcess.run(
        [
          "compare", "--contract", directory.appendingPathComponent("contract.json").path, "--openapi",
          directory.appendingPathComponent("nothing.yaml").path,
        ], timeout: 60)
      #expect(missing.status == 1)
      #expect(missing.stderr.contains("nothing.yaml") && missing.stderr.contains("(--openapi)"), "\(missing.stderr)")
    }
  }
}
