package io.elbv2.operator.targetgroupbinding;

/**
 * Why a binding cannot be served right now, in words for its status condition and a Warning event.
 * Not retried quickly: the operator looks again after a while and whenever the binding or its
 * Service changes.
 */
public class BindingProblem extends RuntimeException {

  private final String reason;

  public BindingProblem(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
