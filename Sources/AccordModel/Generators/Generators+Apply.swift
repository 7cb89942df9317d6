import Foundation

extension PactRequest {
  /// The request with its generators applied: path, query, headers and body values replaced by fresh ones.
  /// A generator that cannot produce a value leaves the example and adds a note to `notes`.
  ///
  /// ```swift
  /// var notes: [String] = []
  /// let replay = request.applyingGenerators(GeneratorContext(providerState: ["id": 42]), notes: &notes)
  /// ```
  public func applyingGenerators(_ context: GeneratorContext, notes: inout [String]) -> PactRequest {
    guard !generators.isEmpty else { return self }
    var applier = GeneratorApplier(context: context)
    var copy = self
    if let generator = generators[.path, "$"], let value = applier.generate(generator, .string(path), at: "path") {
      copy.path = value.plainText
    }
    if let generator = generators[.method, "$"], let value = applier.generate(generator, .string(method), at: "method")
    {
      copy.method = value.plainText
    }
    for (name, generator) in generators[.query].sorted(by: { $0.key < $1.key }) {
      guard let values = copy.query[name] else { continue }
      var replaced = Query(pairs: copy.query.pairs.filter { $0.name != name })
      for value in values {
        replaced.add(
          name, applier.generate(generator, .string(value), at: "query parameter '\(name)'")?.plainText ?? value)
      }
      copy.query = replaced
    }
    copy.headers = applier.apply(generators[.header], to: copy.headers)
    copy.body = applier.apply(generators[.body], to: copy.body, contentType: contentType)
    notes += applier.notes
    return copy
  }

  /// The request with its generators applied, ignoring generators that cannot produce a value.
  public func applyingGenerators(_ context: GeneratorContext) -> PactRequest {
    var notes: [String] = []
    return applyingGenerators(context, notes: &notes)
  }
}

extension PactResponse {
  /// The response with its generators applied: status, headers and body values replaced by fresh ones.
  public func applyingGenerators(_ context: GeneratorContext, notes: inout [String]) -> PactResponse {
    guard !generators.isEmpty else { return self }
    var applier = GeneratorApplier(context: context)
    var copy = self
    if let generator = generators[.status, "$"], let value = applier.generate(generator, .int(status), at: "status") {
      if let code = value.intValue, (100...999).contains(code) {
        copy.status = code
      } else {
        notes.append(
          "the status generator gave \(value.summary), which is not a status from 100 to 999; kept \(status)")
      }
    }
    copy.headers = applier.apply(generators[.header], to: copy.headers)
    copy.body = applier.apply(generators[.body], to: copy.body, contentType: contentType)
    notes += applier.notes
    return copy
  }

  /// The response with its generators applied, ignoring generators that cannot produce a value.
  public func applyingGenerators(_ context: GeneratorContext) -> PactResponse {
    var notes: [String] = []
    return applyingGenerators(context, notes: &notes)
  }
}

extension Message {
  /// The message with its generators applied: contents and metadata values replaced by fresh ones.
  public func applyingGenerators(_ context: GeneratorContext, notes: inout [String]) -> Message {
    guard !generators.isEmpty else { return self }
    var applier = GeneratorApplier(context: context)
    var copy = self
    for (key, generator) in generators[.metadata].sorted(by: { $0.key < $1.key }) {
      guard let current = copy.metadata[key] else { continue }
      copy.metadata[key] = applier.generate(generator, current, at: "metadata '\(key)'") ?? current
    }
    copy.contents = applier.apply(generators[.body], to: copy.contents, contentType: contentType)
    notes += applier.notes
    return copy
  }

  /// The message with its generators applied, ignoring generators that cannot produce a value.
  public func applyingGenerators(_ context: GeneratorContext) -> Message {
    var notes: [String] = []
    return applyingGenerators(context, notes: &notes)
  }
}

/// Applies generators part by part, collecting notes on those that could not produce a value.
struct GeneratorApplier {
  let context: GeneratorContext
  var notes: [String] = []
  var random = SystemRandomNumberGenerator()

  init(context: GeneratorContext) {
    self.context = context
  }

  mutating func generate(_ generator: Generator, _ example: JSONValue, at location: String) -> JSONValue? {
    do {
      return try generator.value(replacing: example, context: context, using: &random)
    } catch {
      notes.append("\(location): \(error.message); the example value was kept")
      return nil
    }
  }

  mutating func apply(_ generators: [String: Generator], to headers: Headers) -> Headers {
    var headers = headers
    for (name, generator) in generators.sorted(by: { $0.key < $1.key }) {
      guard let values = headers[name] else { continue }
      headers[name] = values.map { generate(generator, .string($0), at: "header '\(name)'")?.plainText ?? $0 }
    }
    return headers
  }

  /// JSON bodies get each generator at every location its path names; other bodies only take a `$` generator.
  mutating func apply(_ generators: [String: Generator], to body: Body?, contentType: ContentType?) -> Body? {
    guard var body, !generators.isEmpty, !body.isEmpty else { return body }
    let type = contentType ?? ContentTypeDetector.detect(body.data)
    if type.isJSON, var document = try? JSONValue(parsing: body.data) {
      for key in generators.keys.sorted() {
        guard let path = try? DocPath(key) else { continue }
        replace(in: &document, tokens: path.tokens[...], generator: generators[key]!, location: [])
      }
      body.data = document.data()
      return body
    }
    if let generator = generators["$"], let value = generate(generator, .string(body.text ?? ""), at: "body") {
      body.data = Data(value.plainText.utf8)
    }
    return body
  }

  private mutating func replace(
    in value: inout JSONValue, tokens: ArraySlice<DocPath.Token>, generator: Generator, location: [PathSegment]
  ) {
    guard let token = tokens.first else {
      if let generated = generate(generator, value, at: location.jsonPath) { value = generated }
      return
    }
    let rest = tokens.dropFirst()
    switch (token, value) {
    case (.field(let name), .object(var members)):
      guard var member = members[name] else { return }
      replace(in: &member, tokens: rest, generator: generator, location: location + [.key(name)])
      members[name] = member
      value = .object(members)
    case (.anyField, .object(var members)):
      for key in members.keys.sorted() {
        replace(in: &members[key]!, tokens: rest, generator: generator, location: location + [.key(key)])
      }
      value = .object(members)
    case (.index(let index), .array(var items)) where items.indices.contains(index):
      replace(in: &items[index], tokens: rest, generator: generator, location: location + [.index(index)])
      value = .array(items)
    case (.anyIndex, .array(var items)), (.anyField, .array(var items)):
      for index in items.indices {
        replace(in: &items[index], tokens: rest, generator: generator, location: location + [.index(index)])
      }
      value = .array(items)
    default:
      return
    }
  }
}
