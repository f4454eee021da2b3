package io.elbv2.operator.deploy;

import io.elbv2.operator.model.OwnershipTags;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Optional;
import java.util.function.Function;

/**
 * A kind of stack (Service, Ingress group): the tags that mark its AWS objects and which Kubernetes
 * object a stack tag value belongs to.
 *
 * @param primaryOf the object whose reconciler deploys the stack with this id, if any
 */
public record StackKind(OwnershipTags tags, Function<String, Optional<ResourceID>> primaryOf) {}
