package io.elbv2.operator.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbv2.operator.model.LoadBalancerSpec.Scheme;
import io.elbv2.operator.testing.SettableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedSubnetLookupTest {

  private final AtomicInteger discoveries = new AtomicInteger();
  private final SubnetLookup ec2 =
      new SubnetLookup() {
        @Override
        public List<String> discover(Scheme scheme) {
          return List.of("subnet-" + scheme + "-" + discoveries.incrementAndGet());
        }

        @Override
        public List<NamedSubnet> resolve(List<String> idsOrNames) {
          return List.of();
        }
      };

  @Test
  void discoveryIsAskedOncePerSchemeUntilItIsOld() {
    var clock = new SettableClock(Instant.parse("2026-11-25T12:00:00Z"));
    var cached = new CachedSubnetLookup(ec2, Duration.ofMinutes(2), clock);

    var first = cached.discover(Scheme.INTERNAL);
    clock.advance(Duration.ofSeconds(119));
    assertThat(cached.discover(Scheme.INTERNAL)).isEqualTo(first);
    cached.discover(Scheme.INTERNET_FACING);
    assertThat(discoveries).hasValue(2);

    clock.advance(Duration.ofSeconds(2));
    assertThat(cached.discover(Scheme.INTERNAL)).isNotEqualTo(first);
    assertThat(discoveries).hasValue(3);
  }

  @Test
  void reconcilesAskingAtOnceShareOneDiscovery() throws Exception {
    var asked = new AtomicInteger();
    var answer = new java.util.concurrent.CountDownLatch(1);
    SubnetLookup slow =
        new SubnetLookup() {
          @Override
          public List<String> discover(Scheme scheme) {
            asked.incrementAndGet();
            try {
              answer.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return List.of("subnet-a", "subnet-b");
          }

          @Override
          public List<NamedSubnet> resolve(List<String> idsOrNames) {
            return List.of();
          }
        };
    var cached = new CachedSubnetLookup(slow, Duration.ofMinutes(2), Clock.systemUTC());
    var pool = java.util.concurrent.Executors.newFixedThreadPool(20);
    try {
      var answers =
          java.util.stream.IntStream.range(0, 20)
              .mapToObj(i -> pool.submit(() -> cached.discover(Scheme.INTERNAL)))
              .toList();
      Thread.sleep(200);
      answer.countDown();
      for (var future : answers) {
        assertThat(future.get()).containsExactly("subnet-a", "subnet-b");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(asked).hasValue(1);
  }
}
