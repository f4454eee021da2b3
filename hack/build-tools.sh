#!/usr/bin/env bash
# Builds etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kubectl, kwok and helm from the Go module proxy and
# installs moto in a virtualenv. Each is cached under $CACHE_DIR keyed by version; a second run does nothing.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-buildvcs=false

go_build() { # <module dir> <output dir> <ldflags> <packages...>
  local module="$1" out="$2" ldflags="$3"; shift 3
  if [[ -f "$out/.complete" ]]; then return 0; fi
  log "building $* into $out (first run only; this takes a while)"
  rm -rf "$out.tmp" && mkdir -p "$out.tmp"
  (cd "$HACK_DIR/tools/$module" && go build -trimpath -ldflags "-s -w $ldflags" -o "$out.tmp/" "$@")
  # go names a /vN module's binary after its parent folder.
  if [[ -f "$out.tmp/server" ]]; then mv "$out.tmp/server" "$out.tmp/etcd"; fi
  touch "$out.tmp/.complete"
  rm -rf "$out" && mv "$out.tmp" "$out"
}

kubernetes_ldflags() {
  local v="$KUBERNETES_VERSION" major minor
  major="${v#v}"; major="${major%%.*}"
  minor="${v#v*.}"; minor="${minor%%.*}"
  local flags=""
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    flags+=" -X $pkg.gitVersion=$v -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
  done
  echo "$flags"
}

install_moto() {
  if [[ -f "$MOTO_VENV/.complete" ]]; then return 0; fi
  log "installing moto[server]==$MOTO_VERSION into $MOTO_VENV"
  rm -rf "$MOTO_VENV"
  python3 -m venv "$MOTO_VENV"
  "$MOTO_VENV/bin/pip" install --quiet "moto[server]==$MOTO_VERSION"
  touch "$MOTO_VENV/.complete"
}

command -v go >/dev/null || die "the Go toolchain is required (go 1.25 or newer)"
install_moto
go_build etcd "$ETCD_BIN" "" go.etcd.io/etcd/server/v3
go_build kwok "$KWOK_BIN" "" sigs.k8s.io/kwok/cmd/kwok
go_build kubernetes "$KUBERNETES_BIN" "$(kubernetes_ldflags)" \
  k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler \
  k8s.io/kubernetes/cmd/kubectl
go_build helm "$HELM_BIN" "" helm.sh/helm/v3/cmd/helm
log "tools ready under $CACHE_DIR"
