import AccordModel
import Foundation

/// Contracts from a Pact file, or from every `*.json` file in a directory (not recursive).
///
/// ```swift
/// FileContractSource(path: "contracts/Web-UserService.json")
/// FileContractSource(path: "contracts")
/// ```
public struct FileContractSource: ContractSource {
  public var path: String

  public init(path: String) {
    self.path = path
  }

  public var description: String { path }

  public func contracts() async throws -> [SourcedContract] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw ClientError.file(
        path: path, message: "no such file or directory; give the path of a contract or a folder of them")
    }
    let files: [String]
    if isDirectory.boolValue {
      let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".json") }.sorted()
      files = names.map { (path as NSString).appendingPathComponent($0) }
      if files.isEmpty { throw ClientError.file(path: path, message: "the folder has no .json contracts") }
    } else {
      files = [path]
    }
    return try files.map { file in
      let data: Data
      do {
        data = try Data(contentsOf: URL(fileURLWithPath: file))
      } catch {
        throw ClientError.file(path: file, message: "cannot read the file (\(error.localizedDescription))")
      }
      let decoded: ContractDecoder.Decoded
      do throws(ContractError) {
        decoded = try ContractDecoder(parallelism: .cores).decode(data, source: file)
      } catch {
        throw ClientError.contract(error)
      }
      return SourcedContract(contract: decoded.contract, origin: file, warnings: decoded.warnings)
    }
  }
}
