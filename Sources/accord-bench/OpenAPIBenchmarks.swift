import AccordModel
import AccordOpenAPI
import Foundation

/// Issue 26: `accord compare`'s work — read a 200-operation OpenAPI document (YAML) and a 500-interaction contract,
/// and compare them.
enum OpenAPIBenchmarks {
  /// 100 resources, each with `GET /resourceN/{id}` and `POST /resourceN`, their schemas in components.
  static func document(resources: Int) -> String {
    var paths: [String] = []
    var schemas: [String] = []
    for number in 0..<resources {
      paths.append(
        """
          /resource\(number)/{id}:
            get:
              operationId: get\(number)
              parameters:
                - {name: id, in: path, required: true, schema: {type: integer, minimum: 1}}
                - {name: expand, in: query, schema: {type: string, enum: [lines, owner]}}
              responses:
                "200":
                  description: one
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Resource\(number)'}
                "404": {description: none}
          /resource\(number):
            post:
              operationId: create\(number)
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Resource\(number)'}
              responses:
                "201":
                  description: created
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Resource\(number)'}
        """)
      schemas.append(
        """
            Resource\(number):
              type: object
              required: [id, name]
              properties:
                id: {type: integer, format: int64}
                name: {type: string, minLength: 1, maxLength: 80}
                status: {type: string, enum: [OPEN, PAID, SHIPPED]}
                placedAt: {type: string, format: date-time}
                owner: {type: string, format: email, nullable: true}
                lines:
                  type: array
                  items:
                    type: object
                    properties:
                      sku: {type: string, pattern: '^[A-Z]{2}-[0-9]{5}$'}
                      quantity: {type: integer, minimum: 1}
                      price: {type: number, minimum: 0}
        """)
    }
    return """
      openapi: 3.0.3
      info: {title: Bench, version: "1"}
      servers: [{url: "https://bench.example.com/api"}]
      paths:
      \(paths.joined(separator: "\n"))
      components:
        schemas:
      \(schemas.joined(separator: "\n"))
      """
  }

  static func contract(interactions: Int, resources: Int) -> Data {
    let body: JSONValue = [
      "id": 7, "name": "order 7", "status": "PAID", "placedAt": "2026-12-08T10:00:00Z", "owner": .null,
      "lines": [["sku": "AB-12345", "quantity": 2, "price": 49.75], ["sku": "CD-67890", "quantity": 1, "price": 5]],
    ]
    let all = (0..<interactions).map { index -> Interaction in
      let resource = index % resources
      let create = index % 5 == 4
      return Interaction(
        description: "interaction \(index)",
        exchange: .http(
          request: PactRequest(
            method: create ? "POST" : "GET", path: create ? "/api/resource\(resource)" : "/api/resource\(resource)/7",
            query: create ? Query() : ["expand": ["lines"]],
            headers: create ? ["Content-Type": "application/json"] : ["Accept": "application/json"],
            body: create ? .json(body) : nil),
          response: PactResponse(
            status: create ? 201 : 200, headers: ["Content-Type": "application/json"], body: .json(body))))
    }
    return ContractEncoder().encode(Contract(consumer: "Web", provider: "Bench", interactions: all))
  }

  static func compare() -> Benchmark {
    let yaml = Data(document(resources: 100).utf8)
    let pact = contract(interactions: 500, resources: 100)
    return Benchmark(
      name: "compare-200x500",
      summary: "accord compare's work: read a 200-operation OpenAPI document (YAML, \(yaml.count / 1024) KB) and a "
        + "500-interaction contract, and compare them",
      goal: Goal(value: 50, unit: .milliseconds)
    ) {
      try await Sampler.median(iterations: 21, warmUp: 2) {
        let document = try OpenAPIDocument(data: yaml, source: "bench.yaml")
        let decoded = try ContractDecoder().decode(pact, source: "bench.json")
        let report = ContractComparison(document).compare(decoded.contract)
        guard report.isCompatible, report.interactions.count == 500 else {
          throw BenchmarkFailure(
            message: "the benchmark's contract should be compatible: \(report.incompatibilities.prefix(3))")
        }
      }
    }
  }
}
