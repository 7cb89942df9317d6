import Accord
import AccordModel
import Foundation
import Testing

@Suite struct MessageTests {
  struct OrderPlaced: Decodable, Equatable {
    var orderId: Int
    var total: Double
  }

  @Test func theHandlerReceivesTheExampleMessageAndItIsRecorded() async throws {
    let pact = Pact(consumer: "Billing", provider: "Orders", contractsDirectory: TemporaryContracts.directory())
    let event = try await pact.message("an OrderPlaced event")
      .given("order 7 was placed", ["id": 7])
      .withContent(["orderId": .integer(7), "total": .decimal(12.5)])
      .withMetadata(["topic": "orders", "key": .regex(#"\d+"#, example: "7")])
      .verify { message in
        #expect(message.metadata["topic"] == "orders")
        return try message.decode(OrderPlaced.self)
      }
    #expect(event == OrderPlaced(orderId: 7, total: 12.5))
    try Pact.writeContracts()
    let contract = try ContractDecoder().decode(Data(contentsOf: pact.contractFile)).contract
    guard case .asynchronousMessage(let message) = contract.interactions.first?.exchange else {
      Issue.record("expected a message interaction")
      return
    }
    #expect(message.metadata == ["topic": "orders", "key": "7", "contentType": "application/json"])
    #expect(message.matchingRules[.metadata, "key"] == RuleList([.regex(#"\d+"#)]))
    #expect(message.matchingRules[.body, "$.total"] == RuleList([.decimal]))
  }

  @Test func aThrowingHandlerFailsTheTestAndRecordsNothing() async throws {
    struct Rejected: Error {}
    let pact = Pact(consumer: "Billing", provider: "Orders", contractsDirectory: TemporaryContracts.directory())
    let log = IssueLog()
    try await withKnownIssue {
      try await pact.message("a malformed event").withContent(["x": 1]).verify { _ in throw Rejected() }
    } matching: { issue in
      log.add(issue.comments.map(\.rawValue).joined(), line: nil)
      return true
    }
    #expect(log.all.count == 1, "the handler's error fails the test once: \(log.all)")
    #expect(log.all.contains { $0.hasPrefix("the handler for message \"a malformed event\" threw: Rejected()") })
    try Pact.writeContracts()
    #expect(!FileManager.default.fileExists(atPath: pact.contractFile.path))
  }

  @Test func synchronousMessagesRecordTheRequestAndResponses() async throws {
    let pact = Pact(consumer: "Shop", provider: "Pricing", contractsDirectory: TemporaryContracts.directory())
    let price = try await pact.synchronousMessage("a price query")
      .given("AB-1 is in stock", ["sku": "AB-1"])
      .comment("prices are in euros")
      .withRequest(["sku": "AB-1"])
      .willRespond(["sku": "AB-1", "price": .decimal(9.99)])
      .verify { request, responses in
        #expect(request.json == ["sku": "AB-1"])
        return responses[0].json?["price"]
      }
    #expect(price == 9.99)
    try Pact.writeContracts()
    let contract = try ContractDecoder().decode(Data(contentsOf: pact.contractFile)).contract
    guard case .synchronousMessages(_, let responses) = contract.interactions.first?.exchange else {
      Issue.record("expected a synchronous message interaction")
      return
    }
    #expect(responses.first?.matchingRules[.body, "$.price"] == RuleList([.decimal]))
    #expect(contract.interactions.first?.providerStates == [ProviderState("AB-1 is in stock", params: ["sku": "AB-1"])])
    #expect(contract.interactions.first?.comments["text"] == ["prices are in euros"])
  }
}
