package io.elbv2.operator.service;

import io.elbv2.operator.config.Lease;
import io.elbv2.operator.deploy.BackendSecurityGroup;
import io.elbv2.operator.discovery.ClusterNetwork;
import io.elbv2.operator.model.LoadBalancerSpec.Scheme;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

/**
 * Reads, as soon as this replica wins the lease, what the first Service reconciled after a start
 * needs from EC2 before it can make anything: the VPC's CIDR blocks, the subnets of an internal
 * load balancer (the default scheme) and the cluster's backend security group. A burst of Services
 * after a restart or a failover then starts making load balancers at once. Best effort: what fails
 * here is met again, and reported, by the Service that needs it.
 */
@ApplicationScoped
class LeaseWarmUp {

  private static final Logger LOG = Logger.getLogger(LeaseWarmUp.class);

  // Before the operator starts, so that the lease cannot be won before this is registered.
  void register(
      @Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 1) StartupEvent event,
      Lease lease,
      ClusterNetwork network,
      BackendSecurityGroup backendSecurityGroup) {
    lease.whenAcquired(() -> warmUp(network, backendSecurityGroup));
  }

  static void warmUp(ClusterNetwork network, BackendSecurityGroup backendSecurityGroup) {
    try {
      network.vpcCidrs();
      network.subnets().discover(Scheme.INTERNAL);
      backendSecurityGroup.lookUp(network.vpcId());
    } catch (RuntimeException e) {
      LOG.debugf("could not read the VPC, subnets and backend group ahead: %s", e.getMessage());
    }
  }
}
