/// The graph as the layout works on it: real nodes and dummies by index, each layer an ordered list.
struct LayeredGraph {
  var names: [String]
  var widths: [Double]
  /// Real nodes are `0..<realCount`; dummies follow.
  let realCount: Int
  var layer: [Int]
  /// Edges between adjacent layers, upper → lower.
  var down: [[Int]]
  var up: [[Int]]
  var layers: [[Int]] = []
  var x: [Double] = []
  /// Each original edge: its consumer, provider and the chain of nodes from upper to lower (reversed when the
  /// edge was turned round to break a cycle).
  var chains: [(from: Int, to: Int, chain: [Int], reversed: Bool)] = []
  var bestCrossings = 0

  init(names rawNames: [String], pairs: [(String, String)], width: (String) -> Double) {
    var index: [String: Int] = [:]
    var names: [String] = []
    for name in rawNames + pairs.flatMap({ [$0.0, $0.1] }) where index[name] == nil {
      index[name] = names.count
      names.append(name)
    }
    // Sorted, so the drawing does not depend on the order things were found in.
    names.sort()
    for (position, name) in names.enumerated() { index[name] = position }
    self.names = names
    widths = names.map(width)
    realCount = names.count
    var seen: Set<[Int]> = []
    var edges: [(Int, Int)] = []
    for (from, to) in pairs {
      guard let a = index[from], let b = index[to], a != b, seen.insert([a, b]).inserted else { continue }
      edges.append((a, b))
    }
    edges.sort { ($0.0, $0.1) < ($1.0, $1.1) }

    // 1. Break cycles: an edge to a node still on the depth-first stack goes back.
    var successors = Array(repeating: [Int](), count: realCount)
    for (a, b) in edges { successors[a].append(b) }
    var state = Array(repeating: 0, count: realCount)  // 0 new, 1 on the stack, 2 done
    var backEdges: Set<[Int]> = []
    for root in 0..<realCount where state[root] == 0 {
      var stack: [(node: Int, next: Int)] = [(root, 0)]
      state[root] = 1
      while let top = stack.last {
        if top.next < successors[top.node].count {
          stack[stack.count - 1].next += 1
          let successor = successors[top.node][top.next]
          if state[successor] == 1 {
            backEdges.insert([top.node, successor])
          } else if state[successor] == 0 {
            state[successor] = 1
            stack.append((successor, 0))
          }
        } else {
          state[top.node] = 2
          stack.removeLast()
        }
      }
    }
    let directed = edges.map { edge -> (upper: Int, lower: Int, reversed: Bool) in
      backEdges.contains([edge.0, edge.1]) ? (edge.1, edge.0, true) : (edge.0, edge.1, false)
    }

    // 2. Layers: longest path from a source, then sources moved down to just above their highest successor.
    var below = Array(repeating: [Int](), count: realCount)
    var above = Array(repeating: [Int](), count: realCount)
    var incoming = Array(repeating: 0, count: realCount)
    for edge in directed {
      below[edge.upper].append(edge.lower)
      above[edge.lower].append(edge.upper)
      incoming[edge.lower] += 1
    }
    var layer = Array(repeating: 0, count: realCount)
    var ready = (0..<realCount).filter { incoming[$0] == 0 }
    var topological: [Int] = []
    while let node = ready.popLast() {
      topological.append(node)
      for next in below[node] {
        layer[next] = max(layer[next], layer[node] + 1)
        incoming[next] -= 1
        if incoming[next] == 0 { ready.append(next) }
      }
    }
    for node in topological.reversed() where above[node].isEmpty && !below[node].isEmpty {
      layer[node] = below[node].map { layer[$0] }.min()! - 1
    }

    // 3. Dummies for edges spanning layers.
    var down = Array(repeating: [Int](), count: realCount)
    var up = Array(repeating: [Int](), count: realCount)
    var widths = self.widths
    var chains: [(from: Int, to: Int, chain: [Int], reversed: Bool)] = []
    for edge in directed {
      var chain = [edge.upper]
      for crossed in (layer[edge.upper] + 1)..<layer[edge.lower] {
        let dummy = layer.count
        layer.append(crossed)
        widths.append(GraphLayout.laneWidth)
        down.append([])
        up.append([])
        chain.append(dummy)
      }
      chain.append(edge.lower)
      for (a, b) in zip(chain, chain.dropFirst()) {
        down[a].append(b)
        up[b].append(a)
      }
      chains.append(
        edge.reversed
          ? (from: edge.lower, to: edge.upper, chain: chain, reversed: true)
          : (from: edge.upper, to: edge.lower, chain: chain, reversed: false))
    }
    self.widths = widths
    self.layer = layer
    self.down = down
    self.up = up
    self.chains = chains
    var layers = Array(repeating: [Int](), count: (layer.max() ?? 0) + 1)
    // The initial order: depth-first from the sources, so connected nodes start near each other.
    var placed = Array(repeating: false, count: layer.count)
    func visit(_ node: Int) {
      var stack = [node]
      while let next = stack.popLast() {
        guard !placed[next] else { continue }
        placed[next] = true
        layers[layer[next]].append(next)
        stack += down[next].reversed()
      }
    }
    for node in 0..<realCount where up[node].isEmpty { visit(node) }
    for node in 0..<layer.count where !placed[node] { visit(node) }
    self.layers = layers
  }

  // MARK: Crossing reduction

  mutating func order() {
    var best = layers
    bestCrossings = crossings(layers)
    guard bestCrossings > 0 else { return }
    var position = Array(repeating: 0, count: layer.count)
    for iteration in 0..<24 {
      let downward = iteration % 2 == 0
      for row in layers {
        for (place, node) in row.enumerated() { position[node] = place }
      }
      let indices = downward ? Array(layers.indices.dropFirst()) : Array(layers.indices.dropLast().reversed())
      for index in indices {
        let current = layers[index]
        var medians: [(node: Int, median: Double)] = []
        medians.reserveCapacity(current.count)
        var neighbours: [Int] = []
        for node in current {
          neighbours.removeAll(keepingCapacity: true)
          for neighbour in downward ? up[node] : down[node] { neighbours.append(position[neighbour]) }
          neighbours.sort()
          medians.append((node, Self.median(neighbours) ?? -1))
        }
        // Nodes without neighbours there keep their place; the others are sorted by median among them.
        let movable = medians.filter { $0.median >= 0 }.sorted { $0.median < $1.median }.map(\.node)
        var next = 0
        var result: [Int] = []
        result.reserveCapacity(current.count)
        for entry in medians {
          if entry.median < 0 {
            result.append(entry.node)
          } else {
            result.append(movable[next])
            next += 1
          }
        }
        layers[index] = result
        for (place, node) in result.enumerated() { position[node] = place }
      }
      transpose()
      let count = crossings(layers)
      if count < bestCrossings {
        bestCrossings = count
        best = layers
        if count == 0 { break }
      }
    }
    layers = best
  }

  static func median(_ positions: [Int]) -> Double? {
    guard !positions.isEmpty else { return nil }
    let middle = positions.count / 2
    if positions.count % 2 == 1 { return Double(positions[middle]) }
    return Double(positions[middle - 1] + positions[middle]) / 2
  }

  /// Swaps adjacent nodes while that lowers the crossings with both neighbouring layers.
  mutating func transpose() {
    var position = Array(repeating: 0, count: layer.count)
    for row in layers {
      for (place, node) in row.enumerated() { position[node] = place }
    }
    var improved = true
    var rounds = 0
    while improved && rounds < 4 {
      improved = false
      rounds += 1
      for index in layers.indices where layers[index].count > 1 {
        for place in 0..<(layers[index].count - 1) {
          let (a, b) = (layers[index][place], layers[index][place + 1])
          if pairCrossings(a, b, position) > pairCrossings(b, a, position) {
            layers[index].swapAt(place, place + 1)
            position[a] = place + 1
            position[b] = place
            improved = true
          }
        }
      }
    }
  }

  /// Crossings among the edges of `a` and `b` (`a` left of `b`) with the layers above and below.
  func pairCrossings(_ a: Int, _ b: Int, _ position: [Int]) -> Int {
    var count = 0
    for u in up[a] {
      for v in up[b] where position[u] > position[v] { count += 1 }
    }
    for u in down[a] {
      for v in down[b] where position[u] > position[v] { count += 1 }
    }
    return count
  }

  /// Crossings between every pair of adjacent layers: inversions of the lower ends with edges sorted by upper end.
  func crossings(_ layers: [[Int]]) -> Int {
    var total = 0
    var position = Array(repeating: 0, count: layer.count)
    for row in layers {
      for (place, node) in row.enumerated() { position[node] = place }
    }
    for row in layers.dropLast() {
      var lowers: [Int] = []
      for node in row {
        lowers += down[node].map { position[$0] }.sorted()
      }
      total += Self.inversions(&lowers)
    }
    return total
  }

  /// Inversions of `values` (sorting them), by merge sort.
  static func inversions(_ values: inout [Int]) -> Int {
    guard values.count > 1 else { return 0 }
    var left = Array(values[..<(values.count / 2)])
    var right = Array(values[(values.count / 2)...])
    var count = inversions(&left) + inversions(&right)
    var (i, j, k) = (0, 0, 0)
    while i < left.count && j < right.count {
      if left[i] <= right[j] {
        values[k] = left[i]
        i += 1
      } else {
        values[k] = right[j]
        j += 1
        count += left.count - i
      }
      k += 1
    }
    while i < left.count {
      values[k] = left[i]
      i += 1
      k += 1
    }
    while j < right.count {
      values[k] = right[j]
      j += 1
      k += 1
    }
    return count
  }

  // MARK: Coordinates

  func isDummy(_ node: Int) -> Bool { node >= realCount }

  /// The weight of the edge `a`–`b`: dummy chains count most, so long edges run straight.
  func weight(_ a: Int, _ b: Int) -> Double {
    switch (isDummy(a), isDummy(b)) {
    case (true, true): 8
    case (false, false): 1
    default: 2
    }
  }

  mutating func place() {
    x = Array(repeating: 0, count: layer.count)
    for row in layers {
      var left = 0.0
      for node in row {
        x[node] = left + widths[node] / 2
        left += widths[node] + gap(node)
      }
    }
    // Centre each layer on the widest one to start.
    let extent = layers.map { row in row.last.map { x[$0] + widths[$0] / 2 } ?? 0 }
    let widest = extent.max() ?? 0
    for (index, row) in layers.enumerated() {
      for node in row { x[node] += (widest - extent[index]) / 2 }
    }
    for iteration in 0..<16 {
      let indices = iteration % 2 == 0 ? Array(layers.indices) : Array(layers.indices.reversed())
      for index in indices { relax(index) }
    }
    let minimum = layers.compactMap { row in row.first.map { x[$0] - widths[$0] / 2 } }.min() ?? 0
    for node in x.indices { x[node] += GraphLayout.margin - minimum }
  }

  func gap(_ node: Int) -> Double { isDummy(node) ? GraphLayout.nodeGap / 2 : GraphLayout.nodeGap }

  /// Moves the nodes of one layer towards the weighted mean of their neighbours, keeping their order and spacing.
  mutating func relax(_ index: Int) {
    let row = layers[index]
    guard !row.isEmpty else { return }
    // Minimum distance between neighbours' centres: half of each width and the larger gap.
    var offsets = [0.0]
    for (a, b) in zip(row, row.dropFirst()) {
      offsets.append(offsets.last! + widths[a] / 2 + max(gap(a), gap(b)) + widths[b] / 2)
    }
    var targets: [Double] = []
    var weights: [Double] = []
    targets.reserveCapacity(row.count)
    weights.reserveCapacity(row.count)
    for node in row {
      var total = 0.0
      var sum = 0.0
      for neighbour in up[node] {
        let w = weight(node, neighbour)
        total += w
        sum += w * x[neighbour]
      }
      for neighbour in down[node] {
        let w = weight(node, neighbour)
        total += w
        sum += w * x[neighbour]
      }
      if total == 0 {
        targets.append(x[node])
        weights.append(0.01)
      } else {
        targets.append(sum / total)
        weights.append(total)
      }
    }
    // Positions minus their offsets must not decrease: weighted pool-adjacent-violators.
    var blocks: [(value: Double, weight: Double, count: Int)] = []
    for (place, target) in targets.enumerated() {
      blocks.append((target - offsets[place], weights[place], 1))
      while blocks.count > 1 && blocks[blocks.count - 2].value > blocks[blocks.count - 1].value {
        let last = blocks.removeLast()
        let previous = blocks.removeLast()
        let weight = last.weight + previous.weight
        blocks.append(
          ((previous.value * previous.weight + last.value * last.weight) / weight, weight, previous.count + last.count))
      }
    }
    var place = 0
    for block in blocks {
      for _ in 0..<block.count {
        x[row[place]] = block.value + offsets[place]
        place += 1
      }
    }
  }

  // MARK: Drawing

  func drawing() -> (
    boxes: [String: GraphLayout.Box], routes: [GraphLayout.Route], width: Double, height: Double, crossings: Int,
    layers: Int
  ) {
    let height = GraphLayout.nodeHeight
    func top(_ layerIndex: Int) -> Double {
      GraphLayout.margin + Double(layerIndex) * (height + GraphLayout.layerGap)
    }
    var boxes: [String: GraphLayout.Box] = [:]
    for node in 0..<realCount {
      boxes[names[node]] = GraphLayout.Box(
        name: names[node], layer: layer[node], x: x[node] - widths[node] / 2, y: top(layer[node]),
        width: widths[node], height: height)
    }
    // Ports: a node's edges leave its bottom (and enter its top) spread in the order of where they go.
    var exits: [Int: [Int: Double]] = [:]
    var entries: [Int: [Int: Double]] = [:]
    func spread(_ node: Int, _ neighbours: [Int]) -> [Int: Double] {
      let sorted = neighbours.sorted { (x[$0], $0) < (x[$1], $1) }
      let span = min(widths[node] * 0.7, Double(sorted.count - 1) * 12)
      var result: [Int: Double] = [:]
      for (place, neighbour) in sorted.enumerated() {
        result[neighbour] =
          sorted.count == 1 ? x[node] : x[node] - span / 2 + span * Double(place) / Double(sorted.count - 1)
      }
      return result
    }
    for node in 0..<realCount {
      if !down[node].isEmpty { exits[node] = spread(node, down[node]) }
      if !up[node].isEmpty { entries[node] = spread(node, up[node]) }
    }
    var routes: [GraphLayout.Route] = []
    for edge in chains {
      let chain = edge.chain
      var points = [GraphLayout.Point(x: exits[chain[0]]?[chain[1]] ?? x[chain[0]], y: top(layer[chain[0]]) + height)]
      for dummy in chain.dropFirst().dropLast() {
        points.append(GraphLayout.Point(x: x[dummy], y: top(layer[dummy])))
        points.append(GraphLayout.Point(x: x[dummy], y: top(layer[dummy]) + height))
      }
      let last = chain[chain.count - 1]
      points.append(GraphLayout.Point(x: entries[last]?[chain[chain.count - 2]] ?? x[last], y: top(layer[last])))
      routes.append(
        GraphLayout.Route(
          from: names[edge.from], to: names[edge.to], points: edge.reversed ? points.reversed() : points))
    }
    let width = (boxes.values.map { $0.x + $0.width }.max() ?? 0) + GraphLayout.margin
    let bottom = (boxes.values.map { $0.y + $0.height }.max() ?? 0) + GraphLayout.margin
    return (boxes, routes, width, bottom, bestCrossings, layers.count)
  }
}
