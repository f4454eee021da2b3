package io.elbv2.operator.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elbv2.operator.model.InvalidAnnotationException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Typed, validated reads of one object's annotations; every failure is an {@link
 * InvalidAnnotationException} that names the annotation. A number, a boolean or JSON that is
 * present but empty is refused, as the Go controller's parsers refuse it.
 */
public final class Annotations {

  /** ASCII digits only: {@link Integer#parseInt} would also take other scripts' digits. */
  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Map<String, String> values;

  public Annotations(Map<String, String> values) {
    this.values = values == null ? Map.of() : values;
  }

  /** The value, trimmed; none when the annotation is absent or empty. */
  public Optional<String> string(String name) {
    return raw(name).filter(v -> !v.isEmpty());
  }

  /** The value, trimmed, even when empty; none only when the annotation is absent. */
  public Optional<String> raw(String name) {
    return Optional.ofNullable(values.get(name)).map(String::trim);
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
    return raw(name)
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
    return raw(name).map(text -> integer(name, text, min, max)).orElse(fallback);
  }

  /**
   * A whole number from {@code min} to {@code max}; one too big for any Java integer type is out of
   * range too, rather than not a number.
   *
   * @param name the annotation named in errors
   */
  public static int integer(String name, String text, int min, int max) {
    if (!isInteger(text)) {
      throw new InvalidAnnotationException(name, "'" + text + "' is not a number");
    }
    if (!isInteger(text, min, max)) {
      throw new InvalidAnnotationException(
          name, "'" + text + "' is out of range; allowed: " + min + " to " + max);
    }
    return Integer.parseInt(text);
  }

  /** Whether the text is a whole number in ASCII digits, with an optional sign. */
  public static boolean isInteger(String text) {
    return INTEGER.matcher(text).matches();
  }

  /** Whether the text is a whole number from {@code min} to {@code max}. */
  public static boolean isInteger(String text, int min, int max) {
    if (!isInteger(text)) {
      return false;
    }
    var value = new BigInteger(text);
    return value.compareTo(BigInteger.valueOf(min)) >= 0
        && value.compareTo(BigInteger.valueOf(max)) <= 0;
  }

  /**
   * The annotation's JSON, of any type ({@code null} included); nothing may follow it.
   *
   * @param what what the value configures, named in errors as the Go controller names it: {@code
   *     failed to parse <what>: `<value>`}
   */
  public Optional<JsonNode> json(String name, String what) {
    return raw(name)
        .map(
            text -> {
              JsonNode node;
              try {
                node = JSON.readTree(text);
              } catch (JsonProcessingException e) {
                node = null;
              }
              if (node == null || node.isMissingNode()) {
                throw new InvalidAnnotationException(
                    name, "failed to parse " + what + ": `" + text + "`: not valid JSON");
              }
              return node;
            });
  }
}
