import AccordBroker
import AccordBrokerSQLite
import AccordBrokerServer
import AccordModel
import AccordTesting
import Foundation
import Testing

/// The broker commands (publish, environments, deployments, can-i-deploy, describe-version) against a broker run
/// in-process.
@Suite("accord broker commands")
struct BrokerClientCommandTests {
  func withBroker(_ body: (String, any BrokerStore) async throws -> Void) async throws {
    let store = try SQLiteBrokerStore.inMemory()
    try await withProvider(BrokerServer(store: store).router()) { url in try await body(url, store) }
  }

  func contractsFolder() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("accord-publish-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let pact: JSONValue = [
      "consumer": ["name": "web"], "provider": ["name": "users"],
      "interactions": [
        ["description": "a request", "request": ["method": "GET", "path": "/"], "response": ["status": 200]]
      ],
      "metadata": ["pactSpecification": ["version": "3.0.0"]],
    ]
    try pact.data().write(to: folder.appendingPathComponent("web-users.json"))
    return folder.path
  }

  func accord(_ arguments: [String]) async throws -> AccordProcess.Output {
    try await AccordProcess.run(arguments, timeout: 60)
  }

  @Test("publish, create an environment, deploy, ask can-i-deploy, describe: each says what it did")
  func loop() async throws {
    let folder = try contractsFolder()
    try await withBroker { url, store in
      let broker = ["--broker-url", url]
      let published = try await accord(
        ["publish", folder, "--consumer-app-version", "1.0.0", "--branch", "main"] + broker)
      #expect(published.status == 0, "\(published.stderr)")
      #expect(published.stdout.contains("Pact published for web version 1.0.0 and provider users"))

      let created = try await accord(["create-environment", "--name", "production", "--production"] + broker)
      #expect(created.stdout.contains("Created environment production (production"))
      let listed = try await accord(["list-environments"] + broker)
      #expect(listed.stdout.contains("production"))

      let notYet = try await accord(
        ["can-i-deploy", "--pacticipant", "web", "--version", "1.0.0", "--to-environment", "production"] + broker)
      #expect(notYet.status == 1)
      #expect(notYet.stdout.contains("Unknown"))
      #expect(notYet.stdout.contains("users"))

      let pact = try #require(try await store.pact(provider: "users", consumer: "web", consumerVersion: "1.0.0"))
      _ = try await store.recordVerification(
        NewVerification(
          provider: "users", consumer: "web", sha: pact.sha,
          providerVersion: VersionChange(pacticipant: "users", number: "2.0.0"), success: true))
      let deployed = try await accord(
        ["record-deployment", "--pacticipant", "users", "--version", "2.0.0", "--environment", "production"] + broker)
      #expect(deployed.stdout.contains("Recorded deployment of users 2.0.0 to production"), "\(deployed.stderr)")

      let yes = try await accord(
        ["can-i-deploy", "--pacticipant", "web", "--version", "1.0.0", "--to-environment", "production"] + broker)
      #expect(yes.status == 0, "\(yes.stdout)\(yes.stderr)")
      #expect(yes.stdout.contains("Yes, you can deploy"))
      #expect(yes.stdout.contains("verified by users 2.0.0"))

      let json = try await accord(
        [
          "can-i-deploy", "--pacticipant", "web", "--version", "1.0.0", "--to-environment", "production", "--output",
          "json",
        ] + broker)
      #expect(try JSONValue(parsing: Data(json.stdout.utf8))["summary"]?["deployable"] == true)

      let described = try await accord(["describe-version", "--pacticipant", "users", "--version", "2.0.0"] + broker)
      #expect(described.stdout.contains("deployed to: production"))

      let undeployed = try await accord(
        ["record-undeployment", "--pacticipant", "users", "--environment", "production"] + broker)
      #expect(undeployed.stdout.contains("Recorded undeployment of users 2.0.0 from production"))
    }
  }

  @Test("--retry-while-unknown waits for the verification still to come")
  func retryWhileUnknown() async throws {
    let folder = try contractsFolder()
    try await withBroker { url, store in
      let broker = ["--broker-url", url]
      _ = try await accord(["publish", folder, "--consumer-app-version", "1.0.0"] + broker)
      _ = try await accord(["create-environment", "--name", "production"] + broker)
      _ = try await store.saveVersion(VersionChange(pacticipant: "users", number: "2.0.0"))
      let deployed = try await accord(
        ["record-deployment", "--pacticipant", "users", "--version", "2.0.0", "--environment", "production"] + broker)
      #expect(deployed.status == 0, "\(deployed.stderr)")
      let waiting = try AccordProcess.Background(
        [
          "can-i-deploy", "--pacticipant", "web", "--version", "1.0.0", "--to-environment", "production",
          "--retry-while-unknown", "300", "--retry-interval", "0.1",
        ] + broker)
      // Unknown at first: it says so and asks again; then the verification arrives.
      _ = try await waiting.wait(for: "asking again")
      let pact = try #require(try await store.pact(provider: "users", consumer: "web", consumerVersion: "1.0.0"))
      _ = try await store.recordVerification(
        NewVerification(
          provider: "users", consumer: "web", sha: pact.sha,
          providerVersion: VersionChange(pacticipant: "users", number: "2.0.0"), success: true))
      for _ in 0..<600 where waiting.process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
      #expect(!waiting.process.isRunning)
      #expect(waiting.process.terminationStatus == 0, "\(waiting.text)")
      let answer = (stdout: waiting.text, status: waiting.process.terminationStatus)
      #expect(answer.stdout.contains("Yes, you can deploy"))
    }
  }

  @Test("can-i-deploy --ignore takes a failing provider (or one version of it) out of the answer, and shows it")
  func ignore() async throws {
    let folder = try contractsFolder()
    try await withBroker { url, store in
      let broker = ["--broker-url", url]
      let published = try await accord(["publish", folder, "--consumer-app-version", "1.0.0"] + broker)
      #expect(published.status == 0, "\(published.stderr)")
      _ = try await accord(["create-environment", "--name", "production", "--production"] + broker)
      let pact = try #require(try await store.pact(provider: "users", consumer: "web", consumerVersion: "1.0.0"))
      _ = try await store.recordVerification(
        NewVerification(
          provider: "users", consumer: "web", sha: pact.sha,
          providerVersion: VersionChange(pacticipant: "users", number: "2.0.0"), success: false))
      let deployed = try await accord(
        ["record-deployment", "--pacticipant", "users", "--version", "2.0.0", "--environment", "production"] + broker)
      #expect(deployed.status == 0, "\(deployed.stderr)")
      let base = ["can-i-deploy", "--pacticipant", "web", "--version", "1.0.0", "--to-environment", "production"]
      let no = try await accord(base + broker)
      #expect(no.status == 1, "\(no.stdout)")
      let ignored = try await accord(base + ["--ignore", "users"] + broker)
      #expect(ignored.status == 0, "\(ignored.stdout)\(ignored.stderr)")
      #expect(ignored.stdout.contains("(ignored)"), "\(ignored.stdout)")
      #expect(ignored.stdout.contains("[IGNORED]"), "\(ignored.stdout)")
      let byVersion = try await accord(base + ["--ignore", "users:2.0.0"] + broker)
      #expect(byVersion.status == 0, "\(byVersion.stdout)")
      let otherVersion = try await accord(base + ["--ignore", "users:1.9.0"] + broker)
      #expect(otherVersion.status == 1, "\(otherVersion.stdout)")
      #expect(otherVersion.stdout.contains("Cannot ignore version 1.9.0 of users"), "\(otherVersion.stdout)")
      let empty = try await accord(base + ["--ignore", ":1"] + broker)
      #expect(empty.status == 64)
      #expect(empty.stderr.contains("--ignore"))
    }
  }

  @Test("can-i-deploy by branch or latest, can-i-merge against main branches, and --dry-run")
  func versionSelectorsAndMerge() async throws {
    let folder = try contractsFolder()
    try await withBroker { url, store in
      let broker = ["--broker-url", url]
      let published = try await accord(
        ["publish", folder, "--consumer-app-version", "1.0.0", "--branch", "feat/x"] + broker)
      #expect(published.status == 0, "\(published.stderr)")
      _ = try await accord(["create-environment", "--name", "production", "--production"] + broker)
      _ = try await store.saveVersion(VersionChange(pacticipant: "users", number: "2.0.0", branch: "main"))

      // users' main branch has 2.0.0, which has not verified web's pact yet: unknown, so can-i-merge says no (1).
      let notYet = try await accord(["can-i-merge", "--pacticipant", "web", "--branch", "feat/x"] + broker)
      #expect(notYet.status == 1, "\(notYet.stdout)\(notYet.stderr)")
      #expect(
        notYet.stdout.contains("Unknown: web (latest on branch feat/x) with each main branch"), "\(notYet.stdout)")
      let dry = try await accord(["can-i-merge", "--pacticipant", "web", "--latest", "--dry-run"] + broker)
      #expect(dry.status == 0)
      #expect(dry.stdout.contains("dry run"))

      let pact = try #require(try await store.pact(provider: "users", consumer: "web", consumerVersion: "1.0.0"))
      _ = try await store.recordVerification(
        NewVerification(
          provider: "users", consumer: "web", sha: pact.sha,
          providerVersion: VersionChange(pacticipant: "users", number: "2.0.0", branch: "main"), success: true))
      let merge = try await accord(["can-i-merge", "--pacticipant", "web", "--version", "1.0.0"] + broker)
      #expect(merge.status == 0, "\(merge.stdout)\(merge.stderr)")
      #expect(merge.stdout.contains("Yes, you can merge"))
      // users deploys by its main branch: web 1.0.0 is the one in production? No: nothing of web is deployed.
      let deploy = try await accord(
        ["can-i-deploy", "--pacticipant", "users", "--main-branch", "--to-environment", "production"] + broker)
      #expect(deploy.status == 0, "\(deploy.stdout)\(deploy.stderr)")
      #expect(deploy.stdout.contains("Yes, you can deploy: users (latest on its main branch) to production"))

      let noMain = try await accord(
        ["can-i-deploy", "--pacticipant", "web", "--main-branch", "--to-environment", "production"] + broker)
      #expect(noMain.status == 1)
      #expect(noMain.stdout.contains("No version of web from its main branch exists"), "\(noMain.stdout)")
      let twice = try await accord(
        ["can-i-deploy", "--pacticipant", "web", "--version", "1", "--latest", "--to-environment", "production"]
          + broker)
      #expect(twice.status == 64)
      #expect(twice.stderr.contains("give which version, once"))
    }
  }

  @Test("accord stub serves the latest contracts of a provider's consumers from the broker")
  func stubFromTheBroker() async throws {
    let folder = try contractsFolder()
    try await withBroker { url, _ in
      let published = try await accord(["publish", folder, "--consumer-app-version", "1.0.0", "--broker-url", url])
      #expect(published.status == 0, "\(published.stderr)")
      let stub = try AccordProcess.Background(["stub", "--broker-url", url, "--provider-name", "users"])
      defer { stub.interrupt() }
      let banner = try await stub.wait(for: "interactions on http://")
      #expect(banner.contains("Accord stub for web → users: 1 interactions"), "\(banner)")
      let nobody = try await accord(["stub", "--broker-url", url, "--provider-name", "nobody"])
      #expect(nobody.status == 1)
      #expect(nobody.stderr.contains("(--broker-url)") || nobody.stderr.contains("404"), "\(nobody.stderr)")
    }
  }

  @Test("record-release, then record-support-ended; ending it twice says there is nothing to end")
  func supportEnded() async throws {
    try await withBroker { url, store in
      let broker = ["--broker-url", url]
      _ = try await store.saveVersion(VersionChange(pacticipant: "ios", number: "4.2.0"))
      _ = try await accord(["create-environment", "--name", "production", "--production"] + broker)
      let released = try await accord(
        ["record-release", "--pacticipant", "ios", "--version", "4.2.0", "--environment", "production"] + broker)
      #expect(released.status == 0, "\(released.stderr)")
      let ended = try await accord(
        ["record-support-ended", "--pacticipant", "ios", "--version", "4.2.0", "--environment", "production"] + broker)
      #expect(ended.status == 0, "\(ended.stderr)")
      #expect(ended.stdout == "Recorded support ended for ios 4.2.0 in production\n")
      let environment = try #require(try await store.environment(named: "production"))
      #expect(try await store.releasedVersions(environmentID: environment.id, pacticipant: "ios").isEmpty)
      let again = try await accord(
        ["record-support-ended", "--pacticipant", "ios", "--version", "4.2.0", "--environment", "production"] + broker)
      #expect(again.status == 1)
      #expect(again.stderr.contains("has no supported release in production; record-release records one"))
    }
  }

  @Test("publishing different contracts for a published version fails and shows what changed")
  func conflict() async throws {
    let folder = try contractsFolder()
    try await withBroker { url, _ in
      let broker = ["--broker-url", url]
      _ = try await accord(["publish", folder, "--consumer-app-version", "1.0.0"] + broker)
      let file = URL(fileURLWithPath: folder).appendingPathComponent("web-users.json")
      var text = try String(contentsOf: file, encoding: .utf8)
      text = text.replacingOccurrences(of: "a request", with: "another request")
      try text.write(to: file, atomically: true, encoding: .utf8)
      let refused = try await accord(["publish", folder, "--consumer-app-version", "1.0.0"] + broker)
      #expect(refused.status == 1)
      #expect(refused.stderr.contains("409"))
      #expect(refused.stderr.contains("another request"))
    }
  }

  /// ArgumentParser's built-in --version answered any failed parse holding `--version` with the tool's version and
  /// status 0: these lines passed a CI gate without asking the broker anything.
  @Test(
    "a mistake beside --version is a usage error (64), never the tool's version with status 0",
    arguments: [
      ["can-i-deploy", "--pacticipant", "a", "--version", "1", "--to-environment", "x", "--broker-url", "nonsense"],
      [
        "can-i-deploy", "--pacticipant", "a", "--version", "1", "--to-environment", "x", "--broker-url", "http://a",
        "--broker-token", "t", "--broker-username", "u",
      ],
      ["record-deployment", "--pacticipant", "a", "--version", "1", "--environment", "x", "--broker-url", "typo"],
      ["describe-version", "--pacticipant", "a", "--version", "1", "--broker-url", "ftp://a"],
      ["can-i-merge", "--pacticipant", "a", "--version", "1", "--latest", "--broker-url", "http://a"],
    ])
  func versionBesideAMistake(arguments: [String]) async throws {
    let output = try await accord(arguments)
    #expect(output.status == 64, "\(output.stdout)\(output.stderr)")
    #expect(output.stderr.hasPrefix("Error: "), "\(output.stderr)")
    #expect(!output.stdout.contains(AccordVersion.current))
  }

  @Test("accord --version prints the version")
  func version() async throws {
    let output = try await accord(["--version"])
    #expect(output.status == 0)
    #expect(output.stdout == AccordVersion.current + "\n")
  }

  @Test("mistakes name the flag or file and what to do")
  func mistakes() async throws {
    let noURL = try await AccordProcess.run(["list-environments"], timeout: 60)
    #expect(noURL.status == 64)
    #expect(noURL.stderr.contains("--broker-url"))
    let noTarget = try await accord([
      "can-i-deploy", "--pacticipant", "web", "--version", "1", "--broker-url", "http://127.0.0.1:1",
    ])
    #expect(noTarget.stderr.contains("--to-environment"))
    let unreachable = try await accord(["list-environments", "--broker-url", "http://127.0.0.1:1"])
    #expect(unreachable.status == 1)
    #expect(unreachable.stderr.contains("(--broker-url)"))
    let notAPact = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-pact-\(UUID().uuidString).json")
    try Data("{\"hello\": 1}".utf8).write(to: notAPact)
    let published = try await accord(
      ["publish", notAPact.path, "--consumer-app-version", "1", "--broker-url", "http://127.0.0.1:1"])
    #expect(published.status == 1)
    #expect(published.stderr.contains("is not a pact"))
  }
}
