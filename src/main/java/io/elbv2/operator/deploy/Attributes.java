package io.elbv2.operator.deploy;

import java.util.Map;
import java.util.TreeMap;

/** Load balancer and target group attributes: only those asked for are compared and written. */
final class Attributes {

  private Attributes() {}

  /**
   * The wanted attributes whose value AWS does not hold yet; attributes not asked for are left as
   * they are.
   */
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
}
