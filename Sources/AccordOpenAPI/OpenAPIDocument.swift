import AccordModel
import Foundation
import OpenAPIKit
import OpenAPIKit30
import OpenAPIKitCompat
import Yams

/// A provider's OpenAPI document (3.0 or 3.1, JSON or YAML), parsed with OpenAPIKit; 3.0 documents are converted to
/// 3.1, so the comparison reads one model.
///
/// ```swift
/// let document = try OpenAPIDocument(data: yamlBytes, source: "openapi.yaml")
/// document.version  // "3.0.3"
/// ```
public struct OpenAPIDocument: Sendable {
  /// Where the document came from, for messages (a file name).
  public let source: String
  /// The `openapi` version the document declares.
  public let version: String
  let model: OpenAPIKit.OpenAPI.Document

  /// The largest document read: a provider contract is an API description, not a data set.
  public static let maximumSize = 16 * 1024 * 1024

  public init(data: Data, source: String) throws(OpenAPIDocumentError) {
    guard data.count <= Self.maximumSize else {
      throw OpenAPIDocumentError(source: source, message: "the document is over \(Self.maximumSize) bytes")
    }
    let isJSON = data.first { !" \t\r\n\u{FEFF}".utf8.contains($0) } == UInt8(ascii: "{")
    if !isJSON { try Self.checkExpansion(data, source: source) }
    let header: VersionHeader
    do {
      header = try Self.decode(VersionHeader.self, data, isJSON: isJSON)
    } catch {
      throw OpenAPIDocumentError(
        source: source, message: "not a JSON or YAML document (\(Self.describe(error))); check its syntax")
    }
    if let swagger = header.swagger {
      throw OpenAPIDocumentError(
        source: source,
        message: "Swagger \(swagger) is not supported; convert it to OpenAPI 3 (for example with swagger2openapi)")
    }
    guard let version = header.openapi else {
      throw OpenAPIDocumentError(
        source: source, message: "no `openapi` version at the top level; is this an OpenAPI document?")
    }
    self.source = source
    self.version = version
    do {
      if version.hasPrefix("3.0") {
        let old = try Self.decode(OpenAPIKit30.OpenAPI.Document.self, data, isJSON: isJSON)
        model = old.convert(to: .v3_1_0)
      } else if version.hasPrefix("3.1") || version.hasPrefix("3.2") {
        model = try Self.decode(OpenAPIKit.OpenAPI.Document.self, data, isJSON: isJSON)
      } else {
        throw OpenAPIDocumentError(
          source: source, message: "OpenAPI \(version) is not supported; Accord reads OpenAPI 3.0, 3.1 and 3.2")
      }
    } catch let error as OpenAPIDocumentError {
      throw OpenAPIDocumentError(source: source, message: error.message)
    } catch {
      throw OpenAPIDocumentError(source: source, message: Self.describe(error))
    }
  }

  /// A validator for values travelling `direction`, with this document's components and JSON Schema dialect.
  func validator(_ direction: SchemaValidator.Direction) -> SchemaValidator {
    var validator = SchemaValidator(components: model.components, direction: direction)
    validator.integralNumbersAreIntegers = !version.hasPrefix("3.0")
    return validator
  }

  /// How `value` breaks the schema the components name `name`, as plain JSON Schema (no request or response
  /// allowances); `nil` when there is no such schema.
  func violations(of value: JSONValue, againstComponent name: String) -> [SchemaViolation]? {
    guard let key = OpenAPIKit.OpenAPI.ComponentKey(rawValue: name), let schema = model.components.schemas[key]
    else { return nil }
    return validator(.neutral).violations(
      of: value, against: schema, at: JSONPathText.member("$.components.schemas", name))
  }

  private struct VersionHeader: Decodable {
    var openapi: String?
    var swagger: String?
  }

  /// Vendor extensions (`x-…`) are not read: the comparison does not use them, and OpenAPIKit reads them by decoding
  /// every object a second time as a dictionary of anything, which was most of the time a document took.
  private static let userInfo: [CodingUserInfoKey: any Sendable] = [
    OpenAPIKit.VendorExtensionsConfiguration.enabledKey: false
  ]

  private static func decode<T: Decodable>(_ type: T.Type, _ data: Data, isJSON: Bool) throws -> T {
    if isJSON {
      let decoder = JSONDecoder()
      decoder.userInfo = userInfo
      return try decoder.decode(type, from: data)
    }
    return try YAMLDecoder().decode(type, from: data, userInfo: userInfo)
  }

  /// YAML aliases share a subtree that decoding expands at every use: a few lines of nested aliases ("billion
  /// laughs") expand to more values than memory holds. The values are counted as decoding would see them, first.
  private static func checkExpansion(_ data: Data, source: String) throws(OpenAPIDocumentError) {
    let root: Node?
    do {
      root = try Yams.compose(yaml: String(decoding: data, as: UTF8.self))
    } catch {
      throw OpenAPIDocumentError(
        source: source, message: "not a JSON or YAML document (\(describe(error))); check its syntax")
    }
    var budget = maximumValues
    if let root, !fits(root, &budget, depth: 0) {
      throw OpenAPIDocumentError(
        source: source,
        message: "the document expands to more than \(maximumValues) values or nests deeper than \(maximumNesting) "
          + "levels (through YAML aliases?); an API description is far smaller")
    }
  }

  /// The most values (scalars, sequences, mappings, aliases expanded) a YAML document may expand to.
  static let maximumValues = 2_000_000
  /// The deepest a YAML document may nest.
  static let maximumNesting = 256

  private static func fits(_ node: Node, _ budget: inout Int, depth: Int) -> Bool {
    budget -= 1
    guard budget >= 0, depth <= maximumNesting else { return false }
    switch node {
    case .scalar, .alias: return true
    case .sequence(let sequence): return sequence.allSatisfy { fits($0, &budget, depth: depth + 1) }
    case .mapping(let mapping):
      return mapping.allSatisfy { fits($0.key, &budget, depth: depth + 1) && fits($0.value, &budget, depth: depth + 1) }
    }
  }

  /// OpenAPIKit's account of a decoding error (what is wrong, and where), or the error itself.
  private static func describe(_ error: any Error) -> String {
    if error is DecodingError {
      let readable = OpenAPIKit.OpenAPI.Error(from: error)
      let path = readable.codingPathString
      return readable.localizedDescription + (path.isEmpty ? "" : " (at \(path))")
    }
    return String(describing: error)
  }
}

/// Why a provider's OpenAPI document could not be read.
public struct OpenAPIDocumentError: Error, Sendable, CustomStringConvertible {
  public let source: String
  public let message: String

  public var description: String { "\(source): \(message)" }
}
