import AccordModel

/// A regular expression compiled to a small program and run by a backtracking machine that remembers the
/// (instruction, position) pairs it has tried, so matching time stays linear in the text.
///
/// It matches the whole text (Pact semantics). `\d`, `\w` and `\s` are ASCII, as in Java.
struct RegexProgram: Sendable {
  enum Instruction: Sendable {
    case scalar(UInt32)
    case any
    case set(Int)
    /// Try `first`, then `second`.
    case split(Int, Int)
    case jump(Int)
    case assertStart
    case assertEnd
    case wordBoundary(negated: Bool)
    case match
  }

  struct ScalarSet: Sendable {
    let ranges: [ClosedRange<UInt32>]
    let negated: Bool

    func contains(_ value: UInt32) -> Bool {
      var found = false
      for range in ranges where range.contains(value) {
        found = true
        break
      }
      return found != negated
    }
  }

  private(set) var instructions: [Instruction] = []
  private(set) var sets: [ScalarSet] = []
  /// Beyond this many instructions a pattern is too complex to evaluate (`a{5000}{5000}`).
  static let maximumInstructions = 100_000

  init?(_ node: RegexNode) {
    guard compile(node) else { return nil }
    instructions.append(.match)
  }

  private mutating func compile(_ node: RegexNode) -> Bool {
    guard instructions.count < Self.maximumInstructions else { return false }
    switch node {
    case .literal(let scalar): instructions.append(.scalar(scalar.value))
    case .any: instructions.append(.any)
    case .set(let ranges, let negated):
      sets.append(ScalarSet(ranges: ranges.map { $0.lowerBound.value...$0.upperBound.value }, negated: negated))
      instructions.append(.set(sets.count - 1))
    case .sequence(let nodes):
      for child in nodes where !compile(child) { return false }
    case .alternation(let options):
      var jumps: [Int] = []
      for (position, option) in options.enumerated() {
        if position < options.count - 1 {
          let split = instructions.count
          instructions.append(.split(split + 1, -1))
          guard compile(option) else { return false }
          jumps.append(instructions.count)
          instructions.append(.jump(-1))
          instructions[split] = .split(split + 1, instructions.count)
        } else {
          guard compile(option) else { return false }
        }
      }
      for jump in jumps { instructions[jump] = .jump(instructions.count) }
    case .repeated(let child, let minimum, let maximum, let greedy):
      for _ in 0..<minimum where !compile(child) { return false }
      if let maximum {
        var exits: [Int] = []
        for _ in minimum..<maximum {
          exits.append(instructions.count)
          instructions.append(.split(-1, -1))
          guard compile(child) else { return false }
        }
        for exit in exits {
          instructions[exit] = greedy ? .split(exit + 1, instructions.count) : .split(instructions.count, exit + 1)
        }
      } else {
        let loop = instructions.count
        instructions.append(.split(-1, -1))
        guard compile(child) else { return false }
        instructions.append(.jump(loop))
        instructions[loop] = greedy ? .split(loop + 1, instructions.count) : .split(instructions.count, loop + 1)
      }
    case .startAnchor: instructions.append(.assertStart)
    case .endAnchor: instructions.append(.assertEnd)
    case .wordBoundary(let negated): instructions.append(.wordBoundary(negated: negated))
    case .empty: break
    }
    return instructions.count <= Self.maximumInstructions
  }

  /// The most (instruction, position) pairs one match may visit; past it the match is not decided.
  static let maximumWork = 1 << 27

  /// Whether the program matches all of `text`; `nil` when deciding it would take more than ``maximumWork`` steps.
  ///
  /// Short texts run on a backtracking machine with a memo of visited states; longer ones on a machine that keeps
  /// every thread in step (Pike's), which needs no memo. Both take time linear in the text, and give the same
  /// answer.
  func wholeMatch(_ text: String) -> Bool? {
    let scalars = text.unicodeScalars.map(\.value)
    let (states, overflow) = instructions.count.multipliedReportingOverflow(by: scalars.count + 1)
    guard !overflow, states <= Self.maximumWork else { return nil }
    if states <= 1 << 24 {
      return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: (states + 63) / 64) { visited in
        visited.initialize(repeating: 0)
        return run(scalars, visited: visited)
      }
    }
    return runInStep(scalars)
  }

  /// Pike's machine: all threads advance one character at a time; each instruction holds at most one thread.
  private func runInStep(_ text: [UInt32]) -> Bool {
    var current: [Int] = []
    var next: [Int] = []
    var mark = [Int](repeating: -1, count: instructions.count)
    var pending: [Int] = []
    current.reserveCapacity(instructions.count)
    next.reserveCapacity(instructions.count)

    /// Adds the thread at `start` and every thread reachable from it without reading a character.
    func follow(_ start: Int, _ position: Int, into list: inout [Int]) -> Bool {
      pending.append(start)
      var matched = false
      while let pc = pending.popLast() {
        guard mark[pc] != position else { continue }
        mark[pc] = position
        switch instructions[pc] {
        case .split(let first, let second):
          pending.append(second)
          pending.append(first)
        case .jump(let target):
          pending.append(target)
        case .assertStart:
          if position == 0 { pending.append(pc + 1) }
        case .assertEnd:
          if position == text.count || (position == text.count - 1 && text[position] == 0x0A) {
            pending.append(pc + 1)
          }
        case .wordBoundary(let negated):
          let before = position > 0 && Self.isWord(text[position - 1])
          let after = position < text.count && Self.isWord(text[position])
          if (before != after) != negated { pending.append(pc + 1) }
        case .match:
          if position == text.count { matched = true }
        case .scalar, .any, .set:
          list.append(pc)
        }
      }
      return matched
    }

    if follow(0, 0, into: &current) { return true }
    for position in 0..<text.count {
      guard !current.isEmpty else { return false }
      let value = text[position]
      next.removeAll(keepingCapacity: true)
      for pc in current {
        let advances: Bool
        switch instructions[pc] {
        case .scalar(let wanted): advances = value == wanted
        case .any: advances = !Self.isLineTerminator(value)
        case .set(let index): advances = sets[index].contains(value)
        default: advances = false
        }
        if advances, follow(pc + 1, position + 1, into: &next) { return true }
      }
      swap(&current, &next)
    }
    return false
  }

  /// What `.` does not match, as in Java and ICU.
  static func isLineTerminator(_ value: UInt32) -> Bool {
    value == 0x0A || value == 0x0D || value == 0x85 || value == 0x2028 || value == 0x2029
  }

  private func run(_ text: [UInt32], visited: UnsafeMutableBufferPointer<UInt64>) -> Bool {
    var stack: [(pc: Int, position: Int)] = [(0, 0)]
    let width = text.count + 1
    while let (startPC, startPosition) = stack.popLast() {
      var pc = startPC
      var position = startPosition
      while true {
        let state = pc * width + position
        let word = state >> 6
        let bit: UInt64 = 1 << UInt64(state & 63)
        if visited[word] & bit != 0 { break }
        visited[word] |= bit
        switch instructions[pc] {
        case .scalar(let value):
          guard position < text.count, text[position] == value else { break }
          pc += 1
          position += 1
          continue
        case .any:
          guard position < text.count, !Self.isLineTerminator(text[position]) else { break }
          pc += 1
          position += 1
          continue
        case .set(let index):
          guard position < text.count, sets[index].contains(text[position]) else { break }
          pc += 1
          position += 1
          continue
        case .split(let first, let second):
          stack.append((second, position))
          pc = first
          continue
        case .jump(let target):
          pc = target
          continue
        case .assertStart:
          guard position == 0 else { break }
          pc += 1
          continue
        case .assertEnd:
          guard position == text.count || (position == text.count - 1 && text[position] == 0x0A) else { break }
          pc += 1
          continue
        case .wordBoundary(let negated):
          let before = position > 0 && Self.isWord(text[position - 1])
          let after = position < text.count && Self.isWord(text[position])
          guard (before != after) != negated else { break }
          pc += 1
          continue
        case .match:
          if position == text.count { return true }
        }
        break
      }
    }
    return false
  }

  private static func isWord(_ value: UInt32) -> Bool {
    (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) || value == 0x5F
  }
}
