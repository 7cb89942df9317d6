import AccordModel
import Foundation
import Testing

@testable import AccordOpenAPI

@Suite struct OpenAPIDocumentTests {
  @Test func aJSONDocumentOfVersion31IsRead() throws {
    let json = """
      {"openapi": "3.1.0", "info": {"title": "Items", "version": "1"},
       "paths": {"/items/{id}": {"get": {
         "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
         "responses": {"200": {"description": "an item", "content": {"application/json": {"schema": {
           "type": "object", "properties": {"id": {"type": "integer"}, "note": {"type": ["string", "null"]}}}}}}}}}}}
      """
    let document = try OpenAPIDocument(data: Data(json.utf8), source: "items.json")
    #expect(document.version == "3.1.0")
    let interaction = Interaction(
      description: "an item",
      exchange: .http(
        request: PactRequest(method: "GET", path: "/items/7"),
        response: PactResponse(
          status: 200, headers: ["Content-Type": "application/json"], body: .json(["id": 7, "note": .null]))))
    let report = ContractComparison(document).compare(
      Contract(consumer: "Web", provider: "Items", interactions: [interaction]))
    #expect(report.isCompatible, "type [string, null] admits null: \(report.incompatibilities)")
  }

  @Test(arguments: [
    ("swagger: '2.0'\ninfo: {title: x, version: '1'}\npaths: {}\n", "Swagger 2.0 is not supported"),
    ("openapi: 4.0.0\ninfo: {title: x, version: '1'}\npaths: {}\n", "OpenAPI 4.0.0 is not supported"),
    ("title: not an API\n", "no `openapi` version"),
    ("{\"openapi\": \"3.0.0\", ", "not a JSON or YAML document"),
    ("openapi: 3.0.0\ninfo: {title: x}\npaths: {}\n", "users.yaml"),
  ])
  func aDocumentThatCannotBeReadSaysWhyAndNamesTheFile(text: String, expected: String) {
    #expect {
      try OpenAPIDocument(data: Data(text.utf8), source: "users.yaml")
    } throws: { error in
      let message = "\(error)"
      return message.hasPrefix("users.yaml: ") && message.contains(expected)
    }
  }

  @Test func aMessageIsSkippedWithTheReason() throws {
    let document = try OpenAPIDocument(
      data: Data("openapi: 3.0.0\ninfo: {title: x, version: '1'}\npaths: {}\n".utf8), source: "x.yaml")
    let message = Interaction(
      description: "an event", exchange: .asynchronousMessage(Message(contents: .json(["a": 1]))))
    let report = ContractComparison(document).compare(Contract(consumer: "A", provider: "B", interactions: [message]))
    #expect(report.isCompatible)
    #expect(report.interactions[0].skipped?.contains("HTTP operations only") == true)
  }

  @Test func aSchemaThatRefersToItselfIsFollowedAsFarAsTheValueGoes() throws {
    let yaml = """
      openapi: 3.0.3
      info: {title: Tree, version: "1"}
      paths:
        /tree:
          get:
            responses:
              "200":
                description: a tree
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Node'}
      components:
        schemas:
          Node:
            type: object
            properties:
              name: {type: string}
              children: {type: array, items: {$ref: '#/components/schemas/Node'}}
      """
    let document = try OpenAPIDocument(data: Data(yaml.utf8), source: "tree.yaml")
    func tree(_ depth: Int) -> JSONValue {
      depth == 0 ? ["name": "leaf"] : ["name": "n", "children": [tree(depth - 1)]]
    }
    func interaction(_ body: JSONValue) -> Interaction {
      Interaction(
        description: "a tree",
        exchange: .http(
          request: PactRequest(method: "GET", path: "/tree"),
          response: PactResponse(status: 200, headers: ["Content-Type": "application/json"], body: .json(body))))
    }
    let compare = ContractComparison(document)
    #expect(compare.compare(Contract(consumer: "A", provider: "B", interactions: [interaction(tree(5))])).isCompatible)
    var bad = tree(4)
    bad = ["name": "n", "children": [["name": 1]]]
    let found = compare.compare(Contract(consumer: "A", provider: "B", interactions: [interaction(bad)]))
      .incompatibilities
    #expect(found.map(\.consumerPath) == ["$.interactions[0].response.body.children[0].name"])
    #expect(found.map(\.providerPath) == ["$.components.schemas.Node.properties.name"])
    // A value nested past the limit is reported, not followed until the stack runs out.
    let deep = compare.compare(Contract(consumer: "A", provider: "B", interactions: [interaction(tree(200))]))
    #expect(!deep.isCompatible)
  }
}

@Suite struct HostileDocumentTests {
  @Test func nestedYAMLAliasesAreRefusedBeforeTheyExpand() {
    // Ten levels of ten aliases each: ten billion values once expanded.
    var yaml = "openapi: 3.0.0\ninfo: {title: x, version: '1'}\npaths: {}\nx-0: &a0 [lol]\n"
    for level in 1...10 {
      yaml += "x-\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
    }
    #expect {
      try OpenAPIDocument(data: Data(yaml.utf8), source: "bomb.yaml")
    } throws: { error in
      "\(error)".hasPrefix("bomb.yaml: the document expands to more than")
    }
  }

  @Test func aDocumentNestedTooDeeplyIsRefused() {
    let yaml =
      "openapi: 3.0.0\ninfo: {title: x, version: '1'}\npaths: {}\nx-deep: "
      + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "\n"
    #expect {
      try OpenAPIDocument(data: Data(yaml.utf8), source: "deep.yaml")
    } throws: { error in
      "\(error)".hasPrefix("deep.yaml: ") && "\(error)".contains("deeper")
    }
  }
}
