import Accord
import AsyncHTTPClient
import Foundation

// A stand-in for one test process: runs consumer tests "interaction <first>" … "interaction <first+count-1>" against
// the mock server and records them in one contract, flushing after each so that processes interleave their writes.
//
// usage: accord-contract-stress <contracts-directory> <first> <count>
// STRESS_VARIANT, when set, is added to each example name: a test whose interaction was edited.

let arguments = CommandLine.arguments
guard arguments.count == 4, let first = Int(arguments[2]), let count = Int(arguments[3]) else {
  FileHandle.standardError.write(Data("usage: accord-contract-stress <contracts-directory> <first> <count>\n".utf8))
  exit(2)
}
let pact = Pact(
  consumer: "StressConsumer", provider: "StressProvider",
  contractsDirectory: URL(fileURLWithPath: arguments[1], isDirectory: true))

let variant = ProcessInfo.processInfo.environment["STRESS_VARIANT"] ?? ""
for number in first..<(first + count) {
  try await pact.interaction("interaction \(number)")
    .given("item \(number) exists", ["id": .int(number)])
    .withRequest(.get, "/items/\(number)")
    .willRespond(200, body: ["id": .integer(number), "name": .like("item \(number)\(variant)")])
    .run { baseURL in
      let response = try await HTTPClient.shared.execute(
        HTTPClientRequest(url: baseURL.absoluteString + "/items/\(number)"), timeout: .seconds(10))
      guard response.status == .ok else { throw StressFailure(number: number, status: Int(response.status.code)) }
    }
  try Pact.writeContracts()
}

struct StressFailure: Error {
  var number: Int
  var status: Int
}
