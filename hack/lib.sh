# Shared settings for the local-cluster scripts. Source it; do not run it.
set -euo pipefail

HACK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT_DIR="$(cd "$HACK_DIR/.." && pwd)"

# Everything the scripts build, download or run lives here, outside the source tree.
CACHE_DIR="${ELBV2_CACHE_DIR:-$HOME/.cache/elbv2-operator}"
# State of one running local cluster (etcd data, certificates, logs, kubeconfig, pids).
RUN_DIR="${ELBV2_RUN_DIR:-$CACHE_DIR/run}"

# The version a helper module in hack/tools requires of a module (block or single-line require).
module_version() { # <tools folder> <module path>
  awk -v m="$2" '$1 == m && $2 ~ /^v/ {print $2; exit} $1 == "require" && $2 == m {print $3; exit}' \
    "$HACK_DIR/tools/$1/go.mod"
}
KUBERNETES_VERSION="$(module_version kubernetes k8s.io/kubernetes)"
ETCD_VERSION="$(module_version etcd go.etcd.io/etcd/server/v3)"
KWOK_VERSION="$(module_version kwok sigs.k8s.io/kwok)"
HELM_VERSION="$(module_version helm helm.sh/helm/v3)"
MOTO_VERSION="5.2.5"

KUBERNETES_BIN="$CACHE_DIR/bin/kubernetes-$KUBERNETES_VERSION"
ETCD_BIN="$CACHE_DIR/bin/etcd-$ETCD_VERSION"
KWOK_BIN="$CACHE_DIR/bin/kwok-$KWOK_VERSION"
HELM_BIN="$CACHE_DIR/bin/helm-$HELM_VERSION"
MOTO_VENV="$CACHE_DIR/venv/moto-$MOTO_VERSION"

# Ports on 127.0.0.1; override when they clash with something else on the machine.
ETCD_PORT="${ELBV2_ETCD_PORT:-22379}"
ETCD_PEER_PORT="${ELBV2_ETCD_PEER_PORT:-22380}"
APISERVER_PORT="${ELBV2_APISERVER_PORT:-26443}"
MOTO_PORT="${ELBV2_MOTO_PORT:-25000}"

CLUSTER_NAME="${ELBV2_CLUSTER_NAME:-elbv2-local}"
AWS_REGION="${ELBV2_AWS_REGION:-cn-north-1}"

KUBECONFIG_FILE="$RUN_DIR/kubeconfig"
AWS_ENV_FILE="$RUN_DIR/aws.env"
CLUSTER_ENV_FILE="$RUN_DIR/cluster.env"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }
