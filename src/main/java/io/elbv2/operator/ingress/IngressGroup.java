package io.elbv2.operator.ingress;

import io.elbv2.operator.kubernetes.Annotations;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Ingresses that share one Application Load Balancer, as the Go controller groups them: those
 * of the same {@value #NAME} (an explicit group, whatever their namespaces), or one Ingress alone
 * (an implicit group named after it). Members are in {@value #ORDER} order (-1000 to 1000, 0 by
 * default), then by namespace and name; their rules are given priorities in that order.
 *
 * @param id {@code <name>} for an explicit group, {@code <namespace>/<name>} for an implicit one,
 *     as the stack tag {@code ingress.k8s.aws/stack} names it
 */
public record IngressGroup(String id, List<Member> members) {

  public static final String NAME = "alb.ingress.kubernetes.io/group.name";
  public static final String ORDER = "alb.ingress.kubernetes.io/group.order";
  private static final Pattern GROUP_NAME = Pattern.compile("^([a-z0-9][-a-z0-9.]*)?[a-z0-9]$");
  private static final int MAX_NAME = 63;
  private static final int MIN_ORDER = -1000;
  private static final int MAX_ORDER = 1000;

  public IngressGroup {
    members = List.copyOf(members);
  }

  /** An Ingress of the group, with its order and what it asks of the load balancer. */
  public record Member(Ingress ingress, int order, IngressSettings settings) {

    String key() {
      return ingress.getMetadata().getNamespace() + "/" + ingress.getMetadata().getName();
    }
  }

  /** The group an Ingress belongs to; a bad {@value #NAME} is an error naming it. */
  public static String idOf(Ingress ingress) {
    var meta = ingress.getMetadata();
    var annotations = meta.getAnnotations();
    var name = annotations == null ? null : annotations.get(NAME);
    if (name == null) {
      return meta.getNamespace() + "/" + meta.getName();
    }
    if (name.length() > MAX_NAME || !GROUP_NAME.matcher(name).matches()) {
      throw new InvalidAnnotationException(
          NAME,
          "'"
              + name
              + "' must be at most 63 lowercase letters, digits, '-' and '.', starting and ending"
              + " with a letter or digit");
    }
    return name;
  }

  /** Whether the group is one Ingress alone, named after it (no {@value #NAME}). */
  public boolean implicit() {
    return id.contains("/");
  }

  /**
   * The group of these members, sorted; a bad {@value #ORDER}, or a bad setting of a member, is an
   * error naming it.
   *
   * @param ingresses the Ingresses whose {@link #idOf} is {@code id}
   */
  public static IngressGroup of(String id, List<Ingress> ingresses) {
    var members =
        ingresses.stream()
            .map(ingress -> new Member(ingress, orderOf(ingress), IngressSettings.of(ingress)))
            .sorted(Comparator.comparingInt(Member::order).thenComparing(Member::key))
            .toList();
    return new IngressGroup(id, members);
  }

  private static int orderOf(Ingress ingress) {
    return new Annotations(ingress.getMetadata().getAnnotations())
        .integer(ORDER, 0, MIN_ORDER, MAX_ORDER);
  }
}
