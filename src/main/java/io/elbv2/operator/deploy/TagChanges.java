package io.elbv2.operator.deploy;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tag writes that bring an object's tags to those its stack wants: tags to add or overwrite and
 * keys to remove. Keys AWS reserves ({@code aws:}) and keys the operator is told others manage
 * ({@code elbv2.external-managed-tags}) are never touched.
 */
public record TagChanges(Map<String, String> toAdd, Set<String> toRemove) {

  private static final String AWS_RESERVED_PREFIX = "aws:";

  public TagChanges {
    toAdd = Map.copyOf(toAdd);
    toRemove = Set.copyOf(toRemove);
  }

  public static TagChanges between(
      Map<String, String> current, Map<String, String> wanted, Set<String> externallyManaged) {
    var toAdd = new TreeMap<String, String>();
    wanted.forEach(
        (key, value) -> {
          if (!externallyManaged.contains(key) && !value.equals(current.get(key))) {
            toAdd.put(key, value);
          }
        });
    var toRemove = new TreeSet<String>();
    for (var key : current.keySet()) {
      if (!wanted.containsKey(key)
          && !externallyManaged.contains(key)
          && !key.startsWith(AWS_RESERVED_PREFIX)) {
        toRemove.add(key);
      }
    }
    return new TagChanges(toAdd, toRemove);
  }

  public boolean none() {
    return toAdd.isEmpty() && toRemove.isEmpty();
  }

  /** The tags an object has once these changes are written. */
  public Map<String, String> appliedTo(Map<String, String> current) {
    var after = new TreeMap<>(current);
    after.keySet().removeAll(toRemove);
    after.putAll(toAdd);
    return Map.copyOf(after);
  }
}
