package io.elbv2.operator.ingress;

import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.ModelBuildException;
import io.elbv2.operator.model.Stack;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The stack of a group whose members may not all be valid. An Ingress the load balancer does not
 * serve yet and whose own annotations or backends cannot be used, or whose model the builder fails
 * on for another reason, is left out, with its error, and the rest of the group is served; the Go
 * controller would stop the whole group instead. A member already served that turns bad holds the
 * group as it is, since leaving it out would delete the rules its traffic uses.
 *
 * @param stack the stack to deploy, none when no member can be served
 * @param refused the members left out, with why: an {@link InvalidAnnotationException} waits for an
 *     edit, anything else is tried again
 */
record GroupModel(Optional<Stack> stack, Map<Ingress, RuntimeException> refused) {

  /**
   * @param served whether the load balancer already serves an Ingress
   * @throws InvalidAnnotationException when the group cannot be deployed at all: a conflict between
   *     members, or a served member that turned bad (the message names it)
   * @throws RuntimeException when the builder fails on the group for another reason, as a {@link
   *     ModelBuildException} naming the served member it fails on
   */
  static GroupModel build(
      String groupId,
      List<Ingress> members,
      Function<String, Optional<Service>> services,
      AlbContext context,
      Predicate<Ingress> served) {
    try {
      return new GroupModel(
          Optional.of(AlbModelBuilder.build(IngressGroup.of(groupId, members), services, context)),
          Map.of());
    } catch (RuntimeException groupError) {
      var refused = new LinkedHashMap<Ingress, RuntimeException>();
      for (var member : members) {
        var error = errorAlone(groupId, member, services, context);
        if (error.isPresent() && served.test(member)) {
          throw in(member, error.get());
        }
        error.ifPresent(e -> refused.put(member, e));
      }
      if (refused.isEmpty()) {
        throw groupError;
      }
      var valid = new ArrayList<>(members);
      valid.removeAll(refused.keySet());
      var stack =
          valid.isEmpty()
              ? Optional.<Stack>empty()
              : Optional.of(
                  AlbModelBuilder.build(IngressGroup.of(groupId, valid), services, context));
      return new GroupModel(stack, refused);
    }
  }

  /** A refusal that is not for a bad value, naming its member: the group is tried again. */
  Optional<ModelBuildException> retry() {
    return refused.entrySet().stream()
        .filter(refusal -> !(refusal.getValue() instanceof InvalidAnnotationException))
        .findFirst()
        .map(refusal -> new ModelBuildException("in " + key(refusal.getKey()), refusal.getValue()));
  }

  private static Optional<RuntimeException> errorAlone(
      String groupId,
      Ingress member,
      Function<String, Optional<Service>> services,
      AlbContext context) {
    try {
      AlbModelBuilder.build(IngressGroup.of(groupId, List.of(member)), services, context);
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of(e);
    }
  }

  private static RuntimeException in(Ingress member, RuntimeException error) {
    return error instanceof InvalidAnnotationException invalid
        ? new InvalidAnnotationException(
            invalid.annotation(), "in " + key(member) + ": " + invalid.getMessage())
        : new ModelBuildException("in " + key(member), error);
  }

  private static String key(Ingress ingress) {
    return ingress.getMetadata().getNamespace() + "/" + ingress.getMetadata().getName();
  }
}
