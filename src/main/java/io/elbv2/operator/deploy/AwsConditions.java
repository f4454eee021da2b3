package io.elbv2.operator.deploy;

import io.elbv2.operator.model.Condition;
import io.elbv2.operator.model.Condition.HostHeader;
import io.elbv2.operator.model.Condition.HttpHeader;
import io.elbv2.operator.model.Condition.HttpRequestMethod;
import io.elbv2.operator.model.Condition.PathPattern;
import io.elbv2.operator.model.Condition.QueryString;
import io.elbv2.operator.model.Condition.SourceIp;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.HostHeaderConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.HttpHeaderConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.HttpRequestMethodConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.PathPatternConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.QueryStringConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.QueryStringKeyValuePair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SourceIpConditionConfig;

/**
 * Rule conditions between the model and ELBv2: written in each kind's config, and compared by what
 * they match, whatever order the values come in and whether AWS gives host and path values in the
 * config or in the older {@code Values}.
 */
final class AwsConditions {

  private AwsConditions() {}

  static List<RuleCondition> toAws(List<Condition> conditions) {
    return conditions.stream().map(AwsConditions::toAws).toList();
  }

  private static RuleCondition toAws(Condition condition) {
    var aws = RuleCondition.builder();
    if (condition instanceof HostHeader host) {
      return aws.field("host-header")
          .hostHeaderConfig(HostHeaderConditionConfig.builder().values(host.values()).build())
          .build();
    }
    if (condition instanceof PathPattern path) {
      return aws.field("path-pattern")
          .pathPatternConfig(PathPatternConditionConfig.builder().values(path.values()).build())
          .build();
    }
    if (condition instanceof HttpHeader header) {
      return aws.field("http-header")
          .httpHeaderConfig(
              HttpHeaderConditionConfig.builder()
                  .httpHeaderName(header.name())
                  .values(header.values())
                  .build())
          .build();
    }
    if (condition instanceof HttpRequestMethod method) {
      return aws.field("http-request-method")
          .httpRequestMethodConfig(
              HttpRequestMethodConditionConfig.builder().values(method.values()).build())
          .build();
    }
    if (condition instanceof QueryString query) {
      var pairs =
          query.values().stream()
              .map(p -> QueryStringKeyValuePair.builder().key(p.key()).value(p.value()).build())
              .toList();
      return aws.field("query-string")
          .queryStringConfig(QueryStringConditionConfig.builder().values(pairs).build())
          .build();
    }
    var source = (SourceIp) condition;
    return aws.field("source-ip")
        .sourceIpConfig(SourceIpConditionConfig.builder().values(source.values()).build())
        .build();
  }

  /** The conditions as sorted text, equal for conditions that match the same requests. */
  static List<String> canonical(List<RuleCondition> conditions) {
    return conditions.stream().map(AwsConditions::canonical).sorted().toList();
  }

  private static String canonical(RuleCondition condition) {
    var field = condition.field();
    return switch (field) {
      case "host-header" ->
          field + "=" + sorted(values(condition.hostHeaderConfig(), condition.values()));
      case "path-pattern" ->
          field + "=" + sorted(values(condition.pathPatternConfig(), condition.values()));
      case "http-header" ->
          field
              + ":"
              + condition.httpHeaderConfig().httpHeaderName()
              + "="
              + sorted(condition.httpHeaderConfig().values());
      case "http-request-method" ->
          field + "=" + sorted(condition.httpRequestMethodConfig().values());
      case "query-string" ->
          field
              + "="
              + sorted(
                  condition.queryStringConfig().values().stream()
                      .map(pair -> Objects.toString(pair.key(), "") + "=" + pair.value())
                      .toList());
      case "source-ip" -> field + "=" + sorted(condition.sourceIpConfig().values());
      default -> field + "=" + sorted(condition.values());
    };
  }

  private static List<String> values(HostHeaderConditionConfig config, List<String> older) {
    return config != null && config.hasValues() ? config.values() : older;
  }

  private static List<String> values(PathPatternConditionConfig config, List<String> older) {
    return config != null && config.hasValues() ? config.values() : older;
  }

  private static List<String> sorted(List<String> values) {
    return values.stream().sorted().toList();
  }
}
