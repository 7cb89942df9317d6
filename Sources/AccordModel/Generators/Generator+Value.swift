import Foundation

extension Generator {
  /// The longest string a generator writes (RandomString, RandomHexadecimal, Regex), in characters.
  public static let maximumLength = 65_536
  /// The most digits a RandomDecimal writes.
  public static let maximumDigits = 100

  /// A fresh value replacing `example`. Throws when the generator cannot produce one (a provider-state value is
  /// missing, a pattern is unusable); callers keep the example then.
  ///
  /// ```swift
  /// var random = SystemRandomNumberGenerator()
  /// try Generator.randomInt(min: 1, max: 6).value(replacing: 3, context: GeneratorContext(), using: &random)
  /// ```
  public func value<R: RandomNumberGenerator>(
    replacing example: JSONValue, context: GeneratorContext, using random: inout R
  ) throws(GeneratorError) -> JSONValue {
    switch self {
    case .randomInt(let min, let max):
      guard min <= max else { throw GeneratorError(message: "RandomInt has min \(min) above max \(max)") }
      return .int(Int.random(in: min...max, using: &random))
    case .randomDecimal(let digits):
      let count = Swift.min(Swift.max(digits, 2), Self.maximumDigits)
      var text = String(Int.random(in: 1...9, using: &random))
      for _ in 1..<count { text += String(Int.random(in: 0...9, using: &random)) }
      let point = Int.random(in: 1..<count, using: &random)
      text.insert(".", at: text.index(text.startIndex, offsetBy: point))
      return .double(Double(text) ?? 1.5)
    case .randomHexadecimal(let digits):
      let alphabet = Array("0123456789abcdef")
      let count = Swift.min(Swift.max(digits, 1), Self.maximumLength)
      return .string(String((0..<count).map { _ in alphabet.randomElement(using: &random)! }))
    case .randomString(let size):
      let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
      let count = Swift.min(Swift.max(size, 0), Self.maximumLength)
      return .string(String((0..<count).map { _ in alphabet.randomElement(using: &random)! }))
    case .regex(let pattern):
      do {
        return .string(try RegexStringGenerator(pattern).generate(using: &random))
      } catch {
        throw GeneratorError(message: error.description)
      }
    case .uuid(let format):
      let uuid = UUID().uuidString
      switch format {
      case .simple: return .string(uuid.lowercased().replacingOccurrences(of: "-", with: ""))
      case .lowerCaseHyphenated: return .string(uuid.lowercased())
      case .upperCaseHyphenated: return .string(uuid.uppercased())
      case .urn: return .string("urn:uuid:" + uuid.lowercased())
      }
    case .date(let format, let expression):
      return .string(try Self.temporal(format ?? "yyyy-MM-dd", expression, context))
    case .time(let format, let expression):
      return .string(try Self.temporal(format ?? "HH:mm:ss", expression, context))
    case .dateTime(let format, let expression):
      return .string(try Self.temporal(format ?? "yyyy-MM-dd'T'HH:mm:ssXXX", expression, context))
    case .randomBoolean:
      return .bool(Bool.random(using: &random))
    case .providerState(let expression, let dataType):
      return try ProviderStateExpression.evaluate(expression, dataType: dataType, values: context.providerState)
    case .mockServerURL(let example, let regex):
      guard let base = context.mockServerURL else {
        throw GeneratorError(message: "MockServerURL needs the mock server's URL, which is only known while it runs")
      }
      return .string(try Self.mockServerURL(example: example, regex: regex, base: base, context: context))
    case .unknown(let type, _):
      throw GeneratorError(message: "the generator \"\(type)\" is not known to this version of Accord")
    }
  }

  private static func temporal(_ format: String, _ expression: String?, _ context: GeneratorContext)
    throws(GeneratorError)
    -> String
  {
    let date =
      try expression.map { (text) throws(GeneratorError) in try DateExpression.evaluate(text, now: context.now) }
      ?? context.now
    do {
      return try DateTimePattern(format).format(date)
    } catch {
      throw GeneratorError(message: error.description)
    }
  }

  /// Keeps what the regex's groups capture from the example (the path) and puts the mock server's URL before it.
  private static func mockServerURL(
    example: String, regex: String, base: String, context: GeneratorContext
  ) throws(GeneratorError) -> String {
    guard let captures = context.captures else {
      throw GeneratorError(
        message: "the MockServerURL generator needs the matcher's regex engine; give the GeneratorContext captures")
    }
    guard let groups = try captures(regex, example).get() else {
      throw GeneratorError(message: "the MockServerURL regex /\(regex)/ does not match its example \(example)")
    }
    let kept = groups.dropFirst().compactMap { $0 }.joined()
    let trimmedBase = base.hasSuffix("/") ? String(base.dropLast()) : base
    return trimmedBase + (kept.hasPrefix("/") || kept.isEmpty ? kept : "/" + kept)
  }
}

/// `${name}` substitution for ProviderState generators.
public enum ProviderStateExpression {
  /// Replaces each `${name}` with the provider-state value; an expression that is exactly one `${name}` keeps the
  /// value's JSON type unless `dataType` says otherwise.
  public static func evaluate(
    _ expression: String, dataType: GeneratorDataType?, values: [String: JSONValue]
  ) throws(GeneratorError) -> JSONValue {
    var result = ""
    var single: JSONValue?
    var rest = Substring(expression)
    var placeholders = 0
    while let start = rest.range(of: "${") {
      result += rest[..<start.lowerBound]
      guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
        throw GeneratorError(message: "the expression \"\(expression)\" has an unclosed ${")
      }
      let name = String(rest[start.upperBound..<end])
      guard let value = values[name] else {
        let known = values.keys.sorted().joined(separator: ", ")
        throw GeneratorError(
          message: "the provider state gave no value for \"\(name)\" (used in \"\(expression)\"); "
            + (known.isEmpty ? "the state setup returned no values" : "it returned \(known)"))
      }
      placeholders += 1
      single = value
      result += value.plainText
      rest = rest[rest.index(after: end)...]
    }
    result += rest
    let isSinglePlaceholder = placeholders == 1 && expression.hasPrefix("${") && expression.hasSuffix("}")
    switch dataType {
    case .integer:
      guard let number = Int(result) ?? Double(result).flatMap({ Int(exactly: $0.rounded(.towardZero)) }) else {
        throw GeneratorError(message: "\"\(result)\" from \"\(expression)\" is not an integer")
      }
      return .int(number)
    case .decimal, .float:
      guard let number = Double(result) else {
        throw GeneratorError(message: "\"\(result)\" from \"\(expression)\" is not a number")
      }
      return .double(number)
    case .boolean:
      return .bool(result == "true")
    case .string:
      return .string(result)
    case .raw, nil:
      if isSinglePlaceholder, let single { return single }
      return .string(result)
    }
  }
}
