import AccordModel
import AccordTesting
import Foundation
import Hummingbird
import Synchronization
import Testing

/// Every command of the built `accord` binary that takes an option naming a resource (`--database`, `--broker-url`,
/// `--port`, `--directory`) uses the value given, not a default: a parent command that declares an option of the
/// same name swallows the subcommand's value (`accord broker clean --database …` once cleaned
/// `./accord-broker.sqlite`). The commands and their options are read from the binary itself, so a new command with
/// such an option fails here until it has a probe.
@Suite("options that name a resource reach the command")
struct ResourceOptionTests {
  static let resourceOptions: Set<String> = ["database", "broker-url", "port", "directory"]

  /// `(command path, option)` for every command of the binary that declares one of ``resourceOptions``.
  static func declared() async throws -> Set<String> {
    let dumped = try await AccordProcess.run(["--experimental-dump-help"], timeout: 60)
    let root = try JSONValue(parsing: Data(dumped.stdout.utf8))
    var found: Set<String> = []
    func walk(_ command: JSONValue, path: [String]) {
      for argument in command["arguments"]?.arrayValue ?? [] {
        for name in argument["names"]?.arrayValue ?? [] where name["kind"]?.stringValue == "long" {
          if let long = name["name"]?.stringValue, resourceOptions.contains(long) {
            found.insert((path + ["--" + long]).joined(separator: " "))
          }
        }
      }
      for sub in command["subcommands"]?.arrayValue ?? [] {
        walk(sub, path: path + [sub["commandName"]?.stringValue ?? "?"])
      }
    }
    walk(root["command"] ?? [:], path: [])
    return found
  }

  /// A probe runs one command with a non-default value for one option and says whether that value was used.
  struct Probe: Sendable {
    var run: @Sendable (Context) async throws -> Bool
  }

  /// What probes share: a folder of their own and an HTTP listener that records the paths it was asked for.
  struct Context: Sendable {
    let folder: URL
    let listener: String
    let requests: RequestLog
  }

  final class RequestLog: Sendable {
    private let paths = Mutex<[String]>([])
    func add(_ path: String) { paths.withLock { $0.append(path) } }
    func contains(prefix: String) -> Bool { paths.withLock { $0.contains { $0.hasPrefix(prefix) } } }
  }

  static func unique() -> String { "probe-" + UUID().uuidString.prefix(8).lowercased() }

  /// A contract file for the commands that need one.
  static func contract(in folder: URL, path: String = "/") throws -> String {
    let pact: JSONValue = [
      "consumer": ["name": "web"], "provider": ["name": "users"],
      "interactions": [
        [
          "description": "a request", "request": ["method": "GET", "path": .string(path)],
          "response": ["status": 200],
        ]
      ],
      "metadata": ["pactSpecification": ["version": "3.0.0"]],
    ]
    let file = folder.appendingPathComponent("web-users.json")
    try pact.data().write(to: file)
    return file.path
  }

  /// Runs `arguments` with `--broker-url` pointing at the listener under a path of its own; true if a request
  /// under that path arrived.
  static func brokerURL(_ arguments: [String]) -> Probe {
    Probe { context in
      let prefix = "/" + unique()
      _ = try await AccordProcess.run(
        arguments + ["--broker-url", context.listener + prefix], timeout: 60,
        environment: ["ACCORD_BROKER_URL": nil, "PACT_BROKER_BASE_URL": nil])
      return context.requests.contains(prefix: prefix)
    }
  }

  /// Starts `arguments` in the background until it prints `ready`; true if `check` then holds.
  static func serving(
    _ arguments: @escaping @Sendable (Context) throws -> [String], ready: String,
    check: @escaping @Sendable (Context, String) async throws -> Bool
  ) -> Probe {
    Probe { context in
      let process = try AccordProcess.Background(try arguments(context), environment: ["ACCORD_BROKER_DATABASE": nil])
      let used = await outcome { try await check(context, try await process.wait(for: ready)) }
      await process.stop()
      return try used.get()
    }
  }

  static let probes: [String: Probe] = [
    "broker serve --database": serving(
      {
        ["broker", "serve", "--port", "0", "--database", "sqlite:" + $0.folder.appendingPathComponent("s.sqlite").path]
      },
      ready: "Accord broker on ",
      check: { context, _ in
        FileManager.default.fileExists(atPath: context.folder.appendingPathComponent("s.sqlite").path)
      }),
    "broker serve --port": Probe { context in
      let port = try FreePort.next()
      let database = "sqlite:" + context.folder.appendingPathComponent("p.sqlite").path
      let process = try AccordProcess.Background(["broker", "--port", "\(port)", "--database", database])
      let printed = await outcome { try await process.wait(for: "Accord broker on ") }
      await process.stop()
      return try printed.get().contains("127.0.0.1:\(port) ")
    },
    "broker clean --database": Probe { context in
      let path = context.folder.appendingPathComponent(unique() + ".sqlite").path
      let output = try await AccordProcess.run(
        ["broker", "clean", "--database", "sqlite:" + path], timeout: 60, directory: context.folder,
        environment: ["ACCORD_BROKER_DATABASE": nil])
      return output.stderr.contains(path)
        && !FileManager.default.fileExists(atPath: context.folder.appendingPathComponent("accord-broker.sqlite").path)
    },
    "stub --port": Probe { context in
      let port = try FreePort.next()
      let contract = try contract(in: context.folder)
      let process = try AccordProcess.Background(["stub", "--port", "\(port)", "--contract", contract])
      let printed = await outcome { try await process.wait(for: "Accord stub for ") }
      await process.stop()
      return try printed.get().contains("127.0.0.1:\(port)")
    },
    "verify --port": Probe { context in
      let path = "/" + unique()
      let contract = try contract(in: context.folder, path: path)
      let port = try #require(URL(string: context.listener)?.port)
      _ = try await AccordProcess.run(
        ["verify", "--contract", contract, "--hostname", "127.0.0.1", "--port", "\(port)"], timeout: 60,
        environment: ["PACT_PROVIDER_PORT": nil, "PACT_PROVIDER_HOSTNAME": nil])
      return context.requests.contains(prefix: path)
    },
    "stub --broker-url": brokerURL(["stub", "--provider-name", "users"]),
    "verify --broker-url": brokerURL(["verify", "--provider", "users", "--provider-base-url", "http://127.0.0.1:9"]),
    "publish --broker-url": Probe { context in
      let prefix = "/" + unique()
      let contract = try contract(in: context.folder)
      _ = try await AccordProcess.run(
        ["publish", contract, "--consumer-app-version", "1", "--broker-url", context.listener + prefix], timeout: 60)
      return context.requests.contains(prefix: prefix)
    },
    "can-i-deploy --broker-url": brokerURL(
      ["can-i-deploy", "--pacticipant", "web", "--version", "1", "--to-environment", "production"]),
    "can-i-merge --broker-url": brokerURL(["can-i-merge", "--pacticipant", "web", "--version", "1"]),
    "record-deployment --broker-url": brokerURL(
      ["record-deployment", "--pacticipant", "web", "--version", "1", "--environment", "production"]),
    "record-undeployment --broker-url": brokerURL(
      ["record-undeployment", "--pacticipant", "web", "--environment", "production"]),
    "record-release --broker-url": brokerURL(
      ["record-release", "--pacticipant", "web", "--version", "1", "--environment", "production"]),
    "record-support-ended --broker-url": brokerURL(
      ["record-support-ended", "--pacticipant", "web", "--version", "1", "--environment", "production"]),
    "create-environment --broker-url": brokerURL(["create-environment", "--name", "production"]),
    "describe-version --broker-url": brokerURL(["describe-version", "--pacticipant", "web", "--version", "1"]),
    "list-environments --broker-url": brokerURL(["list-environments"]),
    "usage --broker-url": brokerURL(["usage", "--provider", "users"]),
    "demo --directory": Probe { context in
      let directory = context.folder.appendingPathComponent("demo")
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      let contracts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("contracts").path
      _ = try await AccordProcess.run(
        ["demo", "--directory", directory.path, "--contracts", contracts], timeout: 300)
      let written = try FileManager.default.contentsOfDirectory(atPath: directory.path)
      return written.contains { $0.hasSuffix(".sqlite") }
    },
  ]

  @Test("every command's resource options are probed, and no probe names an option the binary lacks")
  func everyOptionHasAProbe() async throws {
    let declared = try await Self.declared()
    #expect(!declared.isEmpty)
    #expect(declared.subtracting(Self.probes.keys).sorted() == [], "options without a probe")
    #expect(Set(Self.probes.keys).subtracting(declared).sorted() == [], "probes of options the binary lacks")
  }

  @Test("the value given is the one used", arguments: Self.probes.keys.sorted())
  func valueIsUsed(_ name: String) async throws {
    let probe = try #require(Self.probes[name])
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("accord-options-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let requests = RequestLog()
    let router = Router()
    router.on("**", method: .get) { request, _ in
      requests.add(request.uri.path)
      return Response(status: .notFound)
    }
    for method in [HTTPRequest.Method.post, .put, .patch, .delete] {
      router.on("**", method: method) { request, _ in
        requests.add(request.uri.path)
        return Response(status: .notFound)
      }
    }
    let used = try await withProvider(router) { url in
      try await probe.run(Context(folder: folder, listener: url, requests: requests))
    }
    #expect(used, "\(name): the value given was not the one used")
  }
}
