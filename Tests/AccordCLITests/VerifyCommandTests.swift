import AccordFixtures
import AccordModel
import AccordTesting
import Foundation
import Hummingbird
import Testing

/// `accord verify` as a CI job runs it: exit codes and reports for passing, failing and pending contracts.
@Suite struct VerifyCommandTests {
  static func provider() -> Router<BasicRequestContext> {
    let router = Router()
    router.get("/ok") { _, _ in
      Response(
        status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: .init(string: #"{"id":1}"#)))
    }
    router.post("/_pact/state") { _, _ in Response(status: .ok) }
    return router
  }

  static func contractFile(_ interactions: [Interaction]) throws -> String {
    let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
      "accord-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let file = directory.appendingPathComponent("Web-Api.json")
    try ContractEncoder().encode(Contract(consumer: "Web", provider: "Api", interactions: interactions)).write(to: file)
    return file.path
  }

  static func interaction(_ description: String, id: JSONValue, pending: Bool = false) -> Interaction {
    Interaction(
      description: description, providerStates: [ProviderState("the id exists")],
      exchange: .http(
        request: PactRequest(method: "GET", path: "/ok"),
        response: PactResponse(status: 200, body: .json(["id": id]))),
      pending: pending)
  }

  static func verify(_ file: String, _ baseURL: String, junit: String) async throws -> AccordProcess.Output {
    try await AccordProcess.run([
      "verify", "--contract", file, "--provider-base-url", baseURL, "--provider-states-url", baseURL + "/_pact/state",
      "--junit", junit,
    ])
  }

  @Test func passingFailingAndPendingRuns() async throws {
    let passing = try Self.contractFile([Self.interaction("an item", id: 1)])
    let failing = try Self.contractFile([Self.interaction("an item", id: 2)])
    let pending = try Self.contractFile([
      Self.interaction("an item", id: 1), Self.interaction("a new item", id: 2, pending: true),
    ])
    let junit = NSTemporaryDirectory() + "accord-junit-\(UUID().uuidString).xml"
    defer {
      for file in [passing, failing, pending] {
        try? FileManager.default.removeItem(atPath: (file as NSString).deletingLastPathComponent)
      }
      try? FileManager.default.removeItem(atPath: junit)
    }
    try await withProvider(Self.provider()) { baseURL in
      let passed = try await Self.verify(passing, baseURL, junit: junit)
      #expect(passed.status == 0, "\(passed.stdout)\(passed.stderr)")
      #expect(passed.stdout.contains("PASS"))
      #expect(try String(contentsOfFile: junit, encoding: .utf8).contains(#"tests="1" failures="0" skipped="0""#))

      let failed = try await Self.verify(failing, baseURL, junit: junit)
      #expect(failed.status == 1)
      #expect(failed.stdout.contains("$.id: expected 2 but got 1"))
      #expect(failed.stdout.hasSuffix("1 interaction: 0 passed, 1 failed\n"))
      let failedXML = try String(contentsOfFile: junit, encoding: .utf8)
      #expect(failedXML.contains(#"tests="1" failures="1" skipped="0""#))
      #expect(failedXML.contains(#"<failure message="$.id: expected 2 but got 1" type="mismatch">"#))

      let pendingRun = try await Self.verify(pending, baseURL, junit: junit)
      #expect(pendingRun.status == 0, "a failing pending interaction does not fail the run")
      #expect(pendingRun.stdout.contains("PENDING"))
      #expect(try String(contentsOfFile: junit, encoding: .utf8).contains(#"tests="2" failures="0" skipped="1""#))
    }
  }

  @Test(arguments: [
    (
      [] as [String],
      "give the contracts to verify: --contract PATH, --contract-url URL, or --broker-url URL with --provider NAME"
    ),
    (
      ["--contract", "x"],
      "give --provider-base-url (HTTP interactions; or --hostname and --port) or --messages-url (messages), or both"
    ),
    (
      ["--contract", "x", "--provider-base-url", "http://a", "--hostname", "b"],
      "give the provider's address once: --provider-base-url, or --hostname and --port"
    ),
    (
      ["--file", "x", "--hostname", "a", "--port", "70000"], "--port 70000 is not a port; give a number from 1 to 65535"
    ),
    (
      ["--file", "x", "--port", "80", "--transport", "grpc"], #"--transport "grpc" is not supported; use http or https"#
    ),
    (
      ["--file", "x", "--hostname", "a/b"],
      #"--hostname "a/b" is not a host name; give one like 127.0.0.1 or provider.local"#
    ),
    (
      ["--file", "x", "--port", "80", "--filter-no-state", "--filter-state", "x"],
      "--filter-no-state and --filter-state contradict each other; give one of them"
    ),
    (
      ["--file", "x", "--port", "80", "--provider-tags", "prod"],
      "--provider-tags are put on the provider version when results are published; add --publish"
    ),
    (
      ["--file", "x", "--port", "80", "--consumer-version-tags", "main,,prod"],
      "--consumer-version-tags and --provider-tags take names separated by commas, like main,prod"
    ),
    (
      ["--contract", "x", "--provider-base-url", "localhost:8080"],
      #"--provider-base-url "localhost:8080" is not an http(s) URL; give one like http://127.0.0.1:8080"#
    ),
    (
      ["--contract", "x", "--provider-base-url", "http://a", "--header", "NoColon"],
      #"--header "NoColon" is not "Name: value"; give one like --header "Authorization: Bearer x""#
    ),
    (
      ["--broker-url", "http://b", "--provider-base-url", "http://a"],
      "--broker-url needs --provider NAME: the provider whose contracts to fetch"
    ),
    (
      ["--contract", "x", "--provider-base-url", "http://127.0.0.1:99999"],
      #"--provider-base-url "http://127.0.0.1:99999" has the port 99999; a port is from 1 to 65535"#
    ),
    (
      ["--contract", "x", "--provider-base-url", "http://a", "--request-timeout", "nan"],
      "--request-timeout must be a number of seconds above 0 and at most 86400 (a day); got nan"
    ),
    (
      ["--contract", "x", "--provider-base-url", "http://a", "--request-timeout", "inf"],
      "--request-timeout must be a number of seconds above 0 and at most 86400 (a day); got inf"
    ),
    (
      ["--contract", "x", "--provider-base-url", "http://a", "--request-timeout", "1e300"],
      "--request-timeout must be a number of seconds above 0 and at most 86400 (a day); got 1e+300"
    ),
    (
      ["--contract", "x", "--provider-base-url", "http://a", "--request-timeout", "1e10"],
      "--request-timeout must be a number of seconds above 0 and at most 86400 (a day); got 10000000000.0"
    ),
    (
      ["--contract", "x", "--provider-base-url", "http://a", "--filter-description", "("],
      #"--filter-description "(" is not a valid regular expression"#
    ),
    (
      ["--contract", "x", "--provider-base-url", "http://a", "--consumer-version-selectors", "[1]"],
      #"--consumer-version-selectors must be a JSON object or an array of objects, such as '{"mainBranch": true}'"#
    ),
  ])
  func mistakesNameTheFlagAndTheFix(arguments: [String], message: String) throws {
    let output = try AccordProcess.run(["verify"] + arguments)
    #expect(output.status == 64)
    #expect(output.stderr.contains("Error: \(message)"), "\(output.stderr)")
  }

  /// A provider that answers `/api/ok` and records the provider-state calls it gets.
  actor StateCalls {
    var calls: [String] = []
    func add(_ call: String) { calls.append(call) }
  }

  @Test func aPactVerifierCommandLineRunsUnchanged() async throws {
    let stateless = Interaction(
      description: "a health check",
      exchange: .http(
        request: PactRequest(method: "GET", path: "/ok"), response: PactResponse(status: 200)))
    let file = try Self.contractFile([
      Self.interaction("an item", id: 1),
      Interaction(
        description: "an item by id",
        providerStates: [ProviderState("the id exists", params: ["id": 1, "kind": "a b"])],
        exchange: .http(
          request: PactRequest(method: "GET", path: "/ok"), response: PactResponse(status: 200, body: .json(["id": 1])))
      ),
      stateless,
    ])
    defer { try? FileManager.default.removeItem(atPath: (file as NSString).deletingLastPathComponent) }
    let calls = StateCalls()
    let router = Router()
    router.get("/api/ok") { _, _ in
      Response(
        status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: .init(string: #"{"id":1}"#)))
    }
    router.post("/state") { request, _ in
      let body = try await request.body.collect(upTo: 1024)
      await calls.add((request.uri.query ?? "") + "|" + String(buffer: body))
      return Response(status: .ok)
    }
    try await withProvider(router) { baseURL in
      let port = try #require(URL(string: baseURL)?.port)
      let common = [
        "verify", "--file", file, "--provider-name", "Api", "--hostname", "127.0.0.1", "--port", String(port),
        "--base-path", "/api", "--state-change-url", baseURL + "/state",
      ]
      let all = try await AccordProcess.run(common + ["--state-change-as-query", "--state-change-teardown"])
      #expect(all.status == 0, "\(all.stdout)\(all.stderr)")
      #expect(all.stdout.hasSuffix("3 interactions: 3 passed, 0 failed\n"), "\(all.stdout)")
      let recorded = await calls.calls
      #expect(recorded.contains("state=the%20id%20exists&action=setup&id=1&kind=a%20b|"), "\(recorded)")
      #expect(recorded.contains("state=the%20id%20exists&action=teardown&id=1&kind=a%20b|"), "\(recorded)")

      let onlyStateless = try await AccordProcess.run(common + ["--filter-no-state"])
      #expect(onlyStateless.status == 0, "\(onlyStateless.stderr)")
      #expect(onlyStateless.stdout.hasSuffix("1 interaction: 1 passed, 0 failed\n"), "\(onlyStateless.stdout)")
      #expect(onlyStateless.stdout.contains("a health check"))
    }
  }

  @Test func aTimeoutInMillisecondsGetsAWarning() throws {
    let output = try AccordProcess.run([
      "verify", "--contract", "/nonexistent/c.json", "--provider-base-url", "http://127.0.0.1:1",
      "--request-timeout", "5000",
    ])
    #expect(
      output.stderr.hasPrefix(
        "accord verify: warning: --request-timeout is in seconds, so 5000 waits 83 minutes for an answer; pact "
          + "verifier takes milliseconds (give 5 for the same wait)\n"), "\(output.stderr)")
  }

  @Test func anEmptyFolderIsAnError() throws {
    let empty = NSTemporaryDirectory() + "accord-empty-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: empty) }
    let failed = try AccordProcess.run(["verify", "--dir", empty, "--provider-base-url", "http://127.0.0.1:1"])
    #expect(failed.status == 1)
    #expect(failed.stderr.contains("the folder has no .json contracts (--contract)"), "\(failed.stderr)")
  }

  @Test func aMissingContractFileIsOneError() throws {
    let output = try AccordProcess.run([
      "verify", "--contract", "/nonexistent/c.json", "--provider-base-url", "http://127.0.0.1:1",
    ])
    #expect(output.status == 1)
    #expect(
      output.stderr
        == "accord verify: error: /nonexistent/c.json: no such file or directory; give the path of a contract or a folder of them (--contract)\n"
    )
  }

  @Test func helpIsWrittenInParagraphs() throws {
    let help = try AccordProcess.run(["verify", "--help"]).stdout
    let discussion = help.components(separatedBy: "Examples:")[0]
    let paragraphs = discussion.components(separatedBy: "\n\n").dropFirst()
    for paragraph in paragraphs where !paragraph.isEmpty {
      let lines = paragraph.split(separator: "\n")
      // Only a paragraph's last line may be short: a shorter one inside it is a hard break mid-sentence.
      for line in lines.dropLast() { #expect(line.count > 60, "a line broken mid-sentence: \(line)") }
    }
    #expect(help.contains("Exit status: 0 when every interaction that is not pending passed"))
    #expect(help.contains("--messages-url"))
  }

  @Test func helpListsTheFlags() throws {
    let help = try AccordProcess.run(["verify", "--help"]).stdout
    for flag in [
      "--contract", "--contract-url", "--broker-url", "--provider ", "--consumer-version-selectors", "--enable-pending",
      "--include-wip-since", "--broker-token", "--provider-base-url", "--provider-states-url", "--messages-url",
      "--header",
      "--junit", "--json", "--filter-description", "--filter-consumer", "--filter-state", "--concurrency",
      "--provider-name", "--hostname", "--port", "--state-change-url", "--filter-no-state", "--consumer-version-tags",
      "--provider-tags", "--ignore-no-pacts-error", "--file", "--dir", "--include-wip-pacts-since",
    ] {
      #expect(help.contains(flag), "accord verify --help mentions \(flag)")
    }
  }
}
