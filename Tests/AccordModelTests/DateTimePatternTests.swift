import AccordModel
import Foundation
import Testing

@Suite struct DateTimePatternTests {
  @Test(arguments: [
    ("yyyy-MM-dd", "2024-02-29", true),
    ("yyyy-MM-dd", "2023-02-29", false),
    ("yyyy-MM-dd", "2024-13-01", false),
    ("yyyy-MM-dd", "2024-1-01", false),
    ("yyyy-M-d", "2024-1-5", true),
    ("dd/MM/yyyy", "31/12/1999", true),
    ("yyyy-MM-dd'T'HH:mm:ssZ", "2024-01-02T03:04:05+0000", true),
    ("yyyy-MM-dd'T'HH:mm:ssZ", "2024-01-02T03:04:05Z", false),
    ("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "2024-01-02T03:04:05.123Z", true),
    ("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "2024-01-02T03:04:05.123+10:00", true),
    ("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "2024-01-02T03:04:05.12+10:00", false),
    ("HH:mm", "23:59", true),
    ("HH:mm", "24:00", false),
    ("hh:mm a", "11:30 PM", true),
    ("EEE, dd MMM yyyy HH:mm:ss z", "Tue, 02 Jan 2024 03:04:05 GMT", true),
    ("EEEE d MMMM yyyy", "Tuesday 2 January 2024", true),
    ("yyyyMMdd", "20240102", true),
    ("yyyy-MM-dd[ HH:mm]", "2024-01-02", true),
    ("yyyy-MM-dd[ HH:mm]", "2024-01-02 10:15", true),
  ])
  func checksTextAgainstJavaStylePatterns(pattern: String, text: String, valid: Bool) throws {
    #expect((try DateTimePattern(pattern).mismatch(text) == nil) == valid)
  }

  @Test func explainsDatesThatDoNotExist() throws {
    #expect(try DateTimePattern("yyyy-MM-dd").mismatch("2023-02-29") == "day 29 does not exist in month 2 of 2023")
    #expect(try DateTimePattern("yyyy-MM-dd").mismatch("nope") == "\"nope\" is not in the format 'yyyy-MM-dd'")
  }

  @Test func rejectsUnknownLetters() {
    #expect(throws: DateTimePatternError.self) { try DateTimePattern("yyyy-JJ") }
    #expect(throws: DateTimePatternError.self) { try DateTimePattern("'unclosed") }
  }

  @Test func acceptsIsoDefaults() {
    #expect(DateTimePattern.isoDate.mismatch("2024-01-02") == nil)
    #expect(DateTimePattern.isoTime.mismatch("10:15:30") == nil)
    #expect(DateTimePattern.isoDateTime.mismatch("2024-01-02T10:15:30Z") == nil)
    #expect(DateTimePattern.isoDateTime.mismatch("2024-01-02T10:15:30.123+02:00") == nil)
    #expect(DateTimePattern.isoDateTime.mismatch("2024-01-02 10:15:30") != nil)
  }

  @Test(arguments: [
    "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "EEE, dd MMM yyyy HH:mm:ss Z", "yyyyMMdd'T'HHmmss", "hh:mm a", "yy-M-d", "D",
  ])
  func formatsWhatItParses(pattern: String) throws {
    let parsed = try DateTimePattern(pattern)
    let text = parsed.format(Date(timeIntervalSince1970: 1_704_164_645.125))
    #expect(parsed.mismatch(text) == nil, "\(text)")
  }

  @Test func formatsInUTC() throws {
    #expect(
      try DateTimePattern("yyyy-MM-dd'T'HH:mm:ssXXX").format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
    #expect(
      try DateTimePattern("EEEE, d MMMM yyyy").format(Date(timeIntervalSince1970: 0)) == "Thursday, 1 January 1970")
  }
}
