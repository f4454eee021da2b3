package io.elbv2.operator.model;

/**
 * How a target group checks its targets.
 *
 * @param port {@code traffic-port} or a port number
 * @param path for HTTP and HTTPS checks only
 * @param successCodes for HTTP and HTTPS checks only
 */
public record HealthCheckSpec(
    String protocol,
    String port,
    String path,
    int intervalSeconds,
    int timeoutSeconds,
    int healthyThreshold,
    int unhealthyThreshold,
    String successCodes) {}
