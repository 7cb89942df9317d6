import Foundation

@testable import AccordModel

/// libFuzzer target: any bytes given to the contract decoder end in a contract or a `ContractError`; a decoded
/// contract encodes, and the encoding decodes again.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzContractDecoder(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let data = Data(bytes: start, count: count)
  guard let decoded = try? ContractDecoder().decode(data, source: "fuzz.json") else { return 0 }
  let encoded = ContractEncoder().encode(decoded.contract)
  do {
    _ = try ContractDecoder().decode(encoded, source: "encoded.json")
  } catch {
    fatalError("Accord could not read back what it wrote: \(error)\n\(String(decoding: encoded, as: UTF8.self))")
  }
  return 0
}
