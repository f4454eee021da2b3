package io.elbv2.operator.testing.iam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns one AWS query-protocol request (ELBv2, EC2) into the authorizations AWS makes for it: the
 * action on each resource it names, and, when a create carries tags, the tagging of what it creates
 * ({@code AddTags} / {@code CreateTags} with the create action as condition key).
 */
public final class AwsCalls {

  /** Stands for the id of an object being created, which the request cannot know. */
  private static final String NEW = "0000000000000000";

  /** The account of the ARNs built here; every policy statement matches any account. */
  private static final String ACCOUNT = "123456789012";

  /** What is being created has no tags of its own yet. */
  private static final Function<String, Map<String, String>> NOTHING_YET = arn -> Map.of();

  private AwsCalls() {}

  /**
   * @param service the SigV4 credential scope's service ({@code elasticloadbalancing}, {@code ec2})
   * @param region the scope's region
   * @param parameters the form's parameters, in order
   * @param resourceTags reads a resource's tags from AWS
   */
  public static List<Authorization> authorizations(
      String service,
      String region,
      Map<String, String> parameters,
      Function<String, Map<String, String>> resourceTags) {
    var action = parameters.getOrDefault("Action", "");
    return switch (service) {
      case "elasticloadbalancing" -> elbv2(region, action, parameters, resourceTags);
      case "ec2" -> ec2(region, action, parameters, resourceTags);
      default -> List.of(new Authorization(service + ":" + action, "*", Map.of(), resourceTags));
    };
  }

  private static List<Authorization> elbv2(
      String region,
      String action,
      Map<String, String> parameters,
      Function<String, Map<String, String>> resourceTags) {
    var context = requestTags(parameters, "Tags.member.", ".Key", ".Value");
    var iamAction = "elasticloadbalancing:" + action;
    var created =
        switch (action) {
          case "CreateLoadBalancer" ->
              elbArn(
                  region,
                  "loadbalancer/"
                      + loadBalancerKind(parameters.get("Type"))
                      + "/"
                      + parameters.get("Name")
                      + "/"
                      + NEW);
          case "CreateTargetGroup" ->
              elbArn(region, "targetgroup/" + parameters.get("Name") + "/" + NEW);
          case "CreateListener" ->
              parameters.get("LoadBalancerArn").replace(":loadbalancer/", ":listener/") + "/" + NEW;
          case "CreateRule" ->
              parameters.get("ListenerArn").replace(":listener/", ":listener-rule/") + "/" + NEW;
          default -> null;
        };
    var result = new ArrayList<Authorization>();
    if (created != null) {
      result.add(new Authorization(iamAction, created, context, NOTHING_YET));
      if (!context.isEmpty()) {
        var tagging = new LinkedHashMap<>(context);
        tagging.put("elasticloadbalancing:CreateAction", action);
        result.add(
            new Authorization(
                "elasticloadbalancing:AddTags", created, Map.copyOf(tagging), NOTHING_YET));
      }
      return List.copyOf(result);
    }
    var resources =
        switch (action) {
          case "AddTags", "RemoveTags", "DescribeTags" ->
              list(parameters, "ResourceArns.member.", "");
          case "SetRulePriorities" -> list(parameters, "RulePriorities.member.", ".RuleArn");
          default ->
              firstOf(parameters, "RuleArn", "ListenerArn", "TargetGroupArn", "LoadBalancerArn");
        };
    if (action.startsWith("Describe")) {
      resources = List.of("*");
    }
    for (var resource : resources) {
      result.add(new Authorization(iamAction, resource, context, resourceTags));
    }
    return List.copyOf(result);
  }

  private static List<Authorization> ec2(
      String region,
      String action,
      Map<String, String> parameters,
      Function<String, Map<String, String>> resourceTags) {
    var iamAction = "ec2:" + action;
    if (action.equals("CreateSecurityGroup")) {
      var context = requestTags(parameters, "TagSpecification.1.Tag.", ".Key", ".Value");
      var created = ec2Arn(region, "sg-" + NEW);
      var result = new ArrayList<Authorization>();
      result.add(new Authorization(iamAction, created, context, NOTHING_YET));
      if (!context.isEmpty()) {
        var tagging = new LinkedHashMap<>(context);
        tagging.put("ec2:CreateAction", action);
        result.add(new Authorization("ec2:CreateTags", created, Map.copyOf(tagging), NOTHING_YET));
      }
      return List.copyOf(result);
    }
    var context = requestTags(parameters, "Tag.", ".Key", ".Value");
    var resources =
        switch (action) {
          case "CreateTags", "DeleteTags" -> list(parameters, "ResourceId.", "");
          default -> firstOf(parameters, "GroupId");
        };
    if (action.startsWith("Describe")) {
      resources = List.of("*");
    }
    return resources.stream()
        .map(id -> id.equals("*") ? id : ec2Arn(region, id))
        .map(resource -> new Authorization(iamAction, resource, context, resourceTags))
        .toList();
  }

  /** {@code prefix1.Key} / {@code prefix1.Value} pairs as {@code aws:RequestTag/<key>}. */
  private static Map<String, String> requestTags(
      Map<String, String> parameters, String prefix, String keySuffix, String valueSuffix) {
    var tags = new LinkedHashMap<String, String>();
    for (int i = 1; parameters.containsKey(prefix + i + keySuffix); i++) {
      tags.put(
          "aws:RequestTag/" + parameters.get(prefix + i + keySuffix),
          parameters.getOrDefault(prefix + i + valueSuffix, ""));
    }
    return Map.copyOf(tags);
  }

  private static List<String> list(Map<String, String> parameters, String prefix, String suffix) {
    var values = new ArrayList<String>();
    for (int i = 1; parameters.containsKey(prefix + i + suffix); i++) {
      values.add(parameters.get(prefix + i + suffix));
    }
    return List.copyOf(values);
  }

  private static List<String> firstOf(Map<String, String> parameters, String... names) {
    for (var name : names) {
      if (parameters.containsKey(name)) {
        return List.of(parameters.get(name));
      }
    }
    return List.of("*");
  }

  private static String loadBalancerKind(String type) {
    return switch (type == null ? "application" : type) {
      case "network" -> "net";
      case "gateway" -> "gwy";
      default -> "app";
    };
  }

  private static String elbArn(String region, String resource) {
    return "arn:"
        + partition(region)
        + ":elasticloadbalancing:"
        + region
        + ":"
        + ACCOUNT
        + ":"
        + resource;
  }

  /** An EC2 id as its ARN; the operator tags and changes only security groups. */
  private static String ec2Arn(String region, String id) {
    var type =
        switch (id.substring(0, id.indexOf('-') + 1)) {
          case "sg-" -> "security-group";
          case "subnet-" -> "subnet";
          case "vpc-" -> "vpc";
          case "eni-" -> "network-interface";
          case "i-" -> "instance";
          default -> throw new IllegalArgumentException("no ARN type known for " + id);
        };
    return "arn:" + partition(region) + ":ec2:" + region + ":" + ACCOUNT + ":" + type + "/" + id;
  }

  private static String partition(String region) {
    return region.startsWith("cn-") ? "aws-cn" : "aws";
  }
}
