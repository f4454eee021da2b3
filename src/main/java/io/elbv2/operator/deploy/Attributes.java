package io.elbv2.operator.deploy;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Load balancer and target group attributes: only those asked for are compared and written. */
final class Attributes {

  private Attributes() {}

  /**
   * The wanted attributes whose value AWS does not hold yet; attributes not asked for are left as
   * they are.
   */
  /** The current attributes, read (one call) only when some are wanted. */
  static Map<String, String> currentIfWanted(
      Map<String, String> wanted, Supplier<Map<String, String>> read) {
    return wanted.isEmpty() ? Map.of() : read.get();
  }

  /** Writes (one call) the wanted attributes whose value differs, if any. */
  static void writeChanged(
      Map<String, String> wanted,
      Map<String, String> current,
      Consumer<Map<String, String>> write) {
    var changed = changed(wanted, current);
    if (!changed.isEmpty()) {
      write.accept(changed);
    }
  }

  static Map<String, String> changed(Map<String, String> wanted, Map<String, String> current) {
    var changed = new TreeMap<String, String>();
    wanted.forEach(
        (key, value) -> {
          if (!value.equals(current.get(key))) {
            changed.put(key, value);
          }
        });
    return changed;
  }

  static <A> Map<String, String> toMap(
      java.util.List<A> attributes,
      java.util.function.Function<A, String> key,
      java.util.function.Function<A, String> value) {
    return attributes.stream().collect(Collectors.toMap(key, value, (a, b) -> b));
  }
}
