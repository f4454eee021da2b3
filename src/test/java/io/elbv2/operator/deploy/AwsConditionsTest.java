package io.elbv2.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbv2.operator.model.Condition;
import io.elbv2.operator.model.Condition.HttpHeader;
import io.elbv2.operator.model.Condition.HttpRequestMethod;
import io.elbv2.operator.model.Condition.KeyValue;
import io.elbv2.operator.model.Condition.QueryString;
import io.elbv2.operator.model.Condition.SourceIp;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;

class AwsConditionsTest {

  private static final List<Condition> EVERY_KIND =
      List.of(
          Condition.hosts(List.of("shop.example.com", "*.example.com")),
          Condition.paths(List.of("/cart/*", "/api")),
          new HttpHeader("X-Canary", List.of("yes", "1")),
          new HttpRequestMethod(List.of("POST", "GET")),
          new QueryString(List.of(new KeyValue("version", "v2"), new KeyValue(null, "beta"))),
          new SourceIp(List.of("10.0.0.0/8", "192.168.0.0/16")));

  @Test
  void eachKindIsWrittenInItsOwnConfig() {
    var written = AwsConditions.toAws(EVERY_KIND);

    assertThat(written)
        .extracting(RuleCondition::field)
        .containsExactly(
            "host-header",
            "path-pattern",
            "http-header",
            "http-request-method",
            "query-string",
            "source-ip");
    assertThat(written.get(0).hostHeaderConfig().values())
        .containsExactly("shop.example.com", "*.example.com");
    assertThat(written.get(1).pathPatternConfig().values()).containsExactly("/cart/*", "/api");
    assertThat(written.get(2).httpHeaderConfig().httpHeaderName()).isEqualTo("X-Canary");
    assertThat(written.get(2).httpHeaderConfig().values()).containsExactly("yes", "1");
    assertThat(written.get(3).httpRequestMethodConfig().values()).containsExactly("POST", "GET");
    assertThat(written.get(4).queryStringConfig().values())
        .extracting(p -> p.key() + "=" + p.value())
        .containsExactly("version=v2", "null=beta");
    assertThat(written.get(5).sourceIpConfig().values())
        .containsExactly("10.0.0.0/8", "192.168.0.0/16");
  }

  @Test
  void conditionsAreEqualWhateverOrderAwsListsThemAndTheirValuesIn() {
    var written = AwsConditions.toAws(EVERY_KIND);
    var listed =
        AwsConditions.toAws(
            List.of(
                new SourceIp(List.of("192.168.0.0/16", "10.0.0.0/8")),
                new QueryString(List.of(new KeyValue(null, "beta"), new KeyValue("version", "v2"))),
                new HttpRequestMethod(List.of("GET", "POST")),
                new HttpHeader("X-Canary", List.of("1", "yes")),
                Condition.paths(List.of("/api", "/cart/*")),
                Condition.hosts(List.of("*.example.com", "shop.example.com"))));

    assertThat(AwsConditions.canonical(listed)).isEqualTo(AwsConditions.canonical(written));
  }

  @Test
  void hostAndPathValuesAwsGivesInTheOlderFormAreTheSameConditions() {
    var written =
        AwsConditions.toAws(
            List.of(Condition.hosts(List.of("shop.example.com")), Condition.paths(List.of("/*"))));
    var older =
        List.of(
            RuleCondition.builder().field("host-header").values("shop.example.com").build(),
            RuleCondition.builder().field("path-pattern").values("/*").build());

    assertThat(AwsConditions.canonical(older)).isEqualTo(AwsConditions.canonical(written));
  }

  @Test
  void anotherHeaderNameOrQueryKeyIsAnotherCondition() {
    var header = AwsConditions.toAws(List.of(new HttpHeader("X-Canary", List.of("yes"))));
    var otherHeader = AwsConditions.toAws(List.of(new HttpHeader("X-Beta", List.of("yes"))));
    var query = AwsConditions.toAws(List.of(new QueryString(List.of(new KeyValue("a", "1")))));
    var anyKey = AwsConditions.toAws(List.of(new QueryString(List.of(new KeyValue(null, "1")))));

    assertThat(AwsConditions.canonical(header)).isNotEqualTo(AwsConditions.canonical(otherHeader));
    assertThat(AwsConditions.canonical(query)).isNotEqualTo(AwsConditions.canonical(anyKey));
  }
}
