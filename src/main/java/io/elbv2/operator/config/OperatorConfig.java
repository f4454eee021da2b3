package io.elbv2.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Raw configuration as users write it (application.properties, environment, Helm values). Names
 * follow the AWS Load Balancer Controller's flags. {@link OperatorSettings#from} validates it into
 * the settings the code uses.
 */
@ConfigMapping(prefix = "elbv2")
public interface OperatorConfig {

  /**
   * Kubernetes cluster name; tags every AWS resource the operator owns. Env: ELBV2_CLUSTER_NAME.
   */
  Optional<String> clusterName();

  Aws aws();

  /**
   * The operator's own Pod, which the chart sets from the downward API (ELBV2_POD_NAME,
   * ELBV2_POD_NAMESPACE): events about the operator as a whole, such as AWS listings that fail, are
   * recorded on it. Without it they are only logged and counted in the metrics.
   */
  Optional<String> podName();

  /** The namespace of {@link #podName()}. */
  Optional<String> podNamespace();

  /** Ingress class this operator serves. */
  @WithDefault("alb")
  String ingressClass();

  /** {@code spec.loadBalancerClass} of the Services this operator serves. */
  @WithDefault("service.k8s.aws/nlb")
  String loadBalancerClass();

  /**
   * Whether Services annotated {@code service.beta.kubernetes.io/aws-load-balancer-type: nlb} (the
   * in-tree cloud provider's annotation) are served. Off, as the Go controller leaves them: on EKS
   * the cloud provider serves them too, and two controllers would make two NLBs and both write the
   * Service's status. Turn on only where no cloud provider serves them.
   */
  @WithDefault("false")
  boolean manageInTreeNlbServices();

  /** Tags added to every AWS resource the operator creates: {@code key1=value1,key2=value2}. */
  Optional<String> defaultTags();

  /**
   * Tag keys that something else manages on the operator's AWS resources (a cost-allocation tool,
   * an AWS Config rule): the operator neither writes nor removes them. {@code key1,key2}.
   */
  Optional<String> externalManagedTags();

  /** Defaults to true where the partition has AWS Shield, false elsewhere (China). */
  Optional<Boolean> enableShield();

  /** Defaults to true where the partition has AWS WAF Classic, false elsewhere (China). */
  Optional<Boolean> enableWaf();

  /** Defaults to true where the partition has AWS WAFv2, false elsewhere (China). */
  Optional<Boolean> enableWafv2();

  /**
   * The certificate authorities whose ACM certificates may be discovered for an HTTPS listener that
   * names none: {@code arn1,arn2}. Empty: every ISSUED certificate, as in the Go controller's flag
   * {@code --allowed-certificate-authority-arns}.
   */
  Optional<String> allowedCertificateAuthorityArns();

  /** Feature gates as in the Go controller: {@code Gate1=true,Gate2=false}. */
  Optional<String> featureGates();

  /**
   * How often each TargetGroupBinding is checked against AWS although nothing changed, to repair
   * drift.
   */
  @WithDefault("10m")
  Duration targetGroupBindingResyncPeriod();

  /**
   * How often the load balancers and target groups tagged for this cluster are listed, so that one
   * changed or deleted outside the operator is put back.
   */
  @WithDefault("2m")
  Duration loadBalancerResyncPeriod();

  /**
   * How often the target health of a TargetGroupBinding is read again while one of its pods'
   * readiness gates is not yet True.
   */
  @WithDefault("15s")
  Duration readinessGateRecheckPeriod();

  /**
   * How many Services still waiting for their load balancer are reconciled at once; the others wait
   * their turn in the order they came, so that a burst of Services gets its load balancers as a
   * stream, the first within seconds, rather than all late together; the whole burst then takes
   * longer where AWS answers slowly to many calls at once. Services served already do not wait. 0:
   * no limit but the reconciliation threads.
   */
  @WithDefault("0")
  int serviceMaxConcurrentCreations();

  /** As {@link #serviceMaxConcurrentCreations}, for Ingresses without an address yet. */
  @WithDefault("0")
  int ingressMaxConcurrentCreations();

  /**
   * The longest wait before a Service whose reconciliation failed is tried again: the waits begin
   * at 5 ms and double after each failure, without a limit on the tries, as in the Go controller
   * (whose Services wait at most 1000 s, without a flag). Also the longest a Service goes without a
   * reconciliation when nothing changes, and the longest wait between two tries to delete what a
   * Service no longer needs while AWS still refuses.
   */
  @WithDefault("1000s")
  Duration serviceMaxExponentialBackoffDelay();

  /** As {@link #serviceMaxExponentialBackoffDelay}, for Ingresses and their groups. */
  @WithDefault("1000s")
  Duration ingressMaxExponentialBackoffDelay();

  /**
   * As {@link #serviceMaxExponentialBackoffDelay}, for TargetGroupBindings; they are looked at
   * every {@link #targetGroupBindingResyncPeriod} when nothing fails. The Go controller's flag.
   */
  @WithName("targetgroupbinding-max-exponential-backoff-delay")
  @WithDefault("1000s")
  Duration targetGroupBindingMaxExponentialBackoffDelay();

  interface Aws {
    /** AWS region, e.g. {@code cn-north-1}. Env: ELBV2_AWS_REGION. */
    Optional<String> region();

    /** VPC of the cluster. Env: ELBV2_AWS_VPC_ID. */
    Optional<String> vpcId();

    /**
     * Endpoint for the ELBv2 and EC2 APIs instead of the regional ones (a VPC endpoint or an
     * emulator).
     */
    Optional<URI> endpoint();

    /** Retries of one AWS call after its first attempt, throttling included. */
    @WithDefault("10")
    int maxRetries();

    /** Time for one AWS call, all retries included. */
    @WithDefault("60s")
    Duration callTimeout();

    /** Time for one attempt of an AWS call. */
    @WithDefault("15s")
    Duration attemptTimeout();

    /**
     * How many calls to each of the ELBv2 and EC2 APIs run at once; the others wait, those of the
     * work that began first going first, so that a burst of Services gets its load balancers one
     * after another instead of all at the end. 0: no limit but the reconciliation threads.
     */
    @WithDefault("4")
    int maxConcurrentCalls();
  }
}
