import Foundation
import Testing

@testable import AccordBrokerServer

/// The pages' times: absolute in UTC with its zone, and relative.
@Suite struct WebDatesTests {
  @Test(
    "UTC and ISO 8601 by arithmetic agree with Foundation, leap days and dates before 1970 included",
    arguments: [0.0, 951_782_400, 1_709_164_799, 1_796_655_605.9, -86_401, 4_102_444_800, 253_402_300_799])
  func clock(seconds: Double) {
    let date = Date(timeIntervalSince1970: seconds)
    let whole = Date(timeIntervalSince1970: seconds.rounded(.down))
    #expect(WebRoutes.iso(date) == whole.formatted(.iso8601))
    #expect(WebRoutes.utc(date) == WebRoutes.iso(date).replacingOccurrences(of: "T", with: " ").dropLast() + " UTC")
  }

  @Test("relative times")
  func ago() {
    let now = Date(timeIntervalSince1970: 1_000_000)
    #expect(WebRoutes.ago(now, now: now) == "just now")
    #expect(WebRoutes.ago(now.addingTimeInterval(-180), now: now) == "3 min ago")
    #expect(WebRoutes.ago(now.addingTimeInterval(-7200), now: now) == "2 h ago")
    #expect(WebRoutes.ago(now.addingTimeInterval(-86_400), now: now) == "1 day ago")
    #expect(WebRoutes.ago(now.addingTimeInterval(60), now: now) == "just now")
  }
}
