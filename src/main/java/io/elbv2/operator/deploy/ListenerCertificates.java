package io.elbv2.operator.deploy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;

/**
 * A TLS or HTTPS listener's certificates besides its default one (SNI), kept equal to the stack's:
 * those the stack no longer names are removed and the new ones added, with AWS's own calls, so the
 * listener and its default certificate stay as they are.
 */
final class ListenerCertificates {

  private static final Logger LOG = Logger.getLogger(ListenerCertificates.class);

  /** What makes the listed certificates the wanted ones. */
  record Changes(List<String> add, List<String> remove) {

    Changes {
      add = List.copyOf(add);
      remove = List.copyOf(remove);
    }

    static Changes between(Set<String> listed, List<String> wanted) {
      var add = wanted.stream().filter(c -> !listed.contains(c)).distinct().toList();
      var remove = listed.stream().filter(c -> !wanted.contains(c)).sorted().toList();
      return new Changes(add, remove);
    }

    boolean none() {
      return add.isEmpty() && remove.isEmpty();
    }
  }

  private final ElasticLoadBalancingV2Client elbv2;

  ListenerCertificates(ElasticLoadBalancingV2Client elbv2) {
    this.elbv2 = elbv2;
  }

  /**
   * The listener's certificates besides its default, page by page; the default one is left out
   * whether AWS marks it so or it is one the listener names as its default, before or after a
   * change of it.
   */
  Set<String> extras(String listenerArn, Set<String> defaults) {
    var found = new LinkedHashSet<String>();
    String marker = null;
    do {
      var from = marker;
      var page = elbv2.describeListenerCertificates(r -> r.listenerArn(listenerArn).marker(from));
      for (var certificate : page.certificates()) {
        if (!Boolean.TRUE.equals(certificate.isDefault())
            && !defaults.contains(certificate.certificateArn())) {
          found.add(certificate.certificateArn());
        }
      }
      marker = page.nextMarker();
    } while (marker != null && !marker.isEmpty());
    return found;
  }

  void apply(String listenerArn, Changes changes) {
    if (!changes.add().isEmpty()) {
      elbv2.addListenerCertificates(
          r -> r.listenerArn(listenerArn).certificates(certificates(changes.add())));
      LOG.infof("listener %s: added certificates %s", listenerArn, changes.add());
    }
    if (!changes.remove().isEmpty()) {
      elbv2.removeListenerCertificates(
          r -> r.listenerArn(listenerArn).certificates(certificates(changes.remove())));
      LOG.infof("listener %s: removed certificates %s", listenerArn, changes.remove());
    }
  }

  private static List<Certificate> certificates(List<String> arns) {
    var certificates = new ArrayList<Certificate>();
    arns.forEach(arn -> certificates.add(Certificate.builder().certificateArn(arn).build()));
    return certificates;
  }
}
