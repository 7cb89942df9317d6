import AccordModel

/// What the HTTP, message and synchronous-message builders share: the interaction they describe, changed on a
/// copy so that every builder call returns a new builder.
protocol InteractionBuilding {
  var interaction: Interaction { get set }
}

extension InteractionBuilding {
  func addingState(_ state: String, _ params: [String: JSONValue]) -> Self {
    var copy = self
    copy.interaction.providerStates.append(ProviderState(state, params: params))
    return copy
  }

  func addingComment(_ text: String) -> Self {
    var copy = self
    let texts = copy.interaction.comments["text"]?.arrayValue ?? []
    copy.interaction.comments["text"] = .array(texts + [.string(text)])
    return copy
  }

  func markingPending(_ isPending: Bool) -> Self {
    var copy = self
    copy.interaction.pending = isPending
    return copy
  }
}
