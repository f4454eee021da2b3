package io.elbv2.operator.ingress;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.util.Set;

/**
 * Asks for a reconciliation of a group's leader when another member changed. Requests that arrive
 * while the leader is being reconciled are folded into one more reconciliation, so a burst of
 * member changes costs one or two deploys of the group, not one per member.
 */
final class GroupTrigger extends AbstractEventSource<GroupTrigger.Request, Ingress> {

  /** Nothing is cached: the event itself is the request. */
  static final class Request {
    private Request() {}
  }

  GroupTrigger() {
    super(Request.class, "ingress-group-leaders");
  }

  void reconcile(ResourceID leader) {
    if (isRunning()) {
      getEventHandler().handleEvent(new Event(leader));
    }
  }

  @Override
  public Set<Request> getSecondaryResources(Ingress primary) {
    return Set.of();
  }
}
