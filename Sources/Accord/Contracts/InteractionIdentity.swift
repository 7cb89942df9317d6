import AccordModel

/// What makes two recorded interactions "the same one": description and provider states. Two recordings with the
/// same identity must be identical (their fingerprints equal), or they conflict.
enum InteractionIdentity {
  static func key(_ interaction: Interaction) -> String {
    let states = JSONValue.array(
      interaction.providerStates.map { ["name": .string($0.name), "params": .object(JSONObject($0.params))] })
    return interaction.description + "\u{1F}" + states.serialized()
  }

  /// A stable digest of everything the contract holds for the interaction (FNV-1a over its V4 JSON).
  static func fingerprint(_ interaction: Interaction) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in ContractEncoder().compactData(interaction) {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    return String(hash, radix: 16)
  }

  /// Contract order: by description, then provider states.
  static func precedes(_ lhs: Interaction, _ rhs: Interaction) -> Bool {
    let left = key(lhs)
    let right = key(rhs)
    return left.utf8.lexicographicallyPrecedes(right.utf8)
  }
}
