import Foundation
import SampleSystem
import UnixSignals

// `swift run sample-services [DIRECTORY]`: every sample service on a free port of 127.0.0.1, wired together, until
// Ctrl-C. Each keeps its data in DIRECTORY/<service>.sqlite (memory when no DIRECTORY is given).
let arguments = CommandLine.arguments.dropFirst()
if arguments.contains(where: { $0 == "-h" || $0 == "--help" }) {
  print("usage: sample-services [DIRECTORY]   (every sample service, wired together, until Ctrl-C)")
  exit(0)
}
let directory = arguments.first.map { URL(fileURLWithPath: $0, isDirectory: true) }
if let directory { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }
let system = try await SampleSystem.start(directory: directory)
for service in system.services { print("\(service.name) on \(service.baseURL)") }
print("Ctrl-C stops them.")
fflush(nil)
for await _ in await UnixSignalsSequence(trapping: .sigint, .sigterm) { break }
await system.stop()
