import NIOCore
import NIOPosix

/// A TCP server on 127.0.0.1 that answers every connection with fixed bytes and then keeps it open (or closes it):
/// peers that stall, lie or do not speak HTTP.
final class RawServer: Sendable {
  let channel: any Channel
  var port: Int { channel.localAddress?.port ?? 0 }
  var url: String { "http://127.0.0.1:\(port)" }

  init(answer: [UInt8], close: Bool = false) async throws {
    channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelInitializer { channel in
        channel.pipeline.addHandler(Answerer(answer: answer, close: close))
      }
      .bind(host: "127.0.0.1", port: 0).get()
  }

  func stop() async {
    try? await channel.close()
  }

  private final class Answerer: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let answer: [UInt8]
    let close: Bool

    init(answer: [UInt8], close: Bool) {
      self.answer = answer
      self.close = close
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
      // Answer once the request has started to arrive; ignore the rest.
      guard !answer.isEmpty else { return }
      let buffer = context.channel.allocator.buffer(bytes: answer)
      let close = self.close
      context.writeAndFlush(NIOAny(buffer)).whenComplete { _ in
        if close { context.close(promise: nil) }
      }
    }
  }
}
