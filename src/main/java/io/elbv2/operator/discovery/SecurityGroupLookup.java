package io.elbv2.operator.discovery;

import java.util.List;

/** Resolves the security groups an annotation names; the AWS-backed one lives outside the model. */
@FunctionalInterface
public interface SecurityGroupLookup {

  /** Group ids for ids or {@code Name} tags, in the given order. */
  List<String> resolve(List<String> idsOrNames);
}
