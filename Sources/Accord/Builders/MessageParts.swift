import AccordModel

/// Compiles a message's contents and metadata templates into a contract message.
enum MessageParts {
  static func message(contents: BodyTemplate?, metadata: [String: Template]) -> Message {
    var message = Message()
    if let contents {
      let compiled = contents.compile()
      message.contents = compiled.body
      message.matchingRules[.body] = compiled.rules
      message.generators[.body] = compiled.generators
      if metadata["contentType"] == nil, let type = compiled.body.contentType {
        message.metadata["contentType"] = .string(type.description)
      }
    }
    for key in metadata.keys.sorted() {
      let compiled = CompiledTemplate(metadata[key]!)
      message.metadata[key] = compiled.example
      message.matchingRules[.metadata, key] = compiled.rootRules
      message.generators[.metadata, key] = compiled.rootGenerator
    }
    return message
  }
}
