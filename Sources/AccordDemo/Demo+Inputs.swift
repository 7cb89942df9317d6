import AccordBrokerSQLite
import AccordModel
import Foundation
import SampleSystem

/// What the demo reads and where it writes: the contracts between sample services, and its work directory.
extension Demo {
  /// The contracts between sample services in the contracts directory; others (Accord's own examples) are left out.
  func readContracts() throws -> [DemoContract] {
    let directory = URL(fileURLWithPath: options.contractsDirectory, isDirectory: true)
    let files: [String]
    do {
      files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }
        .sorted()
    } catch {
      throw DemoError(
        step: "reading the contracts",
        message: "there is no contracts directory at \(PrintSafe.quoted(directory.path))",
        hint: "run `swift run accord demo` in the Accord checkout (where Package.swift is), or give --contracts DIR")
    }
    var contracts: [DemoContract] = []
    for file in files {
      let path = directory.appendingPathComponent(file).path
      let content: JSONValue
      do {
        content = try JSONValue(parsing: try Data(contentsOf: URL(fileURLWithPath: path)))
      } catch {
        throw DemoError(
          step: "reading the contracts", message: "\(PrintSafe.quoted(path)) is not JSON: \(error)",
          hint: "run `swift test --filter ConsumerTests` to write it again")
      }
      guard let consumer = content["consumer"]?["name"]?.stringValue,
        let provider = content["provider"]?["name"]?.stringValue
      else {
        throw DemoError(
          step: "reading the contracts", message: "\(PrintSafe.quoted(path)) names no consumer.name or provider.name",
          hint: "run `swift test --filter ConsumerTests` to write it again")
      }
      guard SampleSystem.pacticipants.contains(consumer), SampleSystem.pacticipants.contains(provider) else { continue }
      let interactions = (content["interactions"] ?? content["messages"])?.arrayValue?.count ?? 0
      contracts.append(
        DemoContract(file: file, consumer: consumer, provider: provider, interactions: interactions, content: content))
    }
    guard !contracts.isEmpty else {
      throw DemoError(
        step: "reading the contracts",
        message: "\(PrintSafe.quoted(directory.path)) has no contract between sample services",
        hint: "run `swift test --filter ConsumerTests` to write them")
    }
    return contracts
  }

  func workDirectory() throws -> (URL, temporary: Bool) {
    let url: URL
    let temporary = options.workDirectory == nil
    if let given = options.workDirectory {
      url = URL(fileURLWithPath: given, isDirectory: true)
    } else {
      url = FileManager.default.temporaryDirectory.appendingPathComponent(
        "accord-demo-\(UUID().uuidString.prefix(8).lowercased())", isDirectory: true)
    }
    do {
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
      if !temporary,
        try FileManager.default.contentsOfDirectory(atPath: url.path).contains(where: { $0.hasSuffix(".sqlite") })
      {
        throw DemoError(
          step: "preparing the directory", message: "\(PrintSafe.quoted(url.path)) has a demo in it already",
          hint: "give an empty --directory, or remove its .sqlite files")
      }
    } catch let error as DemoError {
      throw error
    } catch {
      throw DemoError(
        step: "preparing the directory", message: "cannot create \(PrintSafe.quoted(url.path)): \(error)",
        hint: "give a --directory you can write to")
    }
    return (url, temporary)
  }

  /// The broker's SQLite store in the work directory, and its path.
  func brokerStore(in directory: URL) throws -> (SQLiteBrokerStore, String) {
    let path = directory.appendingPathComponent("broker.sqlite").path
    do {
      return (try SQLiteBrokerStore(path: path), path)
    } catch {
      throw DemoError(step: "starting the broker", message: "\(error)", hint: "give another --directory")
    }
  }
}
