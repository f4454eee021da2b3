package io.elbv2.operator.targetgroupbinding;

import io.elbv2.operator.api.TargetGroupBindingSpec.TargetType;

/** What the operator needs to know of an ELBv2 target group. */
public record TargetGroup(
    String arn, String name, TargetType targetType, String protocol, String vpcId, boolean ipv6) {}
