import Dispatch
import Foundation
import Testing

@testable import AccordModel

/// Long interaction lists are decoded and encoded in parts, one per core; the result must be what one pass gives.
@Suite struct LongContractTests {
  /// Four parts on four threads, as `Parallelism.cores` would run them on a four-core machine.
  static let parallel = Parallelism(parts: 4) { count, body in
    DispatchQueue.concurrentPerform(iterations: count, execute: body)
  }

  static func interaction(_ index: Int, matcher: String = "integer", status: JSONValue = 200) -> JSONValue {
    [
      "type": "Synchronous/HTTP", "description": .string("request \(index)"),
      "request": ["method": "GET", "path": .string("/items/\(index)")],
      "response": [
        "status": status,
        "body": ["content": ["id": .int(index)], "contentType": "application/json", "encoded": false],
        "matchingRules": ["body": ["$.id": ["combine": "AND", "matchers": [["match": .string(matcher)]]]]],
      ],
    ]
  }

  static func contract(_ interactions: [JSONValue]) -> Data {
    JSONValue.object([
      "consumer": ["name": "Web"], "provider": ["name": "Items"], "interactions": .array(interactions),
      "metadata": ["pactSpecification": ["version": "4.0"]],
    ]).data()
  }

  @Test(arguments: [1, 199, 200, 450, 1001])
  func aLongContractKeepsItsOrderAndLayout(count: Int) throws {
    let data = Self.contract((0..<count).map { Self.interaction($0) })
    let decoded = try ContractDecoder(parallelism: Self.parallel).decode(data).contract
    #expect(decoded.interactions.map(\.description) == (0..<count).map { "request \($0)" })
    let encoded = ContractEncoder(parallelism: Self.parallel).encode(decoded)
    // The streamed, joined output is laid out exactly as the whole document written at once.
    let whole = try JSONValue(parsing: encoded).data(.pretty) + Data("\n".utf8)
    #expect(encoded == whole)
    #expect(
      try ContractDecoder(parallelism: Self.parallel).decode(encoded).contract.interactions == decoded.interactions)
  }

  @Test func theErrorIsTheEarliestAndWarningsKeepTheirOrder() throws {
    var interactions = (0..<600).map { Self.interaction($0) }
    for index in [520, 40] { interactions[index] = Self.interaction(index, matcher: "mystery") }
    let decoded = try ContractDecoder(parallelism: Self.parallel).decode(Self.contract(interactions))
    #expect(
      decoded.warnings.map(\.path) == [
        "$.interactions[40].response.matchingRules.body['$.id'].matchers[0]",
        "$.interactions[520].response.matchingRules.body['$.id'].matchers[0]",
      ])

    for index in [590, 450, 310] { interactions[index] = Self.interaction(index, status: "OK") }
    #expect {
      try ContractDecoder(parallelism: Self.parallel).decode(Self.contract(interactions), source: "long.json")
    } throws: { error in
      (error as? ContractError)?.description.hasPrefix("long.json: $.interactions[310].response.status:") == true
    }
  }
}
