#!/usr/bin/env bash
# The local demo: starts the local cluster (real kube-apiserver + kwok nodes + moto), runs the operator against it,
# applies the examples (the 2048 game behind an ALB Ingress, nginx behind an nlb and an nlb-ip Service, and a
# TargetGroupBinding of a target group made outside Kubernetes) and prints what the operator made in AWS and in
# Kubernetes.
#
#   hack/demo.sh          run it (the operator keeps running afterwards; its log is in $RUN_DIR/logs/operator.log)
#   hack/demo.sh stop     stop the demo and its cluster if it ran (the tests do, so that no second operator and no
#                         demo Service sharing the backend security group acts on their cluster)
#   hack/demo.sh down     stop the operator and the local cluster
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

OPERATOR_PID="$RUN_DIR/pids/operator.pid"
OPERATOR_LOG="$RUN_DIR/logs/operator.log"
OPERATOR_PORT="${ELBV2_DEMO_HTTP_PORT:-28090}"

kubectl() { "$KUBERNETES_BIN/kubectl" --kubeconfig="$KUBECONFIG_FILE" "$@"; }

stop_operator() {
  if [[ -f "$OPERATOR_PID" ]] && kill -0 "$(cat "$OPERATOR_PID")" 2>/dev/null; then
    log "stopping the operator"
    kill "$(cat "$OPERATOR_PID")"
    while kill -0 "$(cat "$OPERATOR_PID")" 2>/dev/null; do sleep 0.2; done
  fi
  rm -f "$OPERATOR_PID"
}

if [[ "${1:-}" == stop ]]; then
  if [[ -f "$OPERATOR_PID" ]]; then
    stop_operator
    "$HACK_DIR/cluster.sh" down
  fi
  exit 0
fi

if [[ "${1:-}" == down ]]; then
  stop_operator
  "$HACK_DIR/cluster.sh" down
  exit 0
fi

env_file="$("$HACK_DIR/cluster.sh" up)"
set -a
# shellcheck disable=SC1090
source "$env_file"
set +a

log "building the operator"
(cd "$PROJECT_DIR" && ./mvnw -B -q package -DskipTests)
for crd in "$PROJECT_DIR"/helm/elbv2-operator/crds/*.yaml; do
  [[ -e "$crd" ]] || continue
  kubectl apply -f "$crd" >/dev/null
  kubectl wait --for condition=established --timeout=60s -f "$crd" >/dev/null
done

stop_operator
log "starting the operator (log: $OPERATOR_LOG)"
# The local cluster has no cloud provider, so the operator serves the example's in-tree `nlb` Service too.
ELBV2_AWS_ENDPOINT="$AWS_ENDPOINT_URL" ELBV2_AWS_REGION="$AWS_REGION" ELBV2_AWS_VPC_ID="$ELBV2_VPC_ID" \
  ELBV2_LEADER_ELECTION_NAMESPACE=kube-system QUARKUS_HTTP_PORT="$OPERATOR_PORT" ELBV2_MANAGE_IN_TREE_NLB_SERVICES=true \
  nohup java -jar "$PROJECT_DIR/target/quarkus-app/quarkus-run.jar" >"$OPERATOR_LOG" 2>&1 </dev/null &
echo $! >"$OPERATOR_PID"
for ((i = 0; i < 120; i++)); do
  curl -fsS "http://127.0.0.1:$OPERATOR_PORT/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$(cat "$OPERATOR_PID")" 2>/dev/null || { tail -30 "$OPERATOR_LOG"; die "the operator exited"; }
  sleep 0.5
done

log "applying the examples"
kubectl apply -f "$PROJECT_DIR/examples/" >/dev/null
kubectl rollout status deployment/nginx -n default --timeout=120s >/dev/null
kubectl rollout status deployment/deployment-2048 -n game-2048 --timeout=120s >/dev/null
# Wait until the 2048 Ingress has its load balancer's address, then give the targets a moment.
for ((i = 0; i < 120; i++)); do
  [[ -n "$(kubectl get ingress ingress-2048 -n game-2048 -o jsonpath='{.status.loadBalancer.ingress[0].hostname}' 2>/dev/null)" ]] && break
  sleep 1
done
sleep "${ELBV2_DEMO_SETTLE_SECONDS:-10}"

"$MOTO_VENV/bin/python" "$HACK_DIR/report.py" --endpoint "$AWS_ENDPOINT_URL" --region "$AWS_REGION" \
  --cluster "$ELBV2_CLUSTER_NAME" --vpc "$ELBV2_VPC_ID"
echo
echo "== Kubernetes =="
kubectl get nodes -o custom-columns='NODE:.metadata.name,PROVIDER-ID:.spec.providerID,POD-CIDR:.spec.podCIDR'
echo
kubectl get pods -n default -l app=nginx -o wide
kubectl get pods -n game-2048 -o wide
echo
kubectl get services -A --field-selector spec.type=LoadBalancer \
  -o custom-columns='NAMESPACE:.metadata.namespace,SERVICE:.metadata.name,TYPE-ANNOTATION:.metadata.annotations.service\.beta\.kubernetes\.io/aws-load-balancer-type,HOSTNAME:.status.loadBalancer.ingress[*].hostname,FINALIZERS:.metadata.finalizers'
echo
kubectl get ingress -A
echo
if kubectl get crd targetgroupbindings.elbv2.k8s.aws >/dev/null 2>&1; then
  kubectl get targetgroupbindings -A -o wide
  echo
fi
echo "== Node security group rules added by elbv2-operator =="
"$MOTO_VENV/bin/python" - "$AWS_ENDPOINT_URL" "$AWS_REGION" "$ELBV2_NODE_SECURITY_GROUP" <<'PY'
import sys, boto3
ec2 = boto3.client("ec2", endpoint_url=sys.argv[1], region_name=sys.argv[2],
                   aws_access_key_id="testing", aws_secret_access_key="testing")
group = ec2.describe_security_groups(GroupIds=[sys.argv[3]])["SecurityGroups"][0]
shared = "elbv2.k8s.aws/targetGroupBinding=shared"
rules = [f"{p['IpProtocol']} {p.get('FromPort')}-{p.get('ToPort')} from {r['CidrIp']}" for p in group["IpPermissions"]
         for r in p.get("IpRanges", []) if r.get("Description") == shared]
rules += [f"{p['IpProtocol']} {p.get('FromPort')}-{p.get('ToPort')} from {g['GroupId']}" for p in group["IpPermissions"]
          for g in p.get("UserIdGroupPairs", []) if g.get("Description") == shared]
print(f"{sys.argv[3]}: " + ("; ".join(rules) if rules else "none"))
PY
echo
echo "== Events from elbv2-operator =="
kubectl get events -A --field-selector source=elbv2-operator \
  -o custom-columns='NAMESPACE:.metadata.namespace,OBJECT:.involvedObject.kind,NAME:.involvedObject.name,TYPE:.type,REASON:.reason,MESSAGE:.message'
echo
log "the operator keeps running (metrics: http://127.0.0.1:$OPERATOR_PORT/metrics); stop everything with: hack/demo.sh down"
log "kubectl: $KUBERNETES_BIN/kubectl --kubeconfig=$KUBECONFIG_FILE"
