package io.elbv2.operator.model;

import java.util.regex.Pattern;

/** IPv4 and IPv6 CIDR blocks as EC2 takes them, checked without any name lookup. */
public final class Cidrs {

  private static final Pattern IPV4 =
      Pattern.compile(
          "^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
  private static final Pattern HEX_GROUP = Pattern.compile("^[0-9a-fA-F]{1,4}$");

  private Cidrs() {}

  public static boolean isIpv6(String cidr) {
    return cidr.contains(":");
  }

  /** Whether the text is an IPv4 address in dotted decimal, {@code 10.0.0.1}. */
  public static boolean isIpv4Address(String address) {
    return IPV4.matcher(address).matches();
  }

  /**
   * Whether the text is an address with a prefix length, {@code 10.0.0.0/16} or {@code
   * 2001:db8::/32}.
   */
  public static boolean valid(String cidr) {
    var slash = cidr.indexOf('/');
    if (slash < 0 || slash != cidr.lastIndexOf('/')) {
      return false;
    }
    var address = cidr.substring(0, slash);
    var prefix = cidr.substring(slash + 1);
    if (!prefix.matches("\\d{1,3}")) {
      return false;
    }
    var length = Integer.parseInt(prefix);
    return isIpv6(address)
        ? length <= 128 && ipv6(address)
        : length <= 32 && IPV4.matcher(address).matches();
  }

  private static boolean ipv6(String address) {
    var halves = address.split("::", -1);
    if (halves.length > 2) {
      return false;
    }
    int groups = 0;
    for (var half : halves) {
      if (half.isEmpty()) {
        continue;
      }
      for (var group : half.split(":", -1)) {
        if (!HEX_GROUP.matcher(group).matches()) {
          return false;
        }
        groups++;
      }
    }
    return halves.length == 2 ? groups < 8 : groups == 8;
  }
}
