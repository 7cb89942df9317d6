import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The test run this process belongs to: every test process that one `swift test` starts shares it.
///
/// A run is `ACCORD_RUN_ID` when set, else the parent process (the `swift test` that started the test processes)
/// with its start time, which tells a new `swift test` from an old one that had the same process id. The start
/// time is read from `/proc` on Linux and from `sysctl` on macOS.
///
/// ```swift
/// TestRun.id       // "parent-4242-1763780000.25"
/// TestRun.started  // when that `swift test` started
/// ```
enum TestRun {
  static let id: String = {
    if let run = ProcessInfo.processInfo.environment["ACCORD_RUN_ID"], !run.isEmpty { return run }
    let started = parentStart.map { String(format: "%.2f", $0.timeIntervalSince1970) } ?? "unknown"
    return "parent-\(getppid())-\(started)"
  }()

  /// When the run started, if known: contract files written since then were written by this run.
  static let started: Date? = {
    if let given = ProcessInfo.processInfo.environment["ACCORD_RUN_STARTED"], let seconds = Double(given) {
      return Date(timeIntervalSince1970: seconds)
    }
    if ProcessInfo.processInfo.environment["ACCORD_RUN_ID"].map({ !$0.isEmpty }) == true { return nil }
    return parentStart
  }()

  /// The parent process's start time.
  static let parentStart: Date? = processStart(getppid())

  static func processStart(_ pid: pid_t) -> Date? {
    #if canImport(Darwin)
      var info = kinfo_proc()
      var size = MemoryLayout<kinfo_proc>.stride
      var name: [Int32] = [CTL_KERN, KERN_PROC, KERN_PROC_PID, pid]
      guard sysctl(&name, 4, &info, &size, nil, 0) == 0, size > 0 else { return nil }
      let start = info.kp_proc.p_un.__p_starttime
      return Date(timeIntervalSince1970: Double(start.tv_sec) + Double(start.tv_usec) / 1e6)
    #else
      // Field 22 of /proc/PID/stat is the start time in clock ticks after boot; /proc/stat's btime is the boot.
      guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let fields = stat.split(separator: ")").last?.split(separator: " "), fields.count > 19,
        let ticks = Double(fields[19]),
        let boot = (try? String(contentsOfFile: "/proc/stat", encoding: .utf8))?
          .split(separator: "\n").first(where: { $0.hasPrefix("btime ") })
          .flatMap({ Double($0.dropFirst(6)) })
      else { return nil }
      let perSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
      guard perSecond > 0 else { return nil }
      return Date(timeIntervalSince1970: boot + ticks / perSecond)
    #endif
  }

  /// Whether a process still runs (a process of this run that exited without unregistering is not waited for).
  static func isAlive(_ pid: Int32) -> Bool {
    kill(pid, 0) == 0 || errno == EPERM
  }
}
