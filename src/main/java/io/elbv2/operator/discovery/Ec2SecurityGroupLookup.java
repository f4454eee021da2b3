package io.elbv2.operator.discovery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * Resolves security group names as the Go controller does: a value that starts with {@code sg-} is
 * an id and is taken as it is (AWS checks it when the load balancer uses it); any other value is a
 * {@code Name} tag that must match exactly one group in the cluster's VPC. All names are looked up
 * in one call.
 */
public class Ec2SecurityGroupLookup implements SecurityGroupLookup {

  private static final String ID_PREFIX = "sg-";

  private final Ec2Client ec2;
  private final String vpcId;

  public Ec2SecurityGroupLookup(Ec2Client ec2, String vpcId) {
    this.ec2 = ec2;
    this.vpcId = vpcId;
  }

  @Override
  public List<String> resolve(List<String> idsOrNames) {
    var names = idsOrNames.stream().filter(v -> !v.startsWith(ID_PREFIX)).distinct().toList();
    var idsByName = names.isEmpty() ? Map.<String, List<String>>of() : idsByName(names);
    var result = new ArrayList<String>();
    for (var idOrName : idsOrNames) {
      if (idOrName.startsWith(ID_PREFIX)) {
        result.add(idOrName);
        continue;
      }
      var ids = idsByName.getOrDefault(idOrName, List.of());
      if (ids.size() != 1) {
        throw new IllegalArgumentException(
            "security group '"
                + idOrName
                + "' matches "
                + ids.size()
                + " groups named so in VPC "
                + vpcId
                + "; it must match one");
      }
      result.add(ids.get(0));
    }
    return result;
  }

  private Map<String, List<String>> idsByName(List<String> names) {
    var byName = new HashMap<String, List<String>>();
    ec2.describeSecurityGroupsPaginator(
            r ->
                r.filters(
                    Filter.builder().name("vpc-id").values(vpcId).build(),
                    Filter.builder().name("tag:Name").values(names).build()))
        .securityGroups()
        .forEach(
            group ->
                group.tags().stream()
                    .filter(t -> t.key().equals("Name"))
                    .forEach(
                        t ->
                            byName
                                .computeIfAbsent(t.value(), n -> new ArrayList<>())
                                .add(group.groupId())));
    return byName;
  }
}
