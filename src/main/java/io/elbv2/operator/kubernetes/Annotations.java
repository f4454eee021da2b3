package io.elbv2.operator.kubernetes;

import io.elbv2.operator.model.InvalidAnnotationException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Typed, validated reads of one object's annotations; every failure names the annotation. */
public final class Annotations {

  private final Map<String, String> values;

  public Annotations(Map<String, String> values) {
    this.values = values == null ? Map.of() : values;
  }

  public Optional<String> string(String name) {
    return Optional.ofNullable(values.get(name)).map(String::trim).filter(v -> !v.isEmpty());
  }

  public String oneOf(String name, Set<String> allowed, String fallback) {
    var value = string(name).orElse(fallback);
    if (!allowed.contains(value)) {
      throw new InvalidAnnotationException(
          name, "'" + value + "' is not one of " + allowed.stream().sorted().toList());
    }
    return value;
  }

  public List<String> list(String name) {
    return string(name)
        .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
        .orElse(List.of());
  }

  public Map<String, String> keyValues(String name) {
    var result = new LinkedHashMap<String, String>();
    for (var pair : list(name)) {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw new InvalidAnnotationException(name, "'" + pair + "' is not of the form key=value");
      }
      result.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
    }
    return result;
  }

  /** The names of all annotations present. */
  public Set<String> names() {
    return values.keySet();
  }

  /** A boolean as the Go controller parses one: {@code true}/{@code false}, any case, or 1/0. */
  public Optional<Boolean> bool(String name) {
    return string(name)
        .map(
            text ->
                switch (text.toLowerCase()) {
                  case "true", "t", "1" -> true;
                  case "false", "f", "0" -> false;
                  default ->
                      throw new InvalidAnnotationException(
                          name, "'" + text + "' is not one of [false, true]");
                });
  }

  public int integer(String name, int fallback, int min, int max) {
    var text = string(name);
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.get());
      if (value < min || value > max) {
        throw new InvalidAnnotationException(
            name, "'" + value + "' is out of range; allowed: " + min + " to " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new InvalidAnnotationException(name, "'" + text.get() + "' is not a number");
    }
  }
}
