import AccordBroker
import AccordModel
import Foundation
import Testing

/// What a client publishes, read by the domain: every mistake names its JSON path and says what to send.
@Suite("reading publications and verification results")
struct PublicationParsingTests {
  static func pact(_ consumer: String) -> String {
    let json: JSONValue = [
      "consumer": ["name": .string(consumer)], "provider": ["name": "users"],
      "interactions": [["description": "a", "request": ["method": "GET", "path": "/"], "response": ["status": 200]]],
      "metadata": ["pactSpecification": ["version": "3.0.0"]],
    ]
    return json.data().base64EncodedString()
  }

  func message(_ body: JSONValue) -> String {
    do {
      _ = try Publication(publishing: body)
      return ""
    } catch {
      return error.description
    }
  }

  @Test("a publication body: the version, branch, tags and contracts, or the path of the mistake")
  func publication() throws {
    let good: JSONValue = [
      "pacticipantName": "web", "pacticipantVersionNumber": "1.0.0", "branch": "main", "tags": ["prod"],
      "contracts": [["consumerName": "web", "providerName": "users", "content": .string(Self.pact("web"))]],
    ]
    let publication = try Publication(publishing: good)
    #expect(publication.version == VersionChange(pacticipant: "web", number: "1.0.0", branch: "main", tags: ["prod"]))
    #expect(publication.contracts.map(\.provider) == ["users"])

    var body = good.objectValue ?? [:]
    body["pacticipantName"] = nil
    #expect(message(.object(body)).contains("$.pacticipantName is missing"))
    body = good.objectValue ?? [:]
    body["tags"] = ["prod", 3]
    #expect(message(.object(body)) == "$.tags[1] must be a string")
    body = good.objectValue ?? [:]
    body["contracts"] = [["content": "!!!"]]
    #expect(message(.object(body)).contains("$.contracts[0].content is not base64"))
    body["contracts"] = [["content": .string(Self.pact("admin"))]]
    #expect(message(.object(body)).contains("$.contracts[0] is a pact of \"admin\""))
    body["contracts"] = []
    #expect(message(.object(body)).contains("$.contracts must be a non-empty array"))
    #expect(message("a string") == "the body must be a JSON object")
  }

  @Test("a verification result: success, the provider version and its branch, or the path of the mistake")
  func verification() throws {
    let result = try NewVerification(
      publishing: ["success": true, "providerApplicationVersion": "7", "providerBranch": "main"], provider: "users",
      consumer: "web", sha: "abc")
    #expect(result.providerVersion == VersionChange(pacticipant: "users", number: "7", branch: "main"))
    #expect(throws: BrokerError.invalid("$.success is missing; give true or false")) {
      _ = try NewVerification(publishing: ["providerApplicationVersion": "7"], provider: "u", consumer: "w", sha: "a")
    }
    #expect(throws: BrokerError.invalid("$.success must be true or false")) {
      _ = try NewVerification(
        publishing: ["success": "yes", "providerApplicationVersion": "7"], provider: "u", consumer: "w", sha: "a")
    }
  }

  @Test("an environment and a pacticipant as clients send them, or the path of the mistake")
  func environmentAndPacticipant() throws {
    #expect(
      try EnvironmentChange(json: ["name": "production", "production": true, "displayName": "Prod"])
        == EnvironmentChange(name: "production", displayName: "Prod", production: true))
    #expect(
      throws: BrokerError.invalid("$.production is missing; say whether it is a production environment (true/false)")
    ) {
      _ = try EnvironmentChange(json: ["name": "production"])
    }
    #expect(throws: BrokerError.invalid("$.name must be a string")) {
      _ = try EnvironmentChange(json: ["name": 5, "production": true])
    }
    #expect(
      try PacticipantChange(json: ["repository_url": "https://git.example/web"], name: "web").repositoryURL
        == "https://git.example/web")
    #expect(throws: BrokerError.invalid("the body must be a JSON object")) {
      _ = try PacticipantChange(json: [1, 2], name: "web")
    }
  }
}
