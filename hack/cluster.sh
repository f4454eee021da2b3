#!/usr/bin/env bash
# A local cluster made of real parts: etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok (simulated
# nodes and pods) and moto (the ELBv2 and EC2 APIs), all on 127.0.0.1.
#
#   hack/cluster.sh up       build what is missing, start everything (reuses a running cluster), print the env file
#   hack/cluster.sh down     stop everything and delete the cluster's state
#   hack/cluster.sh status   say what runs
#
# After `up`, $RUN_DIR/cluster.env holds KUBECONFIG, the API server, the AWS endpoint, region, VPC and subnets.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PID_DIR="$RUN_DIR/pids"
LOG_DIR="$RUN_DIR/logs"
PKI_DIR="$RUN_DIR/pki"
NODE_COUNT="${ELBV2_NODE_COUNT:-2}"

# A pid file names a live process of that name (a stale file's pid may have been reused by another process).
running() {
  local pid
  pid="$(cat "$PID_DIR/$1.pid" 2>/dev/null)" || return 1
  kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$1"
}

start() { # <name> <command...>
  local name="$1"; shift
  if running "$name"; then return 0; fi
  log "starting $name (log: $LOG_DIR/$name.log)"
  nohup "$@" >"$LOG_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$PID_DIR/$name.pid"
}

wait_for() { # <what> <seconds> <command...>
  local what="$1" seconds="$2"; shift 2
  for ((i = 0; i < seconds * 4; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.25
  done
  die "$what did not become ready within ${seconds}s; see $LOG_DIR"
}

make_pki() {
  [[ -f "$PKI_DIR/admin.crt" ]] && return 0
  log "creating certificates in $PKI_DIR"
  mkdir -p "$PKI_DIR"
  (
    cd "$PKI_DIR"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=elbv2-local-ca" \
      -keyout ca.key -out ca.crt 2>/dev/null
    # One certificate serves the apiserver and authenticates every client as a cluster admin.
    openssl req -newkey rsa:2048 -nodes -subj "/O=system:masters/CN=admin" -keyout admin.key -out admin.csr 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n' >admin.ext
    openssl x509 -req -in admin.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -extfile admin.ext \
      -out admin.crt 2>/dev/null
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
  )
}

write_kubeconfig() {
  cat >"$KUBECONFIG_FILE" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: $CLUSTER_NAME
  cluster:
    server: https://127.0.0.1:$APISERVER_PORT
    certificate-authority: $PKI_DIR/ca.crt
users:
- name: admin
  user:
    client-certificate: $PKI_DIR/admin.crt
    client-key: $PKI_DIR/admin.key
contexts:
- name: $CLUSTER_NAME
  context: {cluster: $CLUSTER_NAME, user: admin}
current-context: $CLUSTER_NAME
KUBECONFIG
}

kwok_config() {
  local stages
  stages="$(GOFLAGS= go env GOMODCACHE)/sigs.k8s.io/kwok@$KWOK_VERSION/kustomize/stage"
  [[ -d "$stages" ]] || (cd "$HACK_DIR/tools/kwok" && GOTOOLCHAIN=local go mod download sigs.k8s.io/kwok)
  {
    printf 'apiVersion: config.kwok.x-k8s.io/v1alpha1\nkind: KwokConfiguration\noptions:\n  enableCRDs: []\n'
    for f in "$stages"/node/fast/node-initialize.yaml "$stages"/node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
      "$HACK_DIR"/kwok/pod-ready.yaml "$HACK_DIR"/kwok/pod-readiness-gates.yaml \
      "$stages"/pod/fast/pod-complete.yaml "$stages"/pod/fast/pod-delete.yaml; do
      printf -- '---\n'
      cat "$f"
    done
  } >"$RUN_DIR/kwok.yaml"
}

start_kubernetes() {
  make_pki
  write_kubeconfig
  start etcd "$ETCD_BIN/etcd" --name=local --data-dir="$RUN_DIR/etcd" --unsafe-no-fsync \
    --listen-client-urls="http://127.0.0.1:$ETCD_PORT" --advertise-client-urls="http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster="local=http://127.0.0.1:$ETCD_PEER_PORT" --quota-backend-bytes=4294967296
  wait_for etcd 30 curl -fsS "http://127.0.0.1:$ETCD_PORT/health"

  start kube-apiserver "$KUBERNETES_BIN/kube-apiserver" --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$APISERVER_PORT" \
    --endpoint-reconciler-type=none --cert-dir="$PKI_DIR" \
    --tls-cert-file="$PKI_DIR/admin.crt" --tls-private-key-file="$PKI_DIR/admin.key" \
    --client-ca-file="$PKI_DIR/ca.crt" --authorization-mode=Node,RBAC \
    --service-account-issuer=https://kubernetes.default.svc --service-account-key-file="$PKI_DIR/sa.pub" \
    --service-account-signing-key-file="$PKI_DIR/sa.key" --service-cluster-ip-range=10.96.0.0/16 \
    --service-node-port-range=30000-32767 --allow-privileged=true
  wait_for kube-apiserver 90 kubectl get --raw /readyz

  start kube-controller-manager "$KUBERNETES_BIN/kube-controller-manager" --kubeconfig="$KUBECONFIG_FILE" \
    --authentication-kubeconfig="$KUBECONFIG_FILE" --authorization-kubeconfig="$KUBECONFIG_FILE" \
    --bind-address=127.0.0.1 --secure-port=0 --leader-elect=false --controllers='*' \
    --service-account-private-key-file="$PKI_DIR/sa.key" --root-ca-file="$PKI_DIR/ca.crt" \
    --use-service-account-credentials=false --node-monitor-grace-period=60s
  start kube-scheduler "$KUBERNETES_BIN/kube-scheduler" --kubeconfig="$KUBECONFIG_FILE" \
    --authentication-kubeconfig="$KUBECONFIG_FILE" --authorization-kubeconfig="$KUBECONFIG_FILE" \
    --bind-address=127.0.0.1 --secure-port=0 --leader-elect=false

  kwok_config
  start kwok "$KWOK_BIN/kwok" --kubeconfig="$KUBECONFIG_FILE" --config="$RUN_DIR/kwok.yaml" \
    --manage-all-nodes=false --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
    --cidr=10.244.0.0/16 --node-ip=10.240.0.1 --node-lease-duration-seconds=40 --server-address=127.0.0.1:0
  wait_for "default service account" 60 kubectl get serviceaccount default -n default
}

start_moto() {
  start moto "$MOTO_VENV/bin/moto_server" -H 127.0.0.1 -p "$MOTO_PORT"
  wait_for moto 30 curl -fsS "http://127.0.0.1:$MOTO_PORT/moto-api/data.json"
}

# VPC, subnets, node security group and one instance per node in moto; Nodes pointing at them in Kubernetes.
seed() {
  if [[ -f "$AWS_ENV_FILE" ]]; then return 0; fi
  log "seeding moto with a VPC, subnets and $NODE_COUNT instances; creating the matching nodes"
  "$MOTO_VENV/bin/python" "$HACK_DIR/seed_aws.py" --endpoint "http://127.0.0.1:$MOTO_PORT" --region "$AWS_REGION" \
    --cluster "$CLUSTER_NAME" --nodes "$NODE_COUNT" --env-file "$AWS_ENV_FILE.tmp" --nodes-file "$RUN_DIR/nodes.yaml"
  kubectl apply -f "$RUN_DIR/nodes.yaml" >/dev/null
  mv "$AWS_ENV_FILE.tmp" "$AWS_ENV_FILE"
}

all_nodes_ready() {
  [[ "$(kubectl get nodes --no-headers 2>/dev/null | grep -cw Ready)" -ge "$NODE_COUNT" ]]
}

up() {
  [[ -x "$KUBERNETES_BIN/kube-apiserver" && -x "$MOTO_VENV/bin/moto_server" && -x "$HELM_BIN/helm" ]] ||
    "$HACK_DIR/build-tools.sh"
  mkdir -p "$PID_DIR" "$LOG_DIR"
  if ! running moto; then rm -f "$AWS_ENV_FILE"; fi
  if ! running etcd; then rm -rf "$RUN_DIR/etcd" "$AWS_ENV_FILE"; fi
  start_moto
  start_kubernetes
  seed
  wait_for "ready nodes" 60 all_nodes_ready
  {
    cat "$AWS_ENV_FILE"
    echo "KUBECONFIG=$KUBECONFIG_FILE"
    # The helm the tests install the chart with.
    echo "ELBV2_HELM=$HELM_BIN/helm"
    # A serving certificate for 127.0.0.1, signed by the cluster's CA: admission webhooks served by a local operator.
    echo "ELBV2_WEBHOOK_CA_FILE=$PKI_DIR/ca.crt"
    echo "ELBV2_WEBHOOK_CA_KEY_FILE=$PKI_DIR/ca.key"
    echo "ELBV2_WEBHOOK_CERT_FILE=$PKI_DIR/admin.crt"
    echo "ELBV2_WEBHOOK_KEY_FILE=$PKI_DIR/admin.key"
  } >"$CLUSTER_ENV_FILE"
  log "cluster is up; its settings are in $CLUSTER_ENV_FILE"
  echo "$CLUSTER_ENV_FILE"
}

down() {
  for name in kwok kube-scheduler kube-controller-manager kube-apiserver etcd moto; do
    if running "$name"; then
      log "stopping $name"
      kill "$(cat "$PID_DIR/$name.pid")" 2>/dev/null || true
    fi
    rm -f "$PID_DIR/$name.pid"
  done
  sleep 1
  rm -rf "$RUN_DIR/etcd" "$AWS_ENV_FILE" "$CLUSTER_ENV_FILE" "$RUN_DIR/nodes.yaml"
}

status() {
  for name in moto etcd kube-apiserver kube-controller-manager kube-scheduler kwok; do
    if running "$name"; then echo "$name: running (pid $(cat "$PID_DIR/$name.pid"))"; else echo "$name: stopped"; fi
  done
}

kubectl() { "$KUBERNETES_BIN/kubectl" --kubeconfig="$KUBECONFIG_FILE" "$@"; }

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
