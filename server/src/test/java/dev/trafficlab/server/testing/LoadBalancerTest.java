package dev.trafficlab.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The nginx fixture: round-robin, and a refused server skipped with no failed request. */
class LoadBalancerTest {
  private static HttpServer named(String name, int port) throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = (name + " " + exchange.getRequestMethod()).getBytes(StandardCharsets.UTF_8);
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return server;
  }

  private static String get(HttpClient client, String url, String method) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .method(method, HttpRequest.BodyPublishers.ofString("{}"))
            .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  @Test
  void requestsAlternateAndGoToTheOtherServerWhileOneIsDown() throws Exception {
    int portA = FreePorts.next();
    int portB = FreePorts.next();
    HttpServer a = named("a", portA);
    HttpServer b = named("b", portB);
    HttpClient client = HttpClient.newHttpClient();
    try (LoadBalancer nginx = LoadBalancer.roundRobin(List.of(portA, portB))) {
      List<String> answers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        answers.add(get(client, nginx.base() + "/x", "GET"));
      }
      assertThat(answers).containsExactlyInAnyOrder("a GET", "b GET", "a GET", "b GET");

      a.stop(0);
      List<String> whileDown = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        whileDown.add(get(client, nginx.base() + "/x", i % 2 == 0 ? "GET" : "POST"));
      }
      assertThat(whileDown).containsOnly("b GET", "b POST");
      assertThat(nginx.accessLog()).anyMatch(line -> line.startsWith("127.0.0.1:" + portA + ", "));

      a = named("a", portA);
      List<String> back = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        back.add(get(client, nginx.base() + "/x", "GET"));
      }
      assertThat(back).contains("a GET", "b GET");
    } finally {
      a.stop(0);
      b.stop(0);
    }
  }
}
