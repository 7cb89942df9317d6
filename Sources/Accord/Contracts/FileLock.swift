import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// An exclusive advisory lock (`flock`) on a folder or file that already exists, shared by threads and processes
/// alike: each holder opens it itself, so two tests in one process exclude each other as two processes do. Locking
/// the contracts folder needs no lock file, so none is left behind.
struct FileLock {
  let path: String

  /// Runs `body` while holding the lock; waits for other holders. A missing folder is created first.
  func withLock<T>(_ body: () throws -> T) throws -> T {
    var descriptor = open(path, O_RDONLY | O_CLOEXEC)
    if descriptor < 0, errno == ENOENT {
      try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      descriptor = open(path, O_RDONLY | O_CLOEXEC)
    }
    guard descriptor >= 0 else {
      throw ContractFileError(path: path, message: "cannot open the lock file (\(String(cString: strerror(errno))))")
    }
    defer { close(descriptor) }
    while flock(descriptor, LOCK_EX) != 0 {
      guard errno == EINTR else {
        throw ContractFileError(path: path, message: "cannot lock (\(String(cString: strerror(errno))))")
      }
    }
    defer { flock(descriptor, LOCK_UN) }
    return try body()
  }
}

/// A contract or its bookkeeping could not be read or written.
public struct ContractFileError: Error, CustomStringConvertible {
  public var path: String
  public var message: String

  public var description: String { "\(path): \(message)" }
}

enum AtomicFile {
  /// Writes `data` to a temporary file beside `url` and renames it over `url`: readers see the old file or the
  /// new one, never a torn one.
  static func write(_ data: Data, to url: URL) throws {
    let directory = url.deletingLastPathComponent()
    let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UUID().uuidString).tmp")
    do {
      try data.write(to: temporary)
    } catch {
      throw ContractFileError(path: temporary.path, message: "cannot write (\(error.localizedDescription))")
    }
    guard rename(temporary.path, url.path) == 0 else {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: temporary)
      throw ContractFileError(path: url.path, message: "cannot replace the file (\(reason))")
    }
  }
}

/// A file's identity and version: device, inode, size and modification time (to the nanosecond).
struct FileStamp: Equatable {
  var device: UInt64
  var inode: UInt64
  var size: Int64
  var seconds: Int
  var nanoseconds: Int

  init?(of url: URL) {
    var info = stat()
    guard stat(url.path, &info) == 0 else { return nil }
    device = UInt64(info.st_dev)
    inode = UInt64(info.st_ino)
    size = Int64(info.st_size)
    #if canImport(Darwin)
      seconds = Int(info.st_mtimespec.tv_sec)
      nanoseconds = Int(info.st_mtimespec.tv_nsec)
    #else
      seconds = Int(info.st_mtim.tv_sec)
      nanoseconds = Int(info.st_mtim.tv_nsec)
    #endif
  }

  /// The modification time.
  var date: Date { Date(timeIntervalSince1970: Double(seconds) + Double(nanoseconds) / 1e9) }
}
