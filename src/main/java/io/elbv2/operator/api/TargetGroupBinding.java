package io.elbv2.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.PrinterColumnFormat;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Binds an ELBv2 target group to a Service: the group's targets follow the Service's ready
 * endpoints ({@code ip}) or the cluster's nodes on the Service's node port ({@code instance}). Same
 * group, version and schema as the AWS Load Balancer Controller's, so existing objects keep
 * working.
 */
@Group("elbv2.k8s.aws")
@Version(value = "v1beta1", storage = true, served = true)
@Kind("TargetGroupBinding")
@Plural("targetgroupbindings")
@Singular("targetgroupbinding")
@ShortNames("tgb")
@AdditionalPrinterColumn(
    name = "SERVICE-NAME",
    jsonPath = ".spec.serviceRef.name",
    type = AdditionalPrinterColumn.Type.STRING,
    getDescription = "The Kubernetes Service's name")
@AdditionalPrinterColumn(
    name = "SERVICE-PORT",
    jsonPath = ".spec.serviceRef.port",
    type = AdditionalPrinterColumn.Type.STRING,
    getDescription = "The Kubernetes Service's port")
@AdditionalPrinterColumn(
    name = "TARGET-TYPE",
    jsonPath = ".spec.targetType",
    type = AdditionalPrinterColumn.Type.STRING,
    getDescription = "The AWS TargetGroup's TargetType")
@AdditionalPrinterColumn(
    name = "ARN",
    jsonPath = ".spec.targetGroupARN",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1,
    getDescription = "The AWS TargetGroup's Amazon Resource Name")
@AdditionalPrinterColumn(
    name = "AGE",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE,
    format = PrinterColumnFormat.NONE)
public class TargetGroupBinding
    extends CustomResource<TargetGroupBindingSpec, TargetGroupBindingStatus> implements Namespaced {

  public static final String FINALIZER = "elbv2.k8s.aws/resources";
}
