import Foundation
import SampleKit
import SampleSystem
import UnixSignals

// `swift run sample-services [DIRECTORY]`: every sample service on a free port of 127.0.0.1, wired together, until
// Ctrl-C; each keeps its data in DIRECTORY/<service>.sqlite (memory when no DIRECTORY is given).
// `swift run sample-services SERVICE [--port N] [--database FILE] [--peer NAME=URL …]`: one service on its own.
let usage = """
  usage: sample-services [DIRECTORY]
           every sample service on a free port of 127.0.0.1, wired together, until Ctrl-C
         sample-services SERVICE [--host H] [--port N] [--database FILE] [--peer NAME=URL ...]
                         [--timeout SECONDS] [--interval SECONDS]
           one service (\(ServiceLauncher.peersNeeded.keys.sorted().joined(separator: ", "))), until Ctrl-C;
           --peer gives the URL of each service it calls; order-saga and order-service take --timeout (one call
           to a peer) and --interval (the saga's recovery, the outbox relay)
  """

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("sample-services: error: \(message)\n\(usage)\n".utf8))
  exit(2)
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains(where: { $0 == "-h" || $0 == "--help" }) {
  print(usage)
  exit(0)
}

var running: [RunningService] = []
if let name = arguments.first, ServiceLauncher.peersNeeded[name] != nil {
  var (host, port, database, peers) = ("127.0.0.1", 0, String?.none, [String: String]())
  var tuning = ServiceLauncher.Tuning()
  func seconds(_ flag: String, _ value: String) -> Duration {
    guard let number = Double(value), number > 0, number <= 3600 else {
      fail("\(flag) must be a number of seconds above 0 and up to 3600, as in \(flag) 0.5")
    }
    return .milliseconds(Int64((number * 1000).rounded(.up)))
  }
  var rest = arguments.dropFirst()[...]
  while let flag = rest.popFirst() {
    guard let value = rest.popFirst() else { fail("\(flag) needs a value") }
    switch flag {
    case "--host": host = value
    case "--port":
      guard let number = Int(value), (0...65535).contains(number) else { fail("--port must be from 0 to 65535") }
      port = number
    case "--database": database = value
    case "--timeout": tuning.timeout = seconds(flag, value)
    case "--interval": tuning.interval = seconds(flag, value)
    case "--peer":
      guard let equals = value.firstIndex(of: "="), value[value.index(after: equals)...].hasPrefix("http") else {
        fail("--peer \"\(value)\" is not NAME=URL; give one like --peer user-service=http://127.0.0.1:8081")
      }
      peers[String(value[..<equals])] = String(value[value.index(after: equals)...])
    default: fail("unknown option \(flag)")
    }
  }
  do {
    running = [
      try await ServiceLauncher.start(
        name, host: host, port: port, database: database, peers: peers, tuning: tuning)
    ]
  } catch {
    fail("\(error)")
  }
} else {
  if arguments.count > 1 || arguments.first?.hasPrefix("-") == true {
    fail("give a directory, or a service name first")
  }
  let directory = arguments.first.map { URL(fileURLWithPath: $0, isDirectory: true) }
  if let directory { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }
  running = try await SampleSystem.start(directory: directory).services
}
for service in running { print("\(service.name) on \(service.baseURL)") }
print("Ctrl-C stops \(running.count == 1 ? "it" : "them").")
fflush(nil)
for await _ in await UnixSignalsSequence(trapping: .sigint, .sigterm) { break }
for service in running.reversed() { await service.stop() }
