#!/usr/bin/env bash
# The test command: installs what the tests need on Debian 12 (as root, the first time only), then runs every test
# project of Mesh.sln and closes with one line over all of them: "N passed, N failed, N skipped".
#   gcc              builds native/mkl_cpu_dispatch.c (MKL's vector code path on AMD CPUs)
#   redis-server     the context store's Redis tests start their own server on a free loopback port
#   python3-grpcio   the Python client tests (Debian's python3 with python3-grpcio and python3-protobuf; the
#                    mesh-client package's pytest suite also needs python3-numpy and python3-pytest, and its
#                    up-to-date check of the generated stubs protoc and grpc_python_plugin)
#   nodejs, npm      the Node client test, with @grpc/grpc-js from clients/node (pinned by its package-lock.json)
#   golang-go, golang-github-masterminds-sprig-dev, golang-gopkg-yaml.v3-dev
#                    helm/render, which renders the Helm chart for its tests (no helm binary exists in Debian)
#   prometheus       promtool: checks deploy/prometheus's configuration and runs its alert unit tests
# Extra arguments go to dotnet test (for example --filter "FullyQualifiedName~Judging").
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

packages=()
command -v cc >/dev/null || packages+=(gcc)
command -v redis-server >/dev/null || packages+=(redis-server)
/usr/bin/python3 -c 'import grpc, google.protobuf' 2>/dev/null || packages+=(python3-grpcio python3-protobuf)
/usr/bin/python3 -c 'import numpy' 2>/dev/null || packages+=(python3-numpy)
/usr/bin/python3 -c 'import pytest' 2>/dev/null || packages+=(python3-pytest)
[[ -x /usr/bin/protoc ]] || packages+=(protobuf-compiler)
[[ -x /usr/bin/grpc_python_plugin ]] || packages+=(protobuf-compiler-grpc)
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
command -v go >/dev/null || packages+=(golang-go)
[[ -d /usr/share/gocode/src/github.com/Masterminds/sprig ]] || packages+=(golang-github-masterminds-sprig-dev)
[[ -d /usr/share/gocode/src/gopkg.in/yaml.v3 ]] || packages+=(golang-gopkg-yaml.v3-dev)
command -v promtool >/dev/null || packages+=(prometheus)
if ((${#packages[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "test.sh: the tests need the Debian packages ${packages[*]}; run as root, or install them first." >&2
    exit 1
  fi
  echo "test.sh: installing ${packages[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
fi

# npm ci again only when the lock file is newer than the installed tree.
[[ clients/node/node_modules/.package-lock.json -nt clients/node/package-lock.json ]] || npm ci --prefix clients/node --no-audit --no-fund --loglevel=error

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Mesh.sln "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e

read -r passed failed skipped < <(grep -E '^(Passed|Failed)!' "$log" | awk -F'[:,]' '
  { for (i = 1; i <= NF; i++) { g = $i; gsub(/ /, "", g)
      if (g ~ /Failed$/) f += $(i+1); if (g == "Passed") p += $(i+1); if (g == "Skipped") s += $(i+1) } }
  END { printf "%d %d %d\n", p, f, s }')
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$rc"
