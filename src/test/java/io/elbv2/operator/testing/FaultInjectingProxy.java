package io.elbv2.operator.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.elbv2.operator.testing.iam.IamEnforcement;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy in front of moto that fails chosen AWS calls the way AWS does: throttling (HTTP
 * 400, {@code Throttling} / {@code RequestLimitExceeded}), server errors (HTTP 503) and answers
 * slower than a timeout. Faults are armed per API action and used up in order; everything else
 * passes through. It also counts requests per action, and per action and target group.
 */
public final class FaultInjectingProxy implements AutoCloseable {

  public enum Fault {
    THROTTLE,
    SERVER_ERROR,
    SLOW
  }

  private static final Set<String> HOP_HEADERS =
      Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding");

  private final URI target;
  private final HttpServer server;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, ConcurrentLinkedQueue<Fault>> armed = new ConcurrentHashMap<>();
  private final Map<String, Fault> standing = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requestsByTargetGroup = new ConcurrentHashMap<>();
  private volatile Duration slowness = Duration.ofSeconds(30);
  private volatile IamEnforcement iam;
  private volatile long lastRequestNanos;

  public FaultInjectingProxy(URI target) throws IOException {
    this.target = target;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The next {@code times} requests for {@code action} meet {@code fault}. */
  public void arm(String action, Fault fault, int times) {
    var queue = armed.computeIfAbsent(action, a -> new ConcurrentLinkedQueue<>());
    for (int i = 0; i < times; i++) {
      queue.add(fault);
    }
  }

  /** Every request for {@code action} meets {@code fault} until {@link #lift(String)}. */
  public void failUntilLifted(String action, Fault fault) {
    standing.put(action, fault);
  }

  /** Ends the standing fault of {@code action} (armed ones still wait their turn). */
  public void lift(String action) {
    standing.remove(action);
  }

  /**
   * From now on, calls the IAM policies deny are answered as AWS answers them and recorded (see
   * {@link IamEnforcement}).
   */
  public void enforce(IamEnforcement policies) {
    this.iam = policies;
  }

  /** How long a {@link Fault#SLOW} request waits before it is forwarded. */
  public void slowness(Duration delay) {
    this.slowness = delay;
  }

  public int requests(String action) {
    return requests.getOrDefault(action, new AtomicInteger()).get();
  }

  /** Requests for {@code action} that named the target group {@code targetGroupArn}. */
  public int requests(String action, String targetGroupArn) {
    return requestsByTargetGroup
        .getOrDefault(action + " " + targetGroupArn, new AtomicInteger())
        .get();
  }

  /** Requests so far, by action (EC2 and ELBv2 name their operations apart). */
  public java.util.SortedMap<String, Integer> requestsByAction() {
    var counts = new java.util.TreeMap<String, Integer>();
    requests.forEach((action, count) -> counts.put(action, count.get()));
    return counts;
  }

  /** When the last request came, in {@link System#nanoTime()}; 0 before the first. */
  public long lastRequestNanos() {
    return lastRequestNanos;
  }

  public void reset() {
    armed.clear();
    standing.clear();
    requests.clear();
    requestsByTargetGroup.clear();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      var body = exchange.getRequestBody().readAllBytes();
      var action = action(exchange, body);
      lastRequestNanos = System.nanoTime();
      requests.computeIfAbsent(action, a -> new AtomicInteger()).incrementAndGet();
      var targetGroup = parameter(exchange, body, "TargetGroupArn");
      if (targetGroup != null) {
        requestsByTargetGroup
            .computeIfAbsent(action + " " + targetGroup, a -> new AtomicInteger())
            .incrementAndGet();
      }
      var denial = denial(exchange, body);
      if (denial.isPresent()) {
        IamEnforcement.record(denial.get());
        if (isJson(exchange)) {
          replyJson(
              exchange,
              400,
              "AccessDeniedException",
              "not authorized by the operator's IAM policy: " + denial.get());
          return;
        }
        var ec2 = isEc2(exchange);
        reply(
            exchange,
            ec2 ? 403 : 400,
            error(
                ec2,
                ec2 ? "UnauthorizedOperation" : "AccessDenied",
                "not authorized by the operator's IAM policy: " + denial.get()));
        return;
      }
      var queue = armed.get(action);
      var fault = queue == null ? null : queue.poll();
      if (fault == null) {
        fault = standing.get(action);
      }
      if (fault == Fault.THROTTLE && isJson(exchange)) {
        replyJson(exchange, 400, "ThrottlingException", "Rate exceeded");
        return;
      }
      if (fault == Fault.SERVER_ERROR && isJson(exchange)) {
        replyJson(exchange, 503, "ServiceUnavailable", "Service is unavailable");
        return;
      }
      if (fault == Fault.THROTTLE) {
        var ec2 = isEc2(exchange);
        reply(
            exchange,
            400,
            error(ec2, ec2 ? "RequestLimitExceeded" : "Throttling", "Rate exceeded"));
        return;
      }
      if (fault == Fault.SERVER_ERROR) {
        reply(
            exchange, 503, error(isEc2(exchange), "ServiceUnavailable", "Service is unavailable"));
        return;
      }
      if (fault == Fault.SLOW) {
        Thread.sleep(slowness.toMillis());
      }
      forward(exchange, body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void forward(HttpExchange exchange, byte[] body)
      throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!HOP_HEADERS.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
              }
            });
    var response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
              }
            });
    reply(exchange, response.statusCode(), response.body());
  }

  private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    exchange.getResponseBody().write(body);
  }

  private static byte[] error(boolean ec2, String code, String text) {
    var message = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    var xml =
        ec2
            ? "<Response><Errors><Error><Code>"
                + code
                + "</Code><Message>"
                + message
                + "</Message></Error></Errors><RequestID>fault-proxy</RequestID></Response>"
            : "<ErrorResponse><Error><Type>Sender</Type><Code>"
                + code
                + "</Code><Message>"
                + message
                + "</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>";
    return xml.getBytes(StandardCharsets.UTF_8);
  }

  private Optional<String> denial(HttpExchange exchange, byte[] body) {
    var policies = iam;
    var authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (policies == null || authorization == null) {
      return Optional.empty();
    }
    // Credential=<key>/<date>/<region>/<service>/aws4_request
    var scope = authorization.replaceAll(".*Credential=([^,]*).*", "$1").split("/");
    if (scope.length < 5) {
      return Optional.empty();
    }
    return policies.denial(scope[3], scope[2], parameters(exchange, body));
  }

  private static boolean isEc2(HttpExchange exchange) {
    var authorization = exchange.getRequestHeaders().getFirst("Authorization");
    return authorization != null && authorization.contains("/ec2/aws4_request");
  }

  /** ACM speaks AWS's JSON protocol: the action is the {@code X-Amz-Target} header's. */
  private static boolean isJson(HttpExchange exchange) {
    return exchange.getRequestHeaders().getFirst("X-Amz-Target") != null;
  }

  /**
   * The action: {@code Action=DescribeLoadBalancers} in a query-protocol form body, {@code
   * X-Amz-Target: CertificateManager.ListCertificates} in a JSON-protocol request.
   */
  private static String action(HttpExchange exchange, byte[] body) {
    var target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    if (target != null) {
      return target.substring(target.lastIndexOf('.') + 1);
    }
    var action = parameter(exchange, body, "Action");
    return action == null ? "" : action;
  }

  private static void replyJson(HttpExchange exchange, int status, String type, String message)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
    var json = "{\"__type\":\"" + type + "\",\"message\":\"" + message.replace("\"", "'") + "\"}";
    reply(exchange, status, json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Every query-protocol parameter of the form body and the query string; for a JSON-protocol
   * request, only its action.
   */
  private static Map<String, String> parameters(HttpExchange exchange, byte[] body) {
    var parameters = new java.util.LinkedHashMap<String, String>();
    if (isJson(exchange)) {
      parameters.put("Action", action(exchange, body));
      return parameters;
    }
    var query = exchange.getRequestURI().getRawQuery();
    for (var text :
        new String[] {new String(body, StandardCharsets.UTF_8), query == null ? "" : query}) {
      for (var pair : text.split("&")) {
        var equals = pair.indexOf('=');
        if (equals > 0) {
          parameters.putIfAbsent(
              URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return parameters;
  }

  /** A query-protocol parameter of the form body or the query string. */
  private static String parameter(HttpExchange exchange, byte[] body, String name) {
    var form = new String(body, StandardCharsets.UTF_8);
    var query = exchange.getRequestURI().getRawQuery();
    for (var text : new String[] {form, query == null ? "" : query}) {
      for (var pair : text.split("&")) {
        if (pair.startsWith(name + "=")) {
          return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
        }
      }
    }
    return null;
  }
}
