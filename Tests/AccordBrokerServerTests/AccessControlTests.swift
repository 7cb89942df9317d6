import AccordBrokerServer
import AccordBrokerTestSupport
import AccordClient
import AccordModel
import Foundation
import Testing

/// Tokens and basic-auth users, read-only and read-write, public read, and the errors that say what is missing.
@Suite("access control")
struct AccessControlTests {
  static func policy(publicRead: Bool = false) throws -> AccessPolicy {
    var policy = try AccessPolicy.load(environment: [
      "ACCORD_BROKER_WRITE_TOKENS": "ci-secret, other-secret",
      "ACCORD_BROKER_READ_TOKENS": "dev-secret",
      "PACT_BROKER_BASIC_AUTH_READ_ONLY_USERNAME": "dev",
      "PACT_BROKER_BASIC_AUTH_READ_ONLY_PASSWORD": "pa:ss",
    ])
    policy.publicRead = publicRead
    return policy
  }

  static func basic(_ username: String, _ password: String) -> String {
    "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
  }

  static let publication: JSONValue = [
    "pacticipantName": "web", "pacticipantVersionNumber": "1.0.0",
    "contracts": [
      [
        "consumerName": "web", "providerName": "users", "specification": "pact", "contentType": "application/json",
        "content": .string(Fixtures.pact("web", "users").data().base64EncodedString()),
      ]
    ],
  ]

  @Test("without a credential: 401 naming what to send; the heartbeat stays open")
  func missing() async throws {
    try await BrokerAPI.with(options: .init(access: try Self.policy())) { api in
      let index = try await api.call("GET", "/")
      #expect(index.status == 401)
      let message = index.json["error"]?["message"]?.stringValue ?? ""
      #expect(message.contains("Authorization: Bearer") && message.contains("PACT_BROKER_TOKEN"), "\(message)")
      // One challenge per field: a browser finds Basic (and shows its login prompt) only in a field of its own.
      #expect(index.headers["WWW-Authenticate"] == [#"Bearer realm="accord-broker""#, #"Basic realm="accord-broker""#])
      #expect(index.json["errors"]?.arrayValue?.isEmpty == false)
      #expect(try await api.call("GET", "/diagnostic/status/heartbeat").status == 200)
      #expect(try await api.call("POST", "/contracts/publish", json: Self.publication).status == 401)
    }
  }

  @Test("a read-only credential reads and asks for pacts to verify, and gets 403 for a write")
  func readOnly() async throws {
    try await BrokerAPI.with(options: .init(access: try Self.policy())) { api in
      for authorization in ["Bearer dev-secret", Self.basic("dev", "pa:ss")] {
        let headers = ["Authorization": authorization]
        #expect(try await api.call("GET", "/", headers: headers).status == 200)
        let publish = try await api.call("POST", "/contracts/publish", json: Self.publication, headers: headers)
        #expect(publish.status == 403)
        #expect(publish.json["error"]?["message"]?.stringValue?.contains("read-only") == true)
        // for-verification only reads: the answer is about the provider, not the credential.
        let pacts = try await api.call(
          "POST", "/pacts/provider/nobody/for-verification", json: [:], headers: headers)
        #expect(pacts.status == 404)
      }
    }
  }

  @Test("a read-write token publishes; a wrong one is 401 saying so, whatever it looks like")
  func readWrite() async throws {
    try await BrokerAPI.with(options: .init(access: try Self.policy())) { api in
      let publish = try await api.call(
        "POST", "/contracts/publish", json: Self.publication, headers: ["Authorization": "Bearer other-secret"])
      #expect((200..<300).contains(publish.status), "\(publish.text)")
      let cases: [(String, String)] = [
        ("Bearer guess", "not one this broker knows"),
        (Self.basic("dev", "wrong"), "username or password is wrong"),
        ("Basic !!!not-base64", "not base64"),
        ("Digest abc", "neither Bearer nor Basic"),
        ("Bearer", "neither \"Bearer …\" nor \"Basic …\""),
        ("Bearer ünïcödé", "not one this broker knows"),
        ("Bearer " + String(repeating: "x", count: 6000), "not one this broker knows"),
      ]
      for (authorization, expected) in cases {
        let answer = try await api.call("GET", "/", headers: ["Authorization": authorization])
        #expect(answer.status == 401, "\(authorization.prefix(40))")
        let message = answer.json["error"]?["message"]?.stringValue ?? answer.text
        #expect(message.contains(expected), "\(message)")
        #expect(!message.contains("\u{1B}"))
      }
    }
  }

  @Test("public read: reading needs nothing, writing still needs a read-write credential")
  func publicRead() async throws {
    try await BrokerAPI.with(options: .init(access: try Self.policy(publicRead: true))) { api in
      #expect(try await api.call("GET", "/pacticipants").status == 200)
      let publish = try await api.call("POST", "/contracts/publish", json: Self.publication)
      #expect(publish.status == 401)
      #expect(publish.json["error"]?["message"]?.stringValue?.contains("to change anything") == true)
    }
  }

  @Test("the CLI's client passes a bearer token and basic auth")
  func client() async throws {
    try await BrokerAPI.with(options: .init(access: try Self.policy())) { api in
      let writer = BrokerClient(baseURL: api.baseURL, credentials: .bearer("ci-secret"))
      _ = try await writer.publish(
        [Fixtures.pact("web", "users")], version: "1.0.0", branch: "main", tags: [], buildURL: nil)
      let reader = BrokerClient(baseURL: api.baseURL, credentials: .basic(username: "dev", password: "pa:ss"))
      #expect(try await reader.version(pacticipant: "web", number: "1.0.0")["number"]?.stringValue == "1.0.0")
      let anonymous = BrokerClient(baseURL: api.baseURL)
      await #expect(throws: ClientError.self) { _ = try await anonymous.environments() }
    }
  }

  @Test("configuration errors name the variable, the file and the JSON path")
  func configuration() throws {
    #expect(throws: AccessPolicyError.self) {
      try AccessPolicy.load(environment: ["PACT_BROKER_BASIC_AUTH_USERNAME": "ci"])
    }
    do {
      _ = try AccessPolicy.load(environment: ["PACT_BROKER_BASIC_AUTH_USERNAME": "ci"])
    } catch {
      #expect(error.description.contains("PACT_BROKER_BASIC_AUTH_PASSWORD"))
    }
    do {
      _ = try AccessPolicy.load(environment: ["ACCORD_BROKER_PUBLIC_READ": "maybe"])
      Issue.record("an unclear public-read flag was taken")
    } catch {
      #expect(error.description.contains("ACCORD_BROKER_PUBLIC_READ"))
    }
    #expect(try AccessPolicy.load(environment: [:]).isEnabled == false)

    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("accord-access-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    func load(_ text: String) -> String {
      let file = directory.appendingPathComponent("access.json")
      try? Data(text.utf8).write(to: file)
      do {
        _ = try AccessPolicy.load(environment: [:], file: file.path)
        return ""
      } catch {
        return error.description
      }
    }
    #expect(load(#"{"tokens": [{"token": "x", "access": "admin"}]}"#).contains("$.tokens[0].access"))
    #expect(load(#"{"users": [{"username": "a"}]}"#).contains("$.users[0] needs username and password"))
    #expect(load(#"{"token": []}"#).contains("$.token is not a field"))
    #expect(load(#"{"tokens": [{"token": "sha256:abc", "access": "read-only"}]}"#).contains("64 hexadecimal digits"))
    #expect(load("not json").contains("is not JSON"))
    #expect(
      load(#"{"tokens": [{"token": "sha256:\#(String(repeating: "ab", count: 32))", "access": "read-only"}]}"#) == "")

    // A file may hold only the SHA-256 of a token.
    let file = directory.appendingPathComponent("hashed.json")
    try Data(
      #"{"tokens": [{"name": "ci", "token": "sha256:2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b", "access": "read-write"}]}"#
        .utf8
    ).write(to: file)
    let policy = try AccessPolicy.load(environment: [:], file: file.path)
    #expect(policy.decide(authorization: "Bearer secret") == .granted(.readWrite, "token ci"))
    #expect(policy.decide(authorization: "Bearer secreT") != .granted(.readWrite, "token ci"))
    #expect(load("").contains("is not JSON"))
    #expect(
      (try? AccessPolicy.load(environment: [:], file: directory.appendingPathComponent("none.json").path)) == nil)
  }
}
