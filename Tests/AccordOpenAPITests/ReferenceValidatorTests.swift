import AccordModel
import Foundation
import Testing

@testable import AccordOpenAPI

/// The schema checks against the reference validator (openapi-schema-validator 0.9.0 with its format checker), on a
/// generated corpus of OpenAPI 3.0 and 3.1 schemas and values: `Corpus/generate.py` wrote each case with the
/// reference's verdict, and `.ci/openapi-corpus` regenerates it in CI to show the verdicts are the reference's.
@Suite struct ReferenceValidatorTests {
  static let corpus: [JSONValue] = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "Corpus/schema-corpus.json")
    guard let data = try? Data(contentsOf: url), let document = try? JSONValue(parsing: data) else { return [] }
    return document["cases"]?.arrayValue ?? []
  }()

  /// One document per dialect holding every case's schema as `Root<n>` and its shared schema as `Shared<n>`.
  static func document(_ dialect: String) throws -> OpenAPIDocument {
    var schemas = JSONObject()
    for (number, entry) in corpus.enumerated() where entry["dialect"]?.stringValue == dialect {
      let renamed = { (schema: JSONValue) throws -> JSONValue in
        try JSONValue(
          parsing: schema.serialized().replacingOccurrences(
            of: "#/components/schemas/Shared", with: "#/components/schemas/Shared\(number)"))
      }
      schemas["Root\(number)"] = try renamed(entry["schema"] ?? [:])
      schemas["Shared\(number)"] = try renamed(entry["shared"] ?? [:])
    }
    let document: JSONValue = [
      "openapi": .string(dialect == "3.0" ? "3.0.3" : "3.1.0"), "info": ["title": "corpus", "version": "1"],
      "paths": [:], "components": ["schemas": .object(schemas)],
    ]
    return try OpenAPIDocument(data: Data(document.serialized().utf8), source: "corpus \(dialect)")
  }

  @Test func everyGeneratedCaseGetsTheReferenceVerdict() throws {
    #expect(Self.corpus.count == 1500, "the corpus is read")
    let documents = ["3.0": try Self.document("3.0"), "3.1": try Self.document("3.1")]
    var disagreements: [String] = []
    for (number, entry) in Self.corpus.enumerated() {
      let dialect = entry["dialect"]?.stringValue ?? ""
      let value = try #require(entry["value"])
      let expected = entry["valid"] == .bool(true)
      guard let violations = documents[dialect]?.violations(of: value, againstComponent: "Root\(number)") else {
        disagreements.append("case \(number): no schema Root\(number) in the \(dialect) document")
        continue
      }
      if violations.isEmpty != expected {
        let accord = violations.isEmpty ? "valid" : "invalid: \(violations[0].message) at \(violations[0].valuePath)"
        disagreements.append(
          "case \(number) (\(dialect)): the reference says \(expected ? "valid" : "invalid"), Accord \(accord); "
            + "schema \(entry["schema"]?.serialized() ?? "") value \(value.serialized())")
      }
    }
    let shown = disagreements.prefix(25).joined(separator: "\n")
    #expect(disagreements.isEmpty, "\(disagreements.count) disagreements:\n\(shown)")
  }
}
