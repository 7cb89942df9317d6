/// Arithmetic on rule weights that never traps: a path of 63 or more segments doubles a weight past `Int.max`,
/// so products stop at `Int.max` instead (two such paths then tie, and the longer one wins as usual).
///
/// ```swift
/// RuleWeight.product(Int.max / 2, 4)  // Int.max
/// ```
package enum RuleWeight {
  /// `lhs × rhs`, or `Int.max` when the product does not fit (both are never negative).
  package static func product(_ lhs: Int, _ rhs: Int) -> Int {
    let (value, overflow) = lhs.multipliedReportingOverflow(by: rhs)
    return overflow ? Int.max : value
  }

  /// `2` to the power `exponent`, or `Int.max` past 62.
  package static func power(of exponent: Int) -> Int {
    exponent >= Int.bitWidth - 1 ? Int.max : 1 << exponent
  }
}
