package io.elbv2.operator.testing;

import java.net.URI;

/**
 * Where the operator under test serves its admission webhooks (HTTPS, certificate for 127.0.0.1).
 */
public record WebhookEndpoint(URI base) {

  public String url(String path) {
    return base.resolve(path).toString();
  }
}
