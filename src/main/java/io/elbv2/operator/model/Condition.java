package io.elbv2.operator.model;

import java.util.List;

/**
 * What a request must carry for a listener rule to take it, one of ELBv2's condition kinds. Within
 * a condition any value may match; a rule takes a request that meets all its conditions.
 */
public sealed interface Condition {

  /**
   * {@code host-header}: the request's host is one of these (wildcards {@code *} and {@code ?}).
   */
  record HostHeader(List<String> values) implements Condition {
    public HostHeader {
      values = List.copyOf(values);
    }
  }

  /** {@code path-pattern}: the request's path matches one of these patterns. */
  record PathPattern(List<String> values) implements Condition {
    public PathPattern {
      values = List.copyOf(values);
    }
  }

  /** {@code http-header}: the header named so has one of these values. */
  record HttpHeader(String name, List<String> values) implements Condition {
    public HttpHeader {
      values = List.copyOf(values);
    }
  }

  /** {@code http-request-method}: the request's method is one of these. */
  record HttpRequestMethod(List<String> values) implements Condition {
    public HttpRequestMethod {
      values = List.copyOf(values);
    }
  }

  /** {@code query-string}: the query has one of these pairs. */
  record QueryString(List<KeyValue> values) implements Condition {
    public QueryString {
      values = List.copyOf(values);
    }
  }

  /**
   * One query-string pair.
   *
   * @param key {@code null}: any key with this value
   */
  record KeyValue(String key, String value) {}

  /** {@code source-ip}: the client's address is in one of these CIDR blocks. */
  record SourceIp(List<String> values) implements Condition {
    public SourceIp {
      values = List.copyOf(values);
    }
  }

  static Condition hosts(List<String> hosts) {
    return new HostHeader(hosts);
  }

  static Condition paths(List<String> patterns) {
    return new PathPattern(patterns);
  }
}
