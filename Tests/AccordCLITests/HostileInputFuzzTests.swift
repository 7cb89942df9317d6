import AccordFixtures
import AccordMatching
import AccordModel
import AccordTesting
import Foundation
import HTTPTypes
import Hummingbird
import Testing

/// A seeded, bounded fuzz test: deep, huge and malformed contracts, bodies and requests fed to the codec, the
/// matcher, `accord stub` and `accord verify`. Nothing may crash or hang, and no answer may be a 5xx other than the
/// stub's documented ones (500 "no interaction matches", 501 for a transfer encoding it does not speak).
/// `ACCORD_FUZZ_SEED` picks another seed; the count of inputs tried is printed.
@Suite(.serialized) struct HostileInputFuzzTests {
  static let seed = UInt64(ProcessInfo.processInfo.environment["ACCORD_FUZZ_SEED"] ?? "") ?? 20_261_122

  static let seedContracts: [Data] = {
    let files = Fixtures.referenceContracts.compactMap { try? Fixtures.data($0) }
    return files + HostileInputs.craftedContracts
  }()

  @Test func hostileInputCrashesNothingHangsNothingAndGetsNoUnexpected5xx() async throws {
    var inputs = HostileInputs(seed: Self.seed)
    let codec = codecAndMatcher(&inputs, count: 400)
    let stub = try await stubRequests(&inputs, count: 150)
    let verify = try await verifyRuns(&inputs, count: 12)
    let total = codec + stub.tried + verify.tried
    print(
      "hostile-input fuzz (seed \(Self.seed)): \(total) inputs tried (codec and matcher \(codec), accord stub "
        + "\(stub.tried), accord verify \(verify.tried)); \(stub.problems.count + verify.problems.count) problems")
    #expect(stub.problems.isEmpty, "\(stub.problems.prefix(5))")
    #expect(verify.problems.isEmpty, "\(verify.problems.prefix(5))")
  }

  /// Decodes, re-encodes and matches each input in this process: a crash here fails the whole run.
  func codecAndMatcher(_ inputs: inout HostileInputs, count: Int) -> Int {
    var tried = 0
    for index in 0..<count {
      let seedContract = Self.seedContracts[index % Self.seedContracts.count]
      let data = index < Self.seedContracts.count ? seedContract : inputs.mutate(seedContract)
      tried += 1
      guard let decoded = try? ContractDecoder().decode(data, source: "fuzz.json") else { continue }
      let encoded = ContractEncoder().encode(decoded.contract)
      _ = try? ContractDecoder().decode(encoded, source: "encoded.json")
      for interaction in decoded.contract.interactions.prefix(4) {
        let body = inputs.body()
        let actualBody = Body(data: body.data, contentType: ContentType(body.contentType))
        var notes: [String] = []
        switch interaction.exchange {
        case .http(let request, let response):
          _ = RequestMatcher(expected: request).mismatches(for: request)
          var hostile = request
          hostile.body = actualBody
          hostile.headers["Content-Type"] = [body.contentType]
          _ = RequestMatcher(expected: request).mismatches(for: hostile)
          _ = request.applyingGenerators(GeneratorContext(providerState: ["s": .double(1e30)]), notes: &notes)
          let generated = response.applyingGenerators(
            GeneratorContext(providerState: ["s": .double(.nan)]), notes: &notes)
          _ = ResponseMatcher(expected: response).mismatches(for: generated)
          _ = ResponseMatcher(expected: response).mismatches(
            for: PactResponse(status: 200, headers: ["Content-Type": body.contentType], body: actualBody))
        case .asynchronousMessage(let message):
          _ = MessageMatcher(expected: message).mismatches(for: Message(contents: actualBody))
        case .synchronousMessages(let request, _):
          _ = MessageMatcher(expected: request).mismatches(for: Message(contents: actualBody))
        }
        tried += 1
      }
    }
    return tried
  }

  /// Sends hostile raw requests to a running `accord stub`.
  func stubRequests(_ inputs: inout HostileInputs, count: Int) async throws -> (tried: Int, problems: [String]) {
    let contract = Fixtures.root.appendingPathComponent("pact-files/v4/SwiftPeerConsumer-UserService.json").path
    let stub = try AccordProcess.Background(["stub", "--contract", contract, "--quiet"])
    defer { stub.interrupt() }
    let banner = try await stub.wait(for: "interactions on http://")
    let port = try #require(banner.split(separator: ":").last.flatMap { Int($0.filter(\.isNumber)) })
    var problems: [String] = []
    for _ in 0..<count {
      let (bytes, name) = inputs.request()
      let exchange = RawSocket.exchange(bytes, port: port, timeout: 15)
      if exchange.refused { problems.append("\(name): the stub no longer listens (did it crash?)") }
      if !exchange.closed { problems.append("\(name): no answer and no close within 15 s (a hang)") }
      if let status = exchange.status, status >= 500 {
        let text = String(decoding: exchange.received, as: UTF8.self)
        let documented =
          (status == 500 && text.contains("Accord mock server: no interaction matches"))
          || (status == 501 && text.contains("Transfer-Encoding"))
        if !documented { problems.append("\(name): answered \(status): \(text.prefix(300))") }
      }
    }
    if !stub.process.isRunning { problems.append("accord stub exited: \(stub.text.suffix(500))") }
    return (count, problems)
  }

  /// Runs `accord verify` with hostile contracts against a provider that answers with hostile bodies.
  func verifyRuns(_ inputs: inout HostileInputs, count: Int) async throws -> (tried: Int, problems: [String]) {
    let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
      "accord-fuzz-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let bodies = (0..<8).map { _ in inputs.body() }
    let router = Router()
    router.get("**") { request, _ -> Response in
      let body = bodies[abs(request.uri.path.hashValue) % bodies.count]
      return Response(
        status: .ok, headers: [.contentType: body.contentType], body: .init(byteBuffer: .init(bytes: body.data)))
    }
    var files: [String] = []
    for index in 0..<count {
      let seedContract = Self.seedContracts[index % Self.seedContracts.count]
      let file = directory.appendingPathComponent("c\(index).json")
      try (index % 2 == 0 ? seedContract : inputs.mutate(seedContract)).write(to: file)
      files.append(file.path)
    }
    let problems = try await withProvider(router) { baseURL -> [String] in
      var problems: [String] = []
      for file in files {
        let output = try await AccordProcess.run(
          ["verify", "--contract", file, "--provider-base-url", baseURL, "--request-timeout", "10"], timeout: 120)
        if output.timedOut { problems.append("\(file): accord verify did not finish within 120 s") }
        if output.signalled { problems.append("\(file): accord verify crashed (signal \(output.status))") }
        if ![0, 1].contains(output.status) && !output.signalled {
          problems.append("\(file): accord verify exited \(output.status): \(output.stderr.prefix(300))")
        }
        if output.stderr.contains("Fatal error") { problems.append("\(file): \(output.stderr.prefix(300))") }
      }
      return problems
    }
    return (count, problems)
  }
}
