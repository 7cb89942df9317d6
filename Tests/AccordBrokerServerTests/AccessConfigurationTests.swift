import AccordBrokerServer
import AccordModel
import Foundation
import Testing

/// A credential setting that is present but yields no credential fails closed (it once started a broker open to
/// anyone), and tokens compare exactly.
@Suite("access configuration fails closed")
struct AccessConfigurationTests {
  /// Each of these once loaded as "no credential", so the broker started open.
  static let emptySettings: [[String: String]] = [
    ["ACCORD_BROKER_WRITE_TOKENS": ""], ["ACCORD_BROKER_WRITE_TOKENS": " "], ["ACCORD_BROKER_WRITE_TOKENS": ","],
    ["ACCORD_BROKER_READ_TOKENS": " ,"],
    ["PACT_BROKER_BASIC_AUTH_USERNAME": "", "PACT_BROKER_BASIC_AUTH_PASSWORD": ""],
    ["PACT_BROKER_BASIC_AUTH_READ_ONLY_USERNAME": "", "PACT_BROKER_BASIC_AUTH_READ_ONLY_PASSWORD": ""],
    ["PACT_BROKER_BASIC_AUTH_USERNAME": "ci", "PACT_BROKER_BASIC_AUTH_PASSWORD": ""],
    ["ACCORD_BROKER_AUTH_FILE": ""],
  ]

  @Test("a credential variable that is set but yields no credential is an error naming it", arguments: emptySettings)
  func emptyVariable(_ environment: [String: String]) throws {
    do {
      let policy = try AccessPolicy.load(environment: environment)
      Issue.record("loaded with \(policy.tokens.count + policy.users.count) credentials: open to anyone")
    } catch {
      let named = environment.keys.contains { error.description.contains($0) }
      #expect(named, "\(error.description)")
    }
  }

  @Test("an access file with no credential, or a credential without access, is an error naming the file")
  func emptyFile() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("accord-access-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let cases = [
      ("{}", "holds no token and no user"),
      (#"{"tokens": [], "users": []}"#, "holds no token and no user"),
      (#"{"publicRead": true}"#, "holds no token and no user"),
      (#"{"tokens": [{"name": "ci", "token": "s3cret"}]}"#, "$.tokens[0].access is missing"),
      (#"{"users": [{"username": "dev", "password": "pw"}]}"#, "$.users[0].access is missing"),
      (#"{"tokens": [{"token": " padded", "access": "read-write"}]}"#, "white space"),
    ]
    for (index, (text, expected)) in cases.enumerated() {
      let file = directory.appendingPathComponent("access-\(index).json")
      try Data(text.utf8).write(to: file)
      do {
        _ = try AccessPolicy.load(environment: [:], file: file.path)
        Issue.record("\(text) loaded")
      } catch {
        #expect(error.description.contains(expected), "\(text): \(error.description)")
        #expect(error.description.contains(file.path), "\(error.description)")
      }
    }
    #expect(try AccessPolicy.load(environment: [:]).isEnabled == false, "no setting at all: open, by choice")
  }

  @Test("tokens compare exactly: a doubled space, a tab or a padded token is refused over a real socket")
  func exactTokens() async throws {
    let policy = try AccessPolicy.load(environment: ["ACCORD_BROKER_WRITE_TOKENS": "ci-secret"])
    try await BrokerAPI.with(options: .init(access: policy)) { api in
      #expect(try await api.call("GET", "/", headers: ["Authorization": "Bearer ci-secret"]).status == 200)
      for sent in ["Bearer  ci-secret", "Bearer ci-secret\t ci", "Bearer \tci-secret", "Bearer ci-secret x"] {
        let answer = try await api.call("GET", "/", headers: ["Authorization": sent])
        #expect(answer.status == 401, "\(sent.debugDescription) was accepted")
      }
    }
    #expect(
      policy.decide(authorization: "Bearer ci-secret ") != .granted(.readWrite, "token ACCORD_BROKER_WRITE_TOKENS[0]"))
    #expect(
      policy.decide(authorization: "Bearer  ci-secret") != .granted(.readWrite, "token ACCORD_BROKER_WRITE_TOKENS[0]"))
  }
}
