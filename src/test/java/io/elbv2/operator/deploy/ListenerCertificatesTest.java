package io.elbv2.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbv2.operator.deploy.ListenerCertificates.Changes;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ListenerCertificatesTest {

  @Test
  void certificatesTheStackNoLongerNamesAreRemovedAndNewOnesAdded() {
    var changes = Changes.between(Set.of("arn:b", "arn:c"), List.of("arn:c", "arn:d"));

    assertThat(changes.add()).containsExactly("arn:d");
    assertThat(changes.remove()).containsExactly("arn:b");
  }

  @Test
  void theSameCertificatesInAnotherOrderAreNoChange() {
    assertThat(Changes.between(Set.of("arn:b", "arn:c"), List.of("arn:c", "arn:b")).none())
        .isTrue();
  }

  @Test
  void aListenerLeftWithOnlyItsDefaultLosesEveryOther() {
    var changes = Changes.between(Set.of("arn:b", "arn:c"), List.of());

    assertThat(changes.add()).isEmpty();
    assertThat(changes.remove()).containsExactly("arn:b", "arn:c");
  }
}
