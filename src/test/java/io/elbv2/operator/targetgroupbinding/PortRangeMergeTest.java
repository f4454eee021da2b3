package io.elbv2.operator.targetgroupbinding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PortRangeMergeTest {

  private static final String BACKEND = "sg-0backend";
  private static final String OTHER = "sg-0other";
  private static final String VPC = "10.0.0.0/16";

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("nothing wanted", List.of(), List.of()),
        Arguments.of(
            "one port stays one port", List.of(tcp(30020, BACKEND)), List.of(tcp(30020, BACKEND))),
        Arguments.of(
            "node ports from one group become one range",
            List.of(tcp(31000, BACKEND), tcp(30020, BACKEND), tcp(32320, BACKEND)),
            List.of(new Permission("tcp", 30020, 32320, BACKEND))),
        Arguments.of(
            "the same port twice is one rule",
            List.of(tcp(30020, BACKEND), tcp(30020, BACKEND)),
            List.of(tcp(30020, BACKEND))),
        Arguments.of(
            "a range already wider absorbs the ports",
            List.of(new Permission("tcp", 0, 65535, BACKEND), tcp(30020, BACKEND)),
            List.of(new Permission("tcp", 0, 65535, BACKEND))),
        Arguments.of(
            "ranges from one group join across a gap",
            List.of(new Permission("tcp", 30000, 30010, BACKEND), tcp(30100, BACKEND)),
            List.of(new Permission("tcp", 30000, 30100, BACKEND))),
        Arguments.of(
            "each source group has its own range",
            List.of(tcp(30020, BACKEND), tcp(30040, BACKEND), tcp(30030, OTHER)),
            List.of(new Permission("tcp", 30020, 30040, BACKEND), tcp(30030, OTHER))),
        Arguments.of(
            "each protocol has its own range",
            List.of(
                tcp(30020, BACKEND),
                tcp(30040, BACKEND),
                new Permission("udp", 30053, 30053, BACKEND)),
            List.of(
                new Permission("tcp", 30020, 30040, BACKEND),
                new Permission("udp", 30053, 30053, BACKEND))),
        Arguments.of(
            "CIDR sources keep one rule per port",
            List.of(tcp(30020, VPC), tcp(30040, VPC), tcp(30020, BACKEND), tcp(30040, BACKEND)),
            List.of(
                tcp(30020, VPC), tcp(30040, VPC), new Permission("tcp", 30020, 30040, BACKEND))),
        Arguments.of(
            "IPv6 CIDR sources keep one rule per port",
            List.of(tcp(30020, "2001:db8::/56"), tcp(30040, "2001:db8::/56")),
            List.of(tcp(30020, "2001:db8::/56"), tcp(30040, "2001:db8::/56"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rulesFromOneGroupMergeIntoOneRangePerProtocol(
      String name, List<Permission> wanted, List<Permission> rules) {
    assertThat(NetworkingRules.merge(wanted)).containsExactlyInAnyOrderElementsOf(rules);
  }

  private static Permission tcp(int port, String source) {
    return new Permission("tcp", port, port, source);
  }
}
