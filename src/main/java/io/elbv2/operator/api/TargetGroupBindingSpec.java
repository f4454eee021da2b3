package io.elbv2.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/**
 * The desired state of a {@link TargetGroupBinding}, field for field as the Go controller's
 * v1beta1.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.targetGroupARN) || has(self.targetGroupName)",
    message = "one of targetGroupARN or targetGroupName is required")
public record TargetGroupBindingSpec(
    @JsonProperty("targetGroupARN") @JsonPropertyDescription("ARN of the target group to bind")
        String targetGroupARN,
    @JsonPropertyDescription("Name of the target group to bind, when no ARN is given")
        String targetGroupName,
    @JsonPropertyDescription(
            "Whether other clusters or sources register targets in the same target group")
        Boolean multiClusterTargetGroup,
    @JsonPropertyDescription("How targets are registered: instance (nodes) or ip (pods)")
        TargetType targetType,
    @Required @JsonPropertyDescription("The Service whose backends become targets")
        ServiceReference serviceRef,
    @JsonPropertyDescription("Security group rules that let the load balancer reach the targets")
        Networking networking,
    @JsonPropertyDescription("Only nodes matching this selector become targets (instance targets)")
        LabelSelector nodeSelector,
    @JsonPropertyDescription("The target group's IP address type") IpAddressType ipAddressType,
    @JsonProperty("vpcID")
        @Pattern("^(vpc-[0-9a-f]{8}|vpc-[0-9a-f]{17})$")
        @JsonPropertyDescription("VPC of the target group")
        String vpcID,
    @JsonPropertyDescription("The target group's protocol")
        TargetGroupProtocol targetGroupProtocol) {

  @JsonIgnore
  public boolean isMultiCluster() {
    return Boolean.TRUE.equals(multiClusterTargetGroup);
  }

  public enum TargetType {
    @JsonProperty("instance")
    INSTANCE,
    @JsonProperty("ip")
    IP
  }

  public enum IpAddressType {
    @JsonProperty("ipv4")
    IPV4,
    @JsonProperty("ipv6")
    IPV6
  }

  public enum TargetGroupProtocol {
    HTTP,
    HTTPS,
    TCP,
    TLS,
    UDP,
    TCP_UDP,
    GENEVE
  }

  public enum NetworkingProtocol {
    TCP,
    UDP
  }

  public record ServiceReference(
      @Required @JsonPropertyDescription("Name of the Service in the binding's namespace")
          String name,
      @Required @JsonPropertyDescription("Port of the Service: its number or its name")
          IntOrString port) {}

  public record Networking(
      @JsonPropertyDescription("Ingress rules added to the targets' security group")
          List<IngressRule> ingress) {}

  public record IngressRule(
      @Required @JsonPropertyDescription("Where traffic comes from") List<Peer> from,
      @Required @JsonPropertyDescription("Ports opened; empty means every TCP port")
          List<Port> ports) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Peer(IpBlock ipBlock, SecurityGroup securityGroup) {}

  public record IpBlock(@Required String cidr) {}

  public record SecurityGroup(@Required @JsonProperty("groupID") String groupID) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Port(
      @JsonPropertyDescription("TCP (default) or UDP") NetworkingProtocol protocol,
      @JsonPropertyDescription(
              "Port number, or the name of the pods' port for ip targets; none means every port")
          IntOrString port) {}
}
