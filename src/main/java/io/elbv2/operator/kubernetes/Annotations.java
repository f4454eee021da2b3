package io.elbv2.operator.kubernetes;

import io.elbv2.operator.model.InvalidAnnotationException;
import java.util.ArrayList;
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

  /**
   * {@code key1=value1,key2=value2} as the Go controller's annotation parser reads it: a comma
   * starts a new entry only when an {@code =} follows it, a trailing comma stays in the last value,
   * {@code \,} is a literal comma, and an entry without {@code =} or with an empty key is refused.
   */
  public Map<String, String> keyValues(String name) {
    var result = new LinkedHashMap<String, String>();
    var raw = string(name);
    if (raw.isEmpty()) {
      return result;
    }
    for (var pair : keyValuePairs(raw.get())) {
      int equals = pair.indexOf('=');
      if (equals < 0 || pair.substring(0, equals).isBlank()) {
        throw new InvalidAnnotationException(name, "'" + pair + "' is not of the form key=value");
      }
      result.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
    }
    return result;
  }

  private static List<String> keyValuePairs(String text) {
    var pairs = new ArrayList<String>();
    var current = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        current.append(text.charAt(++i));
      } else if (c != ',') {
        current.append(c);
      } else {
        var rest = text.substring(i + 1).trim();
        if (rest.contains("=")) {
          pairs.add(current.toString().trim());
          current.setLength(0);
        } else if (!rest.isEmpty()) {
          pairs.add(current.toString().trim());
          pairs.add(rest);
          return pairs;
        } else {
          current.append(c);
        }
      }
    }
    if (!current.isEmpty()) {
      pairs.add(current.toString().trim());
    }
    return pairs;
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
