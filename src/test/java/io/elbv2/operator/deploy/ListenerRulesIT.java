package io.elbv2.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbv2.operator.model.Action;
import io.elbv2.operator.model.Condition;
import io.elbv2.operator.model.RuleSpec;
import io.elbv2.operator.testing.FaultInjectingProxy;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.FixedResponseActionConfig;

/** A listener's rules brought to what a stack wants, against moto, counting the calls. */
@QuarkusTest
@QuarkusTestResource(LocalClusterResource.class)
class ListenerRulesIT {

  @Inject ElasticLoadBalancingV2Client elbv2;
  LocalCluster cluster;
  FaultInjectingProxy proxy;

  private String loadBalancerArn;
  private String listenerArn;
  private final Map<String, String> targetGroupArns = new HashMap<>();

  /** Makes and removes the load balancer, listener and target groups, outside the operator. */
  private ElasticLoadBalancingV2Client admin;

  @BeforeEach
  void setUp() {
    admin = cluster.elbv2Admin();
    var suffix = UUID.randomUUID().toString().substring(0, 8);
    loadBalancerArn =
        admin
            .createLoadBalancer(
                r ->
                    r.name("rules-" + suffix)
                        .type("application")
                        .scheme("internal")
                        .subnets(cluster.list("ELBV2_PRIVATE_SUBNETS")))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    for (var name : List.of("a", "b", "c")) {
      targetGroupArns.put(
          name,
          admin
              .createTargetGroup(
                  r ->
                      r.name("rules-" + name + "-" + suffix)
                          .protocol("HTTP")
                          .port(80)
                          .targetType("ip")
                          .vpcId(cluster.get("ELBV2_VPC_ID")))
              .targetGroups()
              .get(0)
              .targetGroupArn());
    }
    listenerArn =
        admin
            .createListener(
                r ->
                    r.loadBalancerArn(loadBalancerArn)
                        .port(18080)
                        .protocol("HTTP")
                        .defaultActions(
                            a ->
                                a.type(ActionTypeEnum.FIXED_RESPONSE)
                                    .fixedResponseConfig(
                                        FixedResponseActionConfig.builder()
                                            .statusCode("404")
                                            .contentType("text/plain")
                                            .build())))
            .listeners()
            .get(0)
            .listenerArn();
  }

  @AfterEach
  void tearDown() {
    admin.deleteLoadBalancer(r -> r.loadBalancerArn(loadBalancerArn));
    targetGroupArns.values().forEach(arn -> admin.deleteTargetGroup(r -> r.targetGroupArn(arn)));
  }

  @Test
  void aPathInsertedAheadMovesTheOtherRulesWithoutDeletingOrRecreatingThem() {
    var rules = withRulesAbc();
    var before = arnsByPath();
    int deletes = proxy.requests("DeleteRule");
    int creates = proxy.requests("CreateRule");

    rules.sync(
        listenerArn,
        List.of(rule(1, "/x", "a"), rule(2, "/a", "a"), rule(3, "/b", "b"), rule(4, "/c", "c")),
        targetGroupArns);

    assertThat(priorities()).isEqualTo(Map.of("/x", 1, "/a", 2, "/b", 3, "/c", 4));
    assertThat(arnsByPath()).containsAllEntriesOf(before);
    assertThat(proxy.requests("DeleteRule")).isEqualTo(deletes);
    assertThat(proxy.requests("CreateRule")).isEqualTo(creates + 1);
    assertThat(resourceTags())
        .isEqualTo(Map.of("/x", "18080:1", "/a", "18080:2", "/b", "18080:3", "/c", "18080:4"));
  }

  @Test
  void rulesThatSwapPlacesAndARemovedOneEndAsWanted() {
    var rules = withRulesAbc();
    var before = arnsByPath();

    rules.sync(listenerArn, List.of(rule(1, "/c", "c"), rule(2, "/a", "a")), targetGroupArns);

    assertThat(priorities()).isEqualTo(Map.of("/c", 1, "/a", 2));
    assertThat(arnsByPath())
        .containsEntry("/a", before.get("/a"))
        .containsEntry("/c", before.get("/c"));
    assertThat(resourceTags()).isEqualTo(Map.of("/c", "18080:1", "/a", "18080:2"));
    assertThat(
            rules
                .sync(listenerArn, List.of(rule(1, "/c", "c"), rule(2, "/a", "a")), targetGroupArns)
                .steps())
        .isEmpty();
  }

  /** The listener with rules /a, /b and /c at priorities 1 to 3. */
  private ListenerRules withRulesAbc() {
    var rules = new ListenerRules(elbv2, new ListenerTagging(true, Set.of()));
    rules.sync(
        listenerArn,
        List.of(rule(1, "/a", "a"), rule(2, "/b", "b"), rule(3, "/c", "c")),
        targetGroupArns);
    return rules;
  }

  private static RuleSpec rule(int priority, String path, String targetGroup) {
    return new RuleSpec(
        18080,
        priority,
        List.of(Condition.paths(List.of(path))),
        List.of(Action.Forward.to(targetGroup)),
        Map.of("ingress.k8s.aws/resource", "18080:" + priority));
  }

  private Map<String, Integer> priorities() {
    var found = new HashMap<String, Integer>();
    for (var rule : nonDefaultRules()) {
      found.put(path(rule), Integer.parseInt(rule.priority()));
    }
    return found;
  }

  /** The resource tag of each rule, by its path. */
  private Map<String, String> resourceTags() {
    var found = new HashMap<String, String>();
    for (var rule : nonDefaultRules()) {
      elbv2
          .describeTags(r -> r.resourceArns(rule.ruleArn()))
          .tagDescriptions()
          .get(0)
          .tags()
          .stream()
          .filter(tag -> tag.key().equals("ingress.k8s.aws/resource"))
          .forEach(tag -> found.put(path(rule), tag.value()));
    }
    return found;
  }

  private Map<String, String> arnsByPath() {
    var found = new HashMap<String, String>();
    nonDefaultRules().forEach(rule -> found.put(path(rule), rule.ruleArn()));
    return found;
  }

  private List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule>
      nonDefaultRules() {
    var rules = new ArrayList<software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule>();
    for (var rule : elbv2.describeRules(r -> r.listenerArn(listenerArn)).rules()) {
      if (!Boolean.TRUE.equals(rule.isDefault())) {
        rules.add(rule);
      }
    }
    return rules;
  }

  private static String path(
      software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule rule) {
    var condition = rule.conditions().get(0);
    return condition.pathPatternConfig() != null && condition.pathPatternConfig().hasValues()
        ? condition.pathPatternConfig().values().get(0)
        : condition.values().get(0);
  }
}
