package dev.governor.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.governor.storage.memory.MemoryStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: 200 connections trickling bytes (half stuck in their headers, half in a body) hold no
 * thread of the server's pool (8 threads here), so a normal client's requests are answered while
 * they trickle. The time bound is a liveness bound, not a speed assertion.
 */
class SlowClientsTest {
  private static final int SLOW = 200;

  @Test
  void requests_whileTwoHundredClientsTrickle_normalClientIsServed() throws Exception {
    try (ServerFixture api = new ServerFixture(MemoryStore.create(), GovernorServer.builder().threads(8))) {
      Trees.acme(api, "cus-acme");
      List<Socket> slow = new ArrayList<>();
      List<byte[]> pending = new ArrayList<>();
      for (int i = 0; i < SLOW; i++) {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", api.server.port()), 5_000);
        slow.add(s);
        String request = i % 2 == 0
            ? "POST /owners/cus-acme/check HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + ServerFixture.ADMIN + "\r\nX-Padding: " + "p".repeat(200) + "\r\n\r\n"
            : "POST /owners/cus-acme/check HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + ServerFixture.ADMIN
                + "\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{\"entityIds\": [\"user-alice\"], " + " ".repeat(3000);
        pending.add(request.getBytes(StandardCharsets.US_ASCII));
      }
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger trickled = new AtomicInteger();
      Thread trickler = new Thread(() -> {
        int at = 0;
        while (!stop.get()) {
          for (int i = 0; i < SLOW; i++) {
            byte[] bytes = pending.get(i);
            if (at < bytes.length) {
              try {
                OutputStream out = slow.get(i).getOutputStream();
                out.write(bytes[at]);
                out.flush();
                trickled.incrementAndGet();
              } catch (IOException e) {
                // the server closed it: fine, it is a slow client
              }
            }
          }
          at++;
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "trickler");
      trickler.start();
      try {
        // Let every slow client get well into its request before the normal client starts.
        while (trickled.get() < SLOW * 20) {
          Thread.sleep(10);
        }
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
          for (int i = 0; i < 50; i++) {
            ServerFixture.Reply r = api.post("/owners/cus-acme/check",
                "{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"requestedAmount\": 1}");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body().get("hasAccess").asBoolean()).isTrue();
          }
        });
        assertThat(trickler.isAlive()).as("the slow clients were still trickling").isTrue();
      } finally {
        stop.set(true);
        trickler.join();
        for (Socket s : slow) {
          s.close();
        }
      }
    }
  }
}
