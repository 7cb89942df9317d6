import AccordModel

/// Generators: the contract holds the example; the mock server (or the verifier, when it replays a request) puts a
/// fresh value in its place.
extension Template {
  /// A value built from the provider state's parameters when the provider is verified, such as a path with the
  /// id the provider just created: `.fromProviderState("/users/${id}", example: "/users/42")`.
  public static func fromProviderState(_ expression: String, example: Template) -> Template {
    let dataType: GeneratorDataType?
    switch example.example {
    case .int: dataType = .integer
    case .double: dataType = .decimal
    case .bool: dataType = .boolean
    case .string: dataType = .string
    default: dataType = nil
    }
    return .matching(example, rules: [.type()], generator: .providerState(expression: expression, dataType: dataType))
  }

  /// An integer from `min` to `max`, fresh each time.
  public static func randomInteger(min: Int = 0, max: Int = 2_147_483_647, example: Int? = nil) -> Template {
    .matching(.value(.int(example ?? min)), rules: [.integer], generator: .randomInt(min: min, max: max))
  }

  /// A decimal with `digits` digits, fresh each time.
  public static func randomDecimal(digits: Int = 6, example: Double = 12.5) -> Template {
    .matching(.value(.double(example)), rules: [.decimal], generator: .randomDecimal(digits: digits))
  }

  /// A hexadecimal string of `digits` digits, fresh each time.
  public static func randomHexadecimal(digits: Int = 8, example: String = "3f2a9c01") -> Template {
    .matching(.value(.string(example)), rules: [.regex("[0-9a-fA-F]+")], generator: .randomHexadecimal(digits: digits))
  }

  /// A string of `size` letters and digits, fresh each time.
  public static func randomString(size: Int = 10, example: String = "abcdefghij") -> Template {
    .matching(.value(.string(example)), rules: [.type()], generator: .randomString(size: size))
  }

  /// A string matching `pattern`, fresh each time.
  public static func randomMatching(_ pattern: String, example: String) -> Template {
    .matching(.value(.string(example)), rules: [.regex(pattern)], generator: .regex(pattern))
  }

  /// A boolean, fresh each time.
  public static func randomBoolean(example: Bool = true) -> Template {
    .matching(.value(.bool(example)), rules: [.boolean], generator: .randomBoolean)
  }

  /// Today's date (moved by `expression`, such as `"today + 1 day"`), in `format`.
  public static func currentDate(_ format: String = "yyyy-MM-dd", expression: String? = nil, example: String)
    -> Template
  {
    .matching(
      .value(.string(example)), rules: [.date(format: format)], generator: .date(format: format, expression: expression)
    )
  }

  /// The current time (moved by `expression`), in `format`.
  public static func currentTime(_ format: String = "HH:mm:ss", expression: String? = nil, example: String) -> Template
  {
    .matching(
      .value(.string(example)), rules: [.time(format: format)], generator: .time(format: format, expression: expression)
    )
  }

  /// The current date and time (moved by `expression`), in `format`.
  public static func currentDateTime(
    _ format: String = "yyyy-MM-dd'T'HH:mm:ssXXX", expression: String? = nil, example: String
  ) -> Template {
    .matching(
      .value(.string(example)), rules: [.dateTime(format: format)],
      generator: .dateTime(format: format, expression: expression))
  }

  /// A URL pointing at the mock server: `regex`'s first group is kept from the example (the path) and the mock
  /// server's base URL put before it, so that clients that follow links stay on the mock server.
  public static func mockServerURL(_ regex: String, example: String) -> Template {
    .matching(
      .value(.string(example)), rules: [.regex(regex)], generator: .mockServerURL(example: example, regex: regex))
  }
}
