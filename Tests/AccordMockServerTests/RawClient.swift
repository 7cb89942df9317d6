import NIOCore
import NIOPosix

/// A TCP client that sends raw bytes and collects whatever comes back until the server closes the connection:
/// for requests no HTTP client would send.
enum RawClient {
  /// Sends `bytes` to 127.0.0.1:`port` and returns what the server sent before closing, or before `timeout`.
  static func exchange(_ bytes: [UInt8], port: Int, timeout: Duration = .seconds(10)) async throws -> String {
    let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .connect(host: "127.0.0.1", port: port) { channel in
        channel.eventLoop.makeCompletedFuture {
          try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
        }
      }
    return try await withThrowingTaskGroup(of: String?.self) { group in
      group.addTask {
        try await channel.executeThenClose { inbound, outbound in
          var received = ""
          do {
            if !bytes.isEmpty { try await outbound.write(ByteBuffer(bytes: bytes)) }
            for try await buffer in inbound { received += String(buffer: buffer) }
          } catch ChannelError.ioOnClosedChannel {
            // The server closed the connection first (a deadline passed): what came so far is the answer.
          }
          return received
        }
      }
      group.addTask {
        try await Task.sleep(for: timeout)
        return nil
      }
      let first = try await group.next() ?? nil
      group.cancelAll()
      return first ?? "<still open after \(timeout)>"
    }
  }
}
