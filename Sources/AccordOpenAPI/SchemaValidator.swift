import AccordMatching
import AccordModel
import Foundation
import OpenAPIKit

/// Checks a JSON value against an OpenAPI 3.1 schema, following `$ref`s into the document's components.
///
/// Which way the value travels matters: in a request, a `readOnly` property need not be sent; in a response, a
/// `writeOnly` one is not sent, and a property the schema does not define is one the consumer reads but the
/// provider does not promise (``SchemaViolation/Kind/undeclaredProperty``), whatever `additionalProperties` says.
///
/// ```swift
/// let validator = document.validator(.response)
/// validator.violations(of: body, against: schema, at: "$.paths['/items'].get.responses['200']...")
/// ```
struct SchemaValidator {
  enum Direction {
    case request
    case response
    /// JSON Schema as it is: no allowance for `readOnly` or `writeOnly`, and a property the schema does not define
    /// is refused only by `additionalProperties: false` (what a reference validator does).
    case neutral
  }

  let components: OpenAPI.Components
  let direction: Direction
  /// Whether `1.0` is an integer: in OpenAPI 3.1 (JSON Schema 2020-12) it is; in 3.0 (draft 4's rules) it is not.
  var integralNumbersAreIntegers = true

  /// How deep schemas (through `$ref`s) and values are followed: a recursive schema meets a finite value, but a
  /// hostile one must not exhaust the stack.
  static let maximumDepth = 64

  func violations(of value: JSONValue, against schema: JSONSchema, at schemaPath: String, valuePath: String = "$")
    -> [SchemaViolation]
  {
    var found: [SchemaViolation] = []
    check(value, schema, schemaPath, valuePath, depth: 0, declaredElsewhere: [], into: &found)
    return found
  }

  // MARK: - The walk

  private func check(
    _ value: JSONValue, _ schema: JSONSchema, _ schemaPath: String, _ valuePath: String, depth: Int,
    declaredElsewhere: Set<String>, into found: inout [SchemaViolation]
  ) {
    guard depth < Self.maximumDepth else {
      found.append(
        SchemaViolation(
          kind: .unresolvable, valuePath: valuePath, schemaPath: schemaPath,
          message: "the schema nests (or refers to itself) more than \(Self.maximumDepth) levels deep here"))
      return
    }
    func add(_ kind: SchemaViolation.Kind, _ message: String) {
      found.append(SchemaViolation(kind: kind, valuePath: valuePath, schemaPath: schemaPath, message: message))
    }
    // Null passes a typed schema that allows it (3.0's `nullable`, 3.1's `type: [T, "null"]`) before its `enum`;
    // a composition or a reference decides by its parts.
    if case .null = value, schema.isNull || (Self.isTyped(schema) && schema.nullable) { return }
    if let allowed = schema.allowedValues, !allowed.isEmpty {
      let values = allowed.map { Self.json($0.value) }
      if !values.contains(where: { Self.equal($0, value) }) {
        add(.enum, "\(Self.shown(value)) is not one of \(values.map(Self.shown).joined(separator: ", "))")
      }
    }
    switch schema.value {
    case .reference(let reference, _):
      guard let name = reference.name, let target = try? components.lookupOnce(schema) else {
        add(.unresolvable, "\(reference.absoluteString) names no schema in the document's components")
        return
      }
      check(
        value, target, JSONPathText.member("$.components.schemas", name), valuePath, depth: depth + 1,
        declaredElsewhere: declaredElsewhere, into: &found)
    case .fragment:
      return
    case .null:
      add(.type, "\(Self.shown(value)) where the schema allows only null")
    case .boolean:
      if case .bool = value { return }
      add(.type, typeMessage(value, "a boolean", schema))
    case .integer(let core, let context):
      let integral: Bool
      switch value {
      case .int: integral = true
      case .double: integral = integralNumbersAreIntegers && value.intValue != nil
      default: integral = false
      }
      guard integral, let number = value.intValue else {
        add(.type, typeMessage(value, "an integer", schema))
        return
      }
      if core.format == .int32, !(Int(Int32.min)...Int(Int32.max)).contains(number) {
        add(.format, "\(number) is outside the range of format int32")
      }
      bounds(
        Double(number), minimum: context.minimum.map { (Double($0.value), $0.exclusive) },
        maximum: context.maximum.map { (Double($0.value), $0.exclusive) },
        multipleOf: context.multipleOf.map(Double.init), add)
    case .number(_, let context):
      guard let number = value.doubleValue, value.isNumber else {
        add(.type, typeMessage(value, "a number", schema))
        return
      }
      bounds(
        number, minimum: context.minimum.map { ($0.value, $0.exclusive) },
        maximum: context.maximum.map { ($0.value, $0.exclusive) }, multipleOf: context.multipleOf, add)
    case .string(let core, let context):
      guard case .string(let text) = value else {
        add(.type, typeMessage(value, "a string", schema))
        return
      }
      let length = text.unicodeScalars.count
      if length < context.minLength { add(.constraint, "\(Self.shown(value)) is shorter than \(context.minLength)") }
      if let maximum = context.maxLength, length > maximum {
        add(.constraint, "a string of \(length) characters is longer than \(maximum)")
      }
      if let pattern = context.pattern, PatternSearch.found(pattern, in: text) == false {
        add(.constraint, "\(Self.shown(value)) does not match the pattern /\(pattern)/")
      }
      if let format = core.formatString, let problem = StringFormat.problem(text, format: format) {
        add(.format, problem)
      }
    case .array(_, let context):
      guard case .array(let elements) = value else {
        add(.type, typeMessage(value, "an array", schema))
        return
      }
      if elements.count < context.minItems {
        add(.constraint, "an array of \(elements.count) items where at least \(context.minItems) are required")
      }
      if let maximum = context.maxItems, elements.count > maximum {
        add(.constraint, "an array of \(elements.count) items where at most \(maximum) are allowed")
      }
      if context.uniqueItems {
        for (index, element) in elements.enumerated()
        where elements[..<index].contains(where: { Self.equal($0, element) }) {
          add(.constraint, "item \(index) repeats an earlier item where the items must be unique")
          break
        }
      }
      let prefix = context.prefixItems ?? []
      for (index, element) in elements.enumerated() {
        let itemSchema: JSONSchema?
        let itemPath: String
        if index < prefix.count {
          itemSchema = prefix[index]
          itemPath = JSONPathText.index(schemaPath + ".prefixItems", index)
        } else {
          itemSchema = context.items
          itemPath = schemaPath + ".items"
        }
        if let itemSchema {
          check(
            element, itemSchema, itemPath, JSONPathText.index(valuePath, index), depth: depth + 1,
            declaredElsewhere: [], into: &found)
        }
      }
    case .object(_, let context):
      guard case .object(let members) = value else {
        add(.type, typeMessage(value, "an object", schema))
        return
      }
      object(members, context, schemaPath, valuePath, depth: depth, declaredElsewhere: declaredElsewhere, into: &found)
    case .all(let schemas, _):
      // A property one part defines is defined for all of them: `allOf` composes an object from parts.
      let declared = declaredElsewhere.union(schemas.flatMap { propertyNames($0, depth: depth) })
      for (index, part) in schemas.enumerated() {
        check(
          value, part, JSONPathText.index(schemaPath + ".allOf", index), valuePath, depth: depth + 1,
          declaredElsewhere: declared, into: &found)
      }
    case .one(let schemas, _):
      let results = schemas.enumerated().map { index, part in
        violationsOf(value, part, JSONPathText.index(schemaPath + ".oneOf", index), valuePath, depth, declaredElsewhere)
      }
      let passing = results.filter(\.isEmpty).count
      if passing == 0 {
        add(.composition, "matches none of the \(schemas.count) schemas of oneOf" + Self.closest(results))
      } else if passing > 1 {
        add(.composition, "matches \(passing) of the schemas of oneOf, where exactly one must match")
      }
    case .any(let schemas, _):
      let results = schemas.enumerated().map { index, part in
        violationsOf(value, part, JSONPathText.index(schemaPath + ".anyOf", index), valuePath, depth, declaredElsewhere)
      }
      if !results.contains(where: \.isEmpty) {
        add(.composition, "matches none of the \(schemas.count) schemas of anyOf" + Self.closest(results))
      }
    case .not(let excluded, _):
      if violationsOf(value, excluded, schemaPath + ".not", valuePath, depth, declaredElsewhere).isEmpty {
        add(.composition, "\(Self.shown(value)) matches the schema under `not`")
      }
    }
  }

  private func violationsOf(
    _ value: JSONValue, _ schema: JSONSchema, _ schemaPath: String, _ valuePath: String, _ depth: Int,
    _ declaredElsewhere: Set<String>
  ) -> [SchemaViolation] {
    var found: [SchemaViolation] = []
    check(value, schema, schemaPath, valuePath, depth: depth + 1, declaredElsewhere: declaredElsewhere, into: &found)
    return found
  }

  private func object(
    _ members: JSONObject, _ context: JSONSchema.ObjectContext, _ schemaPath: String, _ valuePath: String,
    depth: Int, declaredElsewhere: Set<String>, into found: inout [SchemaViolation]
  ) {
    for (name, propertySchema) in context.properties where propertySchema.required && members[name] == nil {
      // A request need not send what only the provider writes; a response does not carry what only clients write.
      if direction == .request && propertySchema.readOnly { continue }
      if direction == .response && propertySchema.writeOnly { continue }
      found.append(
        SchemaViolation(
          kind: .required, valuePath: valuePath, schemaPath: JSONPathText.member(schemaPath + ".properties", name),
          message: "the required property \(PrintSafe.quoted(name)) is missing"))
    }
    if members.count < context.minProperties {
      found.append(
        SchemaViolation(
          kind: .constraint, valuePath: valuePath, schemaPath: schemaPath,
          message: "an object of \(members.count) properties where at least \(context.minProperties) are required"))
    }
    if let maximum = context.maxProperties, members.count > maximum {
      found.append(
        SchemaViolation(
          kind: .constraint, valuePath: valuePath, schemaPath: schemaPath,
          message: "an object of \(members.count) properties where at most \(maximum) are allowed"))
    }
    for (name, member) in members {
      let memberPath = JSONPathText.member(valuePath, name)
      if let propertySchema = context.properties[name] {
        check(
          member, propertySchema, JSONPathText.member(schemaPath + ".properties", name), memberPath,
          depth: depth + 1, declaredElsewhere: [], into: &found)
        continue
      }
      let patterned = context.patternProperties.filter { PatternSearch.found($0.key, in: name) == true }
      if !patterned.isEmpty {
        for (pattern, propertySchema) in patterned {
          check(
            member, propertySchema, JSONPathText.member(schemaPath + ".patternProperties", pattern), memberPath,
            depth: depth + 1, declaredElsewhere: [], into: &found)
        }
        continue
      }
      switch context.additionalProperties {
      case .b(let additional)?:
        check(
          member, additional, schemaPath + ".additionalProperties", memberPath, depth: depth + 1,
          declaredElsewhere: [], into: &found)
      case .a(false)?:
        if !declaredElsewhere.contains(name) {
          found.append(
            SchemaViolation(
              kind: .undeclaredProperty, valuePath: memberPath, schemaPath: schemaPath,
              message: "the property \(PrintSafe.quoted(name)) is not allowed (additionalProperties: false)"))
        }
      case .a(true)?, nil:
        if direction == .response && !declaredElsewhere.contains(name) {
          found.append(
            SchemaViolation(
              kind: .undeclaredProperty, valuePath: memberPath, schemaPath: schemaPath,
              message: "the property \(PrintSafe.quoted(name)) is not defined by the schema: the provider does not "
                + "promise to send it"))
        }
      }
    }
  }

  /// The property names a schema defines, through `$ref` and nested `allOf`.
  private func propertyNames(_ schema: JSONSchema, depth: Int) -> [String] {
    guard depth < Self.maximumDepth else { return [] }
    switch schema.value {
    case .object(_, let context):
      return Array(context.properties.keys)
    case .reference:
      guard let target = try? components.lookupOnce(schema) else { return [] }
      return propertyNames(target, depth: depth + 1)
    case .all(let schemas, _), .one(let schemas, _), .any(let schemas, _):
      return schemas.flatMap { propertyNames($0, depth: depth + 1) }
    default:
      return []
    }
  }

  private func bounds(
    _ number: Double, minimum: (Double, Bool)?, maximum: (Double, Bool)?, multipleOf: Double?,
    _ add: (SchemaViolation.Kind, String) -> Void
  ) {
    let shown = Self.shown(number)
    if let (bound, exclusive) = minimum, exclusive ? number <= bound : number < bound {
      add(.constraint, "\(shown) is below the \(exclusive ? "exclusive " : "")minimum \(Self.shown(bound))")
    }
    if let (bound, exclusive) = maximum, exclusive ? number >= bound : number > bound {
      add(.constraint, "\(shown) is above the \(exclusive ? "exclusive " : "")maximum \(Self.shown(bound))")
    }
    if let multipleOf, multipleOf > 0 {
      // As the reference validators decide it: exactly for integers, by the quotient's fraction otherwise.
      let failed: Bool
      if multipleOf.rounded() == multipleOf, number.rounded() == number, abs(number) < 9e15, multipleOf < 9e15 {
        failed = Int(number) % Int(multipleOf) != 0
      } else {
        let quotient = number / multipleOf
        failed = !quotient.isFinite || quotient.rounded(.towardZero) != quotient
      }
      if failed { add(.constraint, "\(shown) is not a multiple of \(Self.shown(multipleOf))") }
    }
  }

  private func typeMessage(_ value: JSONValue, _ expected: String, _ schema: JSONSchema) -> String {
    if case .null = value { return "null where the schema wants \(expected) and does not allow null" }
    return "\(Self.typeName(value)) \(Self.shown(value)) where the schema wants \(expected)"
  }

  /// A schema of one JSON type (not a composition, a reference or an untyped fragment).
  static func isTyped(_ schema: JSONSchema) -> Bool {
    switch schema.value {
    case .boolean, .integer, .number, .string, .array, .object: return true
    default: return false
    }
  }

  // MARK: - Values

  static func typeName(_ value: JSONValue) -> String {
    switch value {
    case .null: return "null"
    case .bool: return "a boolean"
    case .int: return "an integer"
    case .double(let number): return number.rounded() == number ? "an integer" : "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }

  static func shown(_ value: JSONValue) -> String {
    let text = value.serialized()
    let scalars = text.unicodeScalars
    guard scalars.count > 80 else { return PrintSafe.escaped(text) }
    return PrintSafe.escaped(String(String.UnicodeScalarView(scalars.prefix(77)))) + "…"
  }

  static func shown(_ number: Double) -> String {
    number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
  }

  /// JSON equality, where 1 and 1.0 are equal.
  static func equal(_ left: JSONValue, _ right: JSONValue) -> Bool {
    switch (left, right) {
    case (.int, .int), (.int, .double), (.double, .int), (.double, .double):
      return left.doubleValue == right.doubleValue
    case (.array(let a), .array(let b)):
      return a.count == b.count && zip(a, b).allSatisfy(equal)
    case (.object(let a), .object(let b)):
      return a.count == b.count && a.allSatisfy { key, value in b[key].map { equal(value, $0) } ?? false }
    default:
      return left == right
    }
  }

  /// A value OpenAPIKit decoded as `Any` (an `enum` entry, an example), as JSON.
  static func json(_ value: Any?) -> JSONValue {
    switch value {
    case nil, is NSNull: return .null
    case let bool as Bool: return .bool(bool)
    case let int as Int: return .int(int)
    case let double as Double: return .double(double)
    case let string as String: return .string(string)
    case let array as [Any?]: return .array(array.map(json))
    case let object as [String: Any?]: return .object(JSONObject(object.mapValues(json)))
    case let wrapped as AnyCodable: return json(wrapped.value)
    default: return .string(String(describing: value!))
    }
  }

  /// For a composition no part of which matched: the part that came closest, and its first violation.
  private static func closest(_ results: [[SchemaViolation]]) -> String {
    guard let best = results.enumerated().min(by: { $0.element.count < $1.element.count }),
      let first = best.element.first
    else { return "" }
    return "; the closest (\(best.offset)) fails at \(first.valuePath): \(first.message)"
  }
}
