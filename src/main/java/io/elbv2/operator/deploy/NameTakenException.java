package io.elbv2.operator.deploy;

/**
 * AWS already has an object of the name the stack wants, and it cannot be the stack's: AWS keeps
 * load balancer and target group names unique, so the stack's own cannot be made either.
 */
public final class NameTakenException extends RuntimeException {

  NameTakenException(String what, String name, String why) {
    super(what + " " + name + " exists and " + why + "; AWS keeps names unique, so none is made");
  }
}
