package io.elbv2.operator.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbv2.operator.build.nlb.ServiceAnnotations;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceSelectionTest {

  private static final String CLASS = "service.k8s.aws/nlb";

  @ParameterizedTest(name = "type={0} class={1} annotation={2} -> {3}")
  @CsvSource(
      nullValues = "-",
      value = {
        "LoadBalancer, service.k8s.aws/nlb, -,        true",
        "LoadBalancer, service.k8s.aws/nlb, nlb-ip,   true",
        "LoadBalancer, other.io/lb,         nlb-ip,   false",
        "LoadBalancer, -,                   external, true",
        "LoadBalancer, -,                   nlb-ip,   true",
        "LoadBalancer, -,                   nlb,      true",
        "LoadBalancer, -,                   clb,      false",
        "LoadBalancer, -,                   -,        false",
        "ClusterIP,    -,                   nlb-ip,   false",
        "NodePort,     service.k8s.aws/nlb, -,        false"
      })
  void servesOnlyLoadBalancerServicesThatAskForIt(
      String type, String loadBalancerClass, String annotation, boolean served) {
    var selection = new ServiceSelection(CLASS, true);

    assertThat(selection.wantsLoadBalancer(service(type, loadBalancerClass, annotation)))
        .isEqualTo(served);
  }

  @ParameterizedTest
  @CsvSource({"nlb, false", "nlb-ip, true", "external, true"})
  void inTreeNlbAnnotationCanBeLeftToTheInTreeProvider(String annotation, boolean served) {
    var selection = new ServiceSelection(CLASS, false);

    assertThat(selection.wantsLoadBalancer(service("LoadBalancer", null, annotation)))
        .isEqualTo(served);
  }

  @ParameterizedTest
  @CsvSource({"true, true", "false, false"})
  void serviceThatStoppedAskingIsStillConcernedWhileItHoldsTheFinalizer(
      boolean finalizer, boolean concerned) {
    var service = service("ClusterIP", null, "nlb-ip");
    if (finalizer) {
      service.getMetadata().getFinalizers().add(ServiceSelection.FINALIZER);
    }

    assertThat(new ServiceSelection(CLASS, true).concerns(service)).isEqualTo(concerned);
  }

  @ParameterizedTest(name = "type={0} class={1} -> {2}")
  @CsvSource(
      nullValues = "-",
      value = {
        "LoadBalancer, service.k8s.aws/nlb,     true",
        "LoadBalancer, -,                       true",
        "ClusterIP,    -,                       true",
        "LoadBalancer, service.k8s.aws/other,   false",
        "LoadBalancer, eks.amazonaws.com/nlb,    false"
      })
  void finalizerOnAServiceOfAnotherClassIsAnotherControllersEvenUnderThisName(
      String type, String loadBalancerClass, boolean concerned) {
    var service = service(type, loadBalancerClass, null);
    service.getMetadata().getFinalizers().add(ServiceSelection.FINALIZER);

    assertThat(new ServiceSelection(CLASS, true).concerns(service)).isEqualTo(concerned);
  }

  private static Service service(String type, String loadBalancerClass, String typeAnnotation) {
    var builder =
        new ServiceBuilder()
            .withNewMetadata()
            .withName("web")
            .withNamespace("default")
            .endMetadata()
            .withNewSpec()
            .withType(type)
            .withLoadBalancerClass(loadBalancerClass)
            .endSpec();
    if (typeAnnotation != null) {
      builder
          .editMetadata()
          .addToAnnotations(ServiceAnnotations.LOAD_BALANCER_TYPE, typeAnnotation)
          .endMetadata();
    }
    return builder.build();
  }

  @org.junit.jupiter.api.Test
  void ownWritesToARefusedServiceAreNotAnEventButAUsersEditIs() {
    var refused = service("LoadBalancer", null, "nlb-ip");
    var withFinalizer =
        new ServiceBuilder(refused)
            .editMetadata()
            .addToFinalizers(ServiceSelection.FINALIZER)
            .endMetadata()
            .build();
    var statusWritten = new ServiceBuilder(refused).withNewStatus().endStatus().build();
    var annotated =
        new ServiceBuilder(refused)
            .editMetadata()
            .addToAnnotations(ServiceAnnotations.SCHEME, "internal")
            .endMetadata()
            .build();

    assertThat(ServiceSelection.changedForUs(refused, withFinalizer)).isFalse();
    assertThat(ServiceSelection.changedForUs(statusWritten, refused)).isFalse();
    assertThat(ServiceSelection.changedForUs(withFinalizer, refused)).isTrue();
    assertThat(ServiceSelection.changedForUs(annotated, refused)).isTrue();
  }
}
