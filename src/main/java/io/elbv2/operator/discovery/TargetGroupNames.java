package io.elbv2.operator.discovery;

import java.util.Optional;

/** The ARNs of target groups named in Ingress actions ({@code targetGroupName}). */
public interface TargetGroupNames {

  /**
   * @return the ARN of the account's target group of that name in the region, if there is one
   */
  Optional<String> arnOf(String name);
}
