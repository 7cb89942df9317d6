import AccordModel

/// Compiles a message's contents and metadata templates into a contract message.
enum MessageParts {
  /// The message, and what its templates asked for that a contract cannot hold, or an example that does not
  /// satisfy its own matchers.
  static func checkedMessage(contents: BodyTemplate?, metadata: [String: Template]) -> (
    message: Message, problems: [DSLMisuse]
  ) {
    var message = Message()
    var problems: [DSLMisuse] = []
    if let contents {
      let compiled = contents.compileChecked()
      message.contents = compiled.body
      message.matchingRules[.body] = compiled.rules
      message.generators[.body] = compiled.generators
      problems += compiled.problems
      if metadata["contentType"] == nil, let type = compiled.body.contentType {
        message.metadata["contentType"] = .string(type.description)
      }
    }
    for key in metadata.keys.sorted() {
      let compiled = CompiledTemplate(metadata[key]!)
      message.metadata[key] = compiled.example
      message.matchingRules[.metadata, key] = compiled.rootRules
      message.generators[.metadata, key] = compiled.rootGenerator
      problems += compiled.problems.map { BodyTemplate.exampleProblem("metadata '\(key)' \($0)") }
      if compiled.rules.keys.contains(where: { $0 != "$" }) || compiled.generators.keys.contains(where: { $0 != "$" }) {
        problems.append(
          DSLMisuse("metadata '\(key)' has a matcher or generator inside it; give the whole value one matcher"))
      }
    }
    return (message, problems)
  }
}
