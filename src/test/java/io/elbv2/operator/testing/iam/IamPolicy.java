package io.elbv2.operator.testing.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An IAM identity policy, evaluated as AWS evaluates one: a request is allowed when an Allow
 * statement matches its action, resource and conditions and no Deny statement does. Only the
 * condition operators this project's policies use are known ({@code Null}, {@code StringEquals},
 * {@code StringLike}); a policy with another one is refused when read, so that nothing is allowed
 * by a condition the tests cannot judge.
 *
 * @param name the file it was read from, for messages
 * @param partition the partition its ARNs name ({@code aws}, {@code aws-cn})
 */
public record IamPolicy(String name, String partition, List<Statement> statements) {

  private static final Set<String> OPERATORS = Set.of("Null", "StringEquals", "StringLike");

  public record Statement(
      String sid,
      boolean allow,
      List<String> actions,
      List<String> resources,
      List<Condition> conditions) {

    boolean matches(Authorization request) {
      return actions.stream()
              .anyMatch(action -> glob(action, true).matcher(request.action()).matches())
          && resources.stream()
              .anyMatch(resource -> glob(resource, false).matcher(request.resource()).matches())
          && conditions.stream().allMatch(condition -> condition.holds(request));
    }
  }

  /** One operator applied to one key: {@code "Null": {"aws:RequestTag/k": "true"}}. */
  public record Condition(String operator, String key, List<String> values) {

    boolean holds(Authorization request) {
      var value = request.value(key);
      return switch (operator) {
        case "Null" -> values.stream().anyMatch(v -> Boolean.parseBoolean(v) == value.isEmpty());
        case "StringEquals" -> value.isPresent() && values.contains(value.get());
        case "StringLike" ->
            value.isPresent()
                && values.stream().anyMatch(v -> glob(v, false).matcher(value.get()).matches());
        default -> throw new IllegalStateException("operator " + operator + " is not evaluated");
      };
    }
  }

  /** What a policy says of one request. */
  public record Decision(boolean allowed, String reason) {}

  public static IamPolicy read(Path file) {
    try {
      var root = new ObjectMapper().readTree(file.toFile());
      var statements = new ArrayList<Statement>();
      for (var statement : root.path("Statement")) {
        statements.add(statement(file, statement));
      }
      var partition =
          statements.stream()
                  .flatMap(s -> s.resources().stream())
                  .anyMatch(r -> r.startsWith("arn:aws-cn:"))
              ? "aws-cn"
              : "aws";
      return new IamPolicy(file.getFileName().toString(), partition, List.copyOf(statements));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Decision decide(Authorization request) {
    var inPartition = request.inPartition(partition);
    Optional<Statement> allowing = Optional.empty();
    for (var statement : statements) {
      if (statement.matches(inPartition)) {
        if (!statement.allow()) {
          return new Decision(false, "denied by statement " + statement.sid() + " of " + name);
        }
        allowing = allowing.or(() -> Optional.of(statement));
      }
    }
    return allowing
        .map(s -> new Decision(true, "allowed by statement " + s.sid() + " of " + name))
        .orElseGet(() -> new Decision(false, "no statement of " + name + " allows it"));
  }

  private static Statement statement(Path file, JsonNode statement) {
    if (statement.has("NotAction") || statement.has("NotResource")) {
      throw new IllegalArgumentException(file + ": NotAction and NotResource are not evaluated");
    }
    var conditions = new ArrayList<Condition>();
    var fields = statement.path("Condition").fields();
    while (fields.hasNext()) {
      var operator = fields.next();
      if (!OPERATORS.contains(operator.getKey())) {
        throw new IllegalArgumentException(
            file + ": condition operator " + operator.getKey() + " is not evaluated");
      }
      var keys = operator.getValue().fields();
      while (keys.hasNext()) {
        var key = keys.next();
        conditions.add(new Condition(operator.getKey(), key.getKey(), strings(key.getValue())));
      }
    }
    return new Statement(
        statement.path("Sid").asText(""),
        "Allow".equals(statement.path("Effect").asText()),
        strings(statement.path("Action")),
        strings(statement.path("Resource")),
        List.copyOf(conditions));
  }

  private static List<String> strings(JsonNode node) {
    if (node.isArray()) {
      var values = new ArrayList<String>();
      node.forEach(value -> values.add(value.asText()));
      return List.copyOf(values);
    }
    return node.isMissingNode() ? List.of() : List.of(node.asText());
  }

  /** IAM's wildcards: {@code *} any run of characters, {@code ?} one; actions ignore case. */
  private static Pattern glob(String pattern, boolean ignoreCase) {
    var regex = new StringBuilder();
    for (var c : pattern.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
  }
}
