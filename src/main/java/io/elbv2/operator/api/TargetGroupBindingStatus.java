package io.elbv2.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** What the operator last did for a {@link TargetGroupBinding}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetGroupBindingStatus(Long observedGeneration, List<Condition> conditions) {}
