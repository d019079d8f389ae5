package dev.trafficlab.server.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.time.Duration;

/**
 * A TCP relay on loopback whose answers arrive late: what a server reaching its Redis over a slow
 * network sees (every reply and every announcement {@code delay} late, in order). Real bytes both
 * ways; only time is added.
 */
public final class SlowLink implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final NetServer server;

  private SlowLink(String host, int port, Duration delay) {
    server =
        vertx
            .createNetServer()
            .connectHandler(client -> relay(client, host, port, delay.toMillis()))
            .listen(0, "127.0.0.1")
            .await();
  }

  /** A relay to host:port, answers {@code delay} late. */
  public static SlowLink to(String host, int port, Duration delay) {
    return new SlowLink(host, port, delay);
  }

  public int port() {
    return server.actualPort();
  }

  private void relay(NetSocket client, String host, int port, long delayMillis) {
    client.pause();
    vertx
        .createNetClient()
        .connect(port, host)
        .onFailure(err -> client.close())
        .onSuccess(
            upstream -> {
              client.handler(upstream::write);
              // timers of one delay fire in the order they were set: the bytes stay in order
              upstream.handler(
                  (Buffer data) -> vertx.setTimer(delayMillis, t -> client.write(data)));
              client.closeHandler(v -> upstream.close());
              upstream.closeHandler(v -> vertx.setTimer(delayMillis, t -> client.close()));
              client.resume();
            });
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
