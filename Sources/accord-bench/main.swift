import Foundation

// `swift run -c release accord-bench [case…]`: runs the named cases (all when none are named) and prints a table of
// medians against each issue's goals, with the Pact reference tools beside ours where an issue asks for it.

let catalogue: [(name: String, make: () -> Benchmark)] =
  [
    ("match-json-1mb", MatchingBenchmarks.largeBody),
    ("codec-v4-1000", CodecBenchmarks.thousandInteractions),
    ("mock-per-test", MockServerBenchmarks.perTest),
    ("mock-request-1", { MockServerBenchmarks.latency(1) }),
    ("mock-request-100", { MockServerBenchmarks.latency(100) }),
    ("mock-request-1000", { MockServerBenchmarks.latency(1000) }),
    ("mock-throughput", MockServerBenchmarks.throughput),
    ("verify-1000", VerifierBenchmarks.thousandInteractions),
    ("stub-memory", StubMemoryBenchmark.unmatchedUploads),
    ("compare-200x500", OpenAPIBenchmarks.compare),
    ("web-index-200", { WebBenchmarks.page("web-index-200", "/", "web page: the integrations index at 200 services") }),
    (
      "web-graph-200",
      { WebBenchmarks.page("web-graph-200", "/ui/graph", "web page: the dependency graph of 200 services (SVG)") }
    ),
    (
      "web-service-200",
      {
        WebBenchmarks.page(
          "web-service-200", "/ui/pacticipants/orders",
          "web page: a service's page at 200 services (neighbours, can-i-deploy, versions)")
      }
    ),
    (
      "web-diff-200",
      {
        WebBenchmarks.page(
          "web-diff-200", WebBenchmarks.diffPath, "web page: a diff between two versions of a contract, 200 services")
      }
    ),
  ] + BrokerBenchmarks.cases(.sqlite) + BrokerBenchmarks.cases(.postgres)

let arguments = Array(CommandLine.arguments.dropFirst())
let options = arguments.filter { $0.hasPrefix("-") }
let names = arguments.filter { !$0.hasPrefix("-") }
if options.contains("--help") || options.contains("-h") || options.contains("--list") {
  print(
    """
    usage: swift run -c release accord-bench [--no-reference] [--no-limit] [case…]

    Runs the cases (all when none are named) and prints their medians against the issues' goals. The Pact reference
    tools are measured beside ours when `pact` is found (ACCORD_PACT_CLI, or .build/ci-venv/bin/pact as .ci/pact-tools
    installs it); otherwise the issue's figure is shown. The mock server's figures are also shown against the limit of
    the machine: a bare Hummingbird and a bare SwiftNIO server answering a fixed body, measured alike in the same run
    (--no-limit skips them), as a factor where above 1× is ahead. Throughput needs wrk (apt-get install wrk). The
    broker-postgres-* cases run when ACCORD_BENCH_POSTGRES_URL names a PostgreSQL server (.ci/postgres starts one).

    cases:
    """)
  for entry in catalogue { print("  \(entry.name)") }
  exit(0)
}
let unknown = names.filter { name in !catalogue.contains { $0.name == name } }
if !unknown.isEmpty {
  let known = catalogue.map(\.name).joined(separator: ", ")
  FileHandle.standardError.write(
    Data("accord-bench: unknown case \(unknown.joined(separator: ", ")); the cases are \(known)\n".utf8))
  exit(2)
}
#if DEBUG
  print("note: this is a debug build; measure with `swift run -c release accord-bench`\n")
#endif

var rows: [Table.Row] = []
for entry in catalogue where names.isEmpty || names.contains(entry.name) {
  let benchmark = entry.make()
  do {
    let ours = try await benchmark.measure()
    var reference = benchmark.referenceFigure ?? "—"
    if let measureReference = benchmark.reference, !options.contains("--no-reference") {
      do {
        let pact = try await measureReference()
        reference = pact.text + " (pact, measured; accord \(Table.factor(ours.advantage(over: pact))))"
      } catch is ReferenceUnavailable {
        // Not installed here: keep the issue's figure.
      } catch {
        reference = "failed: \(error)"
      }
    }
    var limits: [String] = []
    if !options.contains("--no-limit") {
      for limit in benchmark.limits {
        let measured = try await limit.measure()
        limits.append("\(limit.name) \(measured.text) (accord \(Table.factor(ours.advantage(over: measured))))")
      }
    }
    rows.append(
      Table.Row(
        benchmark: benchmark, ours: ours, reference: reference,
        limits: limits.isEmpty ? "—" : limits.joined(separator: ", ")))
  } catch {
    FileHandle.standardError.write(Data("accord-bench: \(benchmark.name) failed: \(error)\n".utf8))
    exit(1)
  }
}
print(Table.render(rows))
exit(rows.allSatisfy { row in row.benchmark.goal.map { $0.isMet(by: row.ours) } ?? true } ? 0 : 1)
