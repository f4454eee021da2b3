package io.elbv2.operator.targetgroupbinding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupIngressResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupIngressResponse;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

class SecurityGroupRulesTest {

  private static final String NODES = "sg-0nodes";
  private static final Permission FROM_VPC = new Permission("tcp", 8080, 8080, "10.0.0.0/16");
  private static final Permission FROM_LB = new Permission("tcp", 8081, 8081, "sg-0lb");
  private static final Permission FROM_MISSING = new Permission("tcp", 8082, 8082, "sg-0gone");

  private final OneSecurityGroup ec2 = new OneSecurityGroup(NODES, Set.of("sg-0lb"));
  private final SecurityGroupRules rules = new SecurityGroupRules(ec2, "prod");

  @Test
  void ruleFromAGroupThatDoesNotExistFailsOnlyTheBindingThatWantsIt() {
    var both = known(Set.of("shop/bad", "shop/good"));

    assertThatThrownBy(() -> rules.apply("shop/bad", Map.of(NODES, Set.of(FROM_MISSING)), both))
        .isInstanceOf(BindingProblem.class)
        .hasMessageContaining("sg-0gone");
    rules.apply("shop/good", Map.of(NODES, Set.of(FROM_VPC)), both);

    assertThat(ec2.rules()).containsExactly(FROM_VPC);
  }

  @Test
  void rulesOfABindingNoLongerInTheClusterGoOnTheNextChange() {
    var both = known(Set.of("shop/forced", "shop/kept"));
    rules.apply("shop/forced", Map.of(NODES, Set.of(FROM_LB)), both);
    rules.apply("shop/kept", Map.of(NODES, Set.of(FROM_VPC)), both);
    assertThat(ec2.rules()).containsExactlyInAnyOrder(FROM_LB, FROM_VPC);

    // shop/forced was deleted without its finalizer: its cleanup never ran here.
    rules.apply("shop/kept", Map.of(NODES, Set.of(FROM_VPC)), known(Set.of("shop/kept")));

    assertThat(ec2.rules()).containsExactly(FROM_VPC);
  }

  @Test
  void nodePortsOpenedToOneGroupByManyBindingsAreOneRangeThatFollowsThem() {
    var all = known(Set.of("shop/a", "shop/b", "shop/c"));
    rules.apply("shop/a", Map.of(NODES, Set.of(fromLb(31000))), all);
    rules.apply("shop/b", Map.of(NODES, Set.of(fromLb(30020))), all);
    rules.apply("shop/c", Map.of(NODES, Set.of(fromLb(32320))), all);

    assertThat(ec2.rules()).containsExactly(new Permission("tcp", 30020, 32320, "sg-0lb"));

    rules.forget("shop/c", known(Set.of("shop/a", "shop/b")));

    assertThat(ec2.rules()).containsExactly(new Permission("tcp", 30020, 31000, "sg-0lb"));
  }

  @Test
  void portsOpenedToACidrStayOneRulePerPort() {
    var all = known(Set.of("shop/a", "shop/b"));
    var first = new Permission("tcp", 30020, 30020, "10.0.0.0/16");
    var second = new Permission("tcp", 32320, 32320, "10.0.0.0/16");
    rules.apply("shop/a", Map.of(NODES, Set.of(first)), all);
    rules.apply("shop/b", Map.of(NODES, Set.of(second)), all);

    assertThat(ec2.rules()).containsExactlyInAnyOrder(first, second);
  }

  @Test
  void bindingWithoutTargetsYetDoesNotKeepOtherBindingsRulesForever() {
    var both = known(Set.of("shop/served", "shop/waiting"));
    rules.apply("shop/served", Map.of(NODES, Set.of(FROM_VPC)), both);
    // Its pods are not ready: no target, so no group to open yet.
    rules.apply("shop/waiting", Map.of(), both);

    rules.apply("shop/served", Map.of(NODES, Set.of(FROM_LB)), both);

    assertThat(ec2.rules()).containsExactly(FROM_LB);
  }

  @Test
  void afterARestartTheRulesOfABindingDeletedFirstGoOnceTheOthersAreRemembered() {
    var both = known(Set.of("shop/deleted", "shop/kept"));
    rules.apply("shop/deleted", Map.of(NODES, Set.of(FROM_LB)), both);
    rules.apply("shop/kept", Map.of(NODES, Set.of(FROM_VPC)), both);

    var restarted = new SecurityGroupRules(ec2, "prod");
    var left = known(Set.of("shop/kept"));
    restarted.forget("shop/deleted", left, Set.of(NODES));
    assertThat(ec2.rules())
        .as("shop/kept has not said what it wants yet")
        .containsExactlyInAnyOrder(FROM_LB, FROM_VPC);
    restarted.remember("shop/kept", Map.of(NODES, Set.of(FROM_VPC)), left);

    assertThat(ec2.rules()).containsExactly(FROM_VPC);
  }

  @Test
  void afterARestartRangesAlreadyOpenAreNotNarrowedBeforeEveryBindingIsKnown() {
    var all = known(Set.of("shop/a", "shop/b"));
    rules.apply("shop/a", Map.of(NODES, Set.of(fromLb(30020))), all);
    rules.apply("shop/b", Map.of(NODES, Set.of(fromLb(32320))), all);

    var restarted = new SecurityGroupRules(ec2, "prod");
    restarted.apply("shop/a", Map.of(NODES, Set.of(fromLb(30020))), all);

    assertThat(ec2.rules()).containsExactly(new Permission("tcp", 30020, 32320, "sg-0lb"));
  }

  @Test
  void rangeWidenedWhileABindingIsUnknownReplacesTheNarrowerOne() {
    var all = known(Set.of("shop/a", "shop/b", "shop/unknown"));
    rules.apply("shop/a", Map.of(NODES, Set.of(fromLb(30020))), all);
    rules.apply("shop/b", Map.of(NODES, Set.of(fromLb(32320))), all);

    assertThat(ec2.rules()).containsExactly(new Permission("tcp", 30020, 32320, "sg-0lb"));
  }

  @Test
  void sourceGroupIsDeletedOnlyOnceNoRuleNamesIt() {
    var both = known(Set.of("shop/a"));
    rules.apply("shop/a", Map.of(NODES, Set.of(FROM_LB, FROM_VPC)), both);
    var rulesAtDeletion = new ArrayList<Permission>();

    rules.deleteSourceGroup("sg-0lb", "vpc-0main", () -> rulesAtDeletion.addAll(ec2.rules()));

    assertThat(rulesAtDeletion).containsExactly(FROM_VPC);
    assertThatThrownBy(() -> rules.apply("shop/a", Map.of(NODES, Set.of(FROM_LB, FROM_VPC)), both))
        .isInstanceOf(BindingProblem.class)
        .hasMessageContaining("sg-0lb");
    assertThat(ec2.rules()).containsExactly(FROM_VPC);
  }

  private static Permission fromLb(int port) {
    return new Permission("tcp", port, port, "sg-0lb");
  }

  private static SecurityGroupRules.Bindings known(Set<String> bindings) {
    return new SecurityGroupRules.Bindings(bindings, bindings::contains);
  }

  /** EC2 with one security group to open and the groups that exist as rule sources. */
  private static final class OneSecurityGroup implements Ec2Client {

    private final String groupId;
    private final Set<String> existingSources;
    private final List<IpPermission> permissions = new ArrayList<>();

    OneSecurityGroup(String groupId, Set<String> existingSources) {
      this.groupId = groupId;
      this.existingSources = existingSources;
    }

    List<Permission> rules() {
      return permissions.stream().map(OneSecurityGroup::rule).toList();
    }

    @Override
    public DescribeSecurityGroupsResponse describeSecurityGroups(
        DescribeSecurityGroupsRequest request) {
      return DescribeSecurityGroupsResponse.builder()
          .securityGroups(
              SecurityGroup.builder().groupId(groupId).ipPermissions(permissions).build())
          .build();
    }

    @Override
    public AuthorizeSecurityGroupIngressResponse authorizeSecurityGroupIngress(
        AuthorizeSecurityGroupIngressRequest request) {
      for (var permission : request.ipPermissions()) {
        for (var pair : permission.userIdGroupPairs()) {
          if (!existingSources.contains(pair.groupId())) {
            throw (Ec2Exception)
                Ec2Exception.builder()
                    .message("The security group '" + pair.groupId() + "' does not exist")
                    .awsErrorDetails(
                        AwsErrorDetails.builder().errorCode("InvalidGroup.NotFound").build())
                    .build();
          }
        }
      }
      permissions.addAll(request.ipPermissions());
      return AuthorizeSecurityGroupIngressResponse.builder().build();
    }

    @Override
    public RevokeSecurityGroupIngressResponse revokeSecurityGroupIngress(
        RevokeSecurityGroupIngressRequest request) {
      var revoked = request.ipPermissions().stream().map(OneSecurityGroup::rule).toList();
      permissions.removeIf(p -> revoked.contains(rule(p)));
      return RevokeSecurityGroupIngressResponse.builder().build();
    }

    @Override
    public String serviceName() {
      return "ec2";
    }

    @Override
    public void close() {}

    /** The operator writes one source per permission. */
    private static Permission rule(IpPermission p) {
      var source =
          !p.userIdGroupPairs().isEmpty()
              ? p.userIdGroupPairs().get(0).groupId()
              : p.ipRanges().get(0).cidrIp();
      return new Permission(p.ipProtocol(), p.fromPort(), p.toPort(), source);
    }
  }
}
