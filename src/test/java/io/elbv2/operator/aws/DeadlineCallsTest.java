package io.elbv2.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import io.elbv2.operator.config.AwsPartition;
import io.elbv2.operator.config.OperatorSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

/**
 * A call with a deadline, through the clients the operator builds, against AWS that never answers.
 */
class DeadlineCallsTest {

  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private ServerSocket silent;
  private AwsClients clients;

  @BeforeEach
  void awsThatAcceptsAndNeverAnswers() throws IOException {
    System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
    System.setProperty("aws.secretAccessKey", "secret");
    silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    var acceptor =
        new Thread(
            () -> {
              try {
                while (true) {
                  accepted.add(silent.accept());
                }
              } catch (IOException closed) {
                // the test is over
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
    clients =
        new AwsClients(
            settings(URI.create("http://127.0.0.1:" + silent.getLocalPort())),
            new SimpleMeterRegistry(),
            new AwsCallOrder());
  }

  @AfterEach
  void close() throws IOException {
    clients.close();
    silent.close();
    for (var socket : accepted) {
      socket.close();
    }
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  @Test
  void aCallWithADeadlineEndsWithinItsBudgetAndDoesNotWaitForATurn() {
    var elbv2 = clients.elbv2();
    // The only turn (elbv2.aws.max-concurrent-calls=1) goes to a call that waits for 30 s.
    var holder =
        new Thread(
            () -> {
              try {
                elbv2.describeLoadBalancers();
              } catch (RuntimeException expected) {
                // aborted when the test closes the connection
              }
            });
    holder.setDaemon(true);
    holder.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> accepted.size() == 1);

    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () ->
            assertThatThrownBy(
                    () ->
                        elbv2.describeTargetGroups(
                            r ->
                                r.overrideConfiguration(
                                    DeadlineCalls.within(
                                        Duration.ofSeconds(1), Duration.ofMillis(400)))))
                .isInstanceOf(ApiCallTimeoutException.class));
    assertThat(accepted.size())
        .as("attempts of the call with a deadline, retried")
        .isGreaterThan(2);
    elbv2.close();
  }

  @Test
  void aCallThatRunsOutOfTimeWhileAwsKeepsFailingCarriesAwsLastAnswer() throws IOException {
    var failing = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    failing.setExecutor(Executors.newCachedThreadPool());
    failing.createContext(
        "/",
        exchange -> {
          try (exchange) {
            exchange.getRequestBody().readAllBytes();
            // Slow enough that the budget ends before the retries do.
            Thread.sleep(300);
            var body =
                """
                <ErrorResponse><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code>
                <Message>Service is unavailable</Message></Error><RequestId>1</RequestId>
                </ErrorResponse>"""
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    failing.start();
    var failingClients =
        new AwsClients(
            settings(URI.create("http://127.0.0.1:" + failing.getAddress().getPort())),
            new SimpleMeterRegistry(),
            new AwsCallOrder());
    try (var elbv2 = failingClients.elbv2()) {
      assertThatThrownBy(
              () ->
                  elbv2.describeTargetGroups(
                      r ->
                          r.overrideConfiguration(
                              DeadlineCalls.within(Duration.ofSeconds(1), Duration.ofSeconds(15)))))
          .isInstanceOf(ApiCallTimeoutException.class)
          .satisfies(
              timeout ->
                  assertThat(timeout.getSuppressed())
                      .singleElement()
                      .isInstanceOfSatisfying(
                          AwsServiceException.class,
                          last -> {
                            assertThat(last.awsErrorDetails().errorCode())
                                .isEqualTo("ServiceUnavailable");
                            assertThat(last.awsErrorDetails().errorMessage())
                                .isEqualTo("Service is unavailable");
                            assertThat(last.statusCode()).isEqualTo(503);
                          }));
    } finally {
      failingClients.close();
      failing.stop(0);
    }
  }

  private static OperatorSettings settings(URI endpoint) {
    return new OperatorSettings(
        "prod-cluster",
        "us-west-2",
        AwsPartition.ofRegion("us-west-2"),
        Optional.empty(),
        Optional.of(endpoint),
        10,
        Duration.ofSeconds(30),
        Duration.ofSeconds(15),
        1,
        "alb",
        "service.k8s.aws/nlb",
        true,
        Map.of(),
        Set.of(),
        false,
        false,
        false,
        Map.of(),
        Duration.ofMinutes(10),
        Duration.ofMinutes(2),
        Duration.ofSeconds(15),
        0,
        0,
        Duration.ofSeconds(1000),
        Duration.ofSeconds(1000),
        Duration.ofSeconds(1000),
        List.of());
  }
}
