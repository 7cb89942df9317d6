import AccordModel
import Foundation

/// Issue 2: decoding and encoding a 1,000-interaction V4 contract.
enum CodecBenchmarks {
  static func thousandInteractions() -> Benchmark {
    let interactions = (0..<1_000).map { index -> Interaction in
      Interaction(
        description: "a request for order \(index)",
        providerStates: [ProviderState("order \(index) exists", params: ["id": .int(index)])],
        exchange: .http(
          request: PactRequest(
            method: "GET", path: "/orders/\(index)", query: ["expand": ["lines"]],
            headers: ["Accept": "application/json", "Authorization": "Bearer token"],
            matchingRules: MatchingRules([.header: ["Authorization": RuleList([.regex("Bearer .+")])]]),
            generators: Generators([.path: ["$": .providerState(expression: "/orders/${id}", dataType: nil)]])),
          response: PactResponse(
            status: 200, headers: ["Content-Type": "application/json"],
            body: .json([
              "id": .int(index), "status": "PAID", "total": 99.5, "placedAt": "2024-01-02T03:04:05+0000",
              "lines": [["sku": "AB-12345", "quantity": 2, "price": 49.75]],
            ]),
            matchingRules: MatchingRules([
              .body: [
                "$.id": RuleList([.integer]), "$.status": RuleList([.regex("PAID|OPEN|SHIPPED")]),
                "$.total": RuleList([.decimal]), "$.placedAt": RuleList([.dateTime(format: "yyyy-MM-dd'T'HH:mm:ssZ")]),
                "$.lines": RuleList([.type(min: 1)]), "$.lines[*].sku": RuleList([.regex(#"[A-Z]{2}-\d{5}"#)]),
                "$.lines[*].quantity": RuleList([.integer]),
              ]
            ]))))
    }
    let contract = Contract(consumer: "Checkout", provider: "Orders", interactions: interactions)
    let data = ContractEncoder().encode(contract)
    let kilobytes = data.count / 1024
    return Benchmark(
      name: "codec-v4-1000",
      summary: "decode + encode a V4 contract of 1,000 HTTP interactions (\(kilobytes) KB)",
      goal: Goal(value: 50, unit: .milliseconds)
    ) {
      try await Sampler.median {
        let decoded = try ContractDecoder(parallelism: .cores).decode(data, source: "benchmark")
        let encoded = ContractEncoder(parallelism: .cores).encode(decoded.contract)
        if encoded.count != data.count { throw BenchmarkFailure(message: "the contract did not round-trip") }
      }
    }
  }
}
