package io.elbv2.operator.service;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.LoadBalancerStatusBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Objects;

/**
 * What a Service's status says about its load balancer: the hostname, and a condition {@value
 * #CONDITION} that is True once it is served and False with the reason when its annotations cannot
 * be used. Each method changes the Service in memory and says whether anything changed, so that an
 * unchanged status is never written.
 */
final class LoadBalancerStatus {

  static final String CONDITION = "service.k8s.aws/LoadBalancerReady";

  private LoadBalancerStatus() {}

  static boolean served(Service service, String hostname) {
    var status = statusOf(service);
    var ingress = status.getLoadBalancer() == null ? null : status.getLoadBalancer().getIngress();
    boolean hostnameChanged =
        ingress == null
            || ingress.size() != 1
            || !Objects.equals(ingress.get(0).getHostname(), hostname);
    if (hostnameChanged) {
      status.setLoadBalancer(
          new LoadBalancerStatusBuilder()
              .addNewIngress()
              .withHostname(hostname)
              .endIngress()
              .build());
    }
    boolean conditionChanged =
        setCondition(service, "True", "SuccessfullyReconciled", "the load balancer is " + hostname);
    return hostnameChanged || conditionChanged;
  }

  static boolean hasHostname(Service service) {
    var status = service.getStatus();
    return status != null
        && status.getLoadBalancer() != null
        && status.getLoadBalancer().getIngress() != null
        && !status.getLoadBalancer().getIngress().isEmpty();
  }

  /** Clears the hostname and the condition of a Service no longer served. */
  static boolean released(Service service) {
    var status = service.getStatus();
    if (status == null) {
      return false;
    }
    boolean hadHostname = status.getLoadBalancer() != null;
    status.setLoadBalancer(null);
    boolean hadCondition =
        status.getConditions() != null
            && status.getConditions().removeIf(c -> CONDITION.equals(c.getType()));
    return hadHostname || hadCondition;
  }

  static boolean failed(Service service, String reason, String message) {
    return setCondition(service, "False", reason, message);
  }

  private static boolean setCondition(
      Service service, String state, String reason, String message) {
    var status = statusOf(service);
    var conditions =
        status.getConditions() == null
            ? new ArrayList<Condition>()
            : new ArrayList<>(status.getConditions());
    var current = conditions.stream().filter(c -> CONDITION.equals(c.getType())).findFirst();
    if (current.isPresent()
        && state.equals(current.get().getStatus())
        && reason.equals(current.get().getReason())
        && message.equals(current.get().getMessage())) {
      return false;
    }
    var transition =
        current.isPresent() && state.equals(current.get().getStatus())
            ? current.get().getLastTransitionTime()
            : Instant.now().toString();
    conditions.removeIf(c -> CONDITION.equals(c.getType()));
    conditions.add(
        new ConditionBuilder()
            .withType(CONDITION)
            .withStatus(state)
            .withReason(reason)
            .withMessage(message)
            .withLastTransitionTime(transition)
            .withObservedGeneration(service.getMetadata().getGeneration())
            .build());
    status.setConditions(conditions);
    return true;
  }

  private static ServiceStatus statusOf(Service service) {
    if (service.getStatus() == null) {
      service.setStatus(new ServiceStatus());
    }
    return service.getStatus();
  }
}
