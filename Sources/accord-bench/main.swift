import Foundation

// `swift run -c release accord-bench [case…]`: runs the named cases (all when none are named) and prints a table
// of medians against each issue's goals.

let catalogue: [(name: String, make: () -> Benchmark)] = [
  ("match-json-1mb", MatchingBenchmarks.largeBody),
  ("codec-v4-1000", CodecBenchmarks.thousandInteractions),
]

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains("--help") || arguments.contains("-h") || arguments.contains("--list") {
  print("usage: swift run -c release accord-bench [case…]\n\ncases:")
  for entry in catalogue { print("  \(entry.name)") }
  exit(0)
}
let unknown = arguments.filter { name in !catalogue.contains { $0.name == name } }
if !unknown.isEmpty {
  let known = catalogue.map(\.name).joined(separator: ", ")
  FileHandle.standardError.write(
    Data("accord-bench: unknown case \(unknown.joined(separator: ", ")); the cases are \(known)\n".utf8))
  exit(2)
}
#if DEBUG
  print("note: this is a debug build; measure with `swift run -c release accord-bench`\n")
#endif

var results: [BenchmarkResult] = []
for entry in catalogue where arguments.isEmpty || arguments.contains(entry.name) {
  let benchmark = entry.make()
  do {
    results.append(BenchmarkResult(benchmark: benchmark, samples: try benchmark.measure()))
  } catch {
    FileHandle.standardError.write(Data("accord-bench: \(benchmark.name) failed: \(error)\n".utf8))
    exit(1)
  }
}
print(Table.render(results))
exit(results.allSatisfy { $0.verdict != "MISSED" } ? 0 : 1)
