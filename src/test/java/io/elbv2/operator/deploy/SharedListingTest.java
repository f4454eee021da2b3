package io.elbv2.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedListingTest {

  @Test
  void callersThatBeganBeforeAListingStartedShareItInsteadOfListingAgain() throws Exception {
    var listings = new AtomicInteger();
    var release = new CountDownLatch(1);
    var listing =
        new SharedListing<>(
            () -> {
              int n = listings.incrementAndGet();
              waitFor(release);
              return "listing " + n;
            });
    long began = System.nanoTime();

    var first = CompletableFuture.supplyAsync(() -> listing.begunSince(began));
    await().atMost(5, TimeUnit.SECONDS).until(() -> listings.get() == 1);
    var second = CompletableFuture.supplyAsync(() -> listing.begunSince(began));
    release.countDown();

    assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("listing 1");
    assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("listing 1");
    assertThat(listings).hasValue(1);
  }

  @Test
  void aCallerThatBeganAfterTheLastListingStartedGetsANewOne() {
    var listings = new AtomicInteger();
    var listing = new SharedListing<>(() -> "listing " + listings.incrementAndGet());

    assertThat(listing.begunSince(System.nanoTime())).isEqualTo("listing 1");
    assertThat(listing.begunSince(System.nanoTime())).isEqualTo("listing 2");
  }

  @Test
  void aFailedListingIsNotReusedByTheNextCaller() {
    var listings = new AtomicInteger();
    var listing =
        new SharedListing<>(
            () -> {
              if (listings.incrementAndGet() == 1) {
                throw new IllegalStateException("throttled");
              }
              return "listing " + listings.get();
            });
    long began = System.nanoTime();

    assertThatThrownBy(() -> listing.begunSince(began)).hasMessage("throttled");
    assertThat(listing.begunSince(began)).isEqualTo("listing 2");
  }

  private static void waitFor(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
