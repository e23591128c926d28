#!/usr/bin/env bash
# CI leg for the container: build the image on a local stand-in for node:24-bookworm-slim and
# run it as users do, then run the compose example's stack.
# No registry is reachable, so no base image can be pulled; containers use the host's network
# only (a bridge would give them private-range addresses, which this network forbids). Every
# file, image and the Docker daemon itself live in a temporary folder removed at the end:
# nothing is cached between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
export DEBIAN_FRONTEND=noninteractive

log() { printf '[image %4ss] %s\n' "$SECONDS" "$*"; }

missing=()
for need in /usr/sbin/dockerd:docker.io /usr/bin/docker:docker.io /usr/bin/mmdebstrap:mmdebstrap \
  /usr/bin/docker-compose:docker-compose /usr/bin/prometheus:prometheus /usr/bin/curl:curl /usr/bin/jq:jq; do
  [ -x "${need%%:*}" ] || missing+=("${need#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

work=$(mktemp -d /tmp/atlas-image-ci.XXXXXX)
export DOCKER_HOST=unix://$work/docker.sock
docker() { /usr/bin/docker "$@"; }
# the stack of examples/compose as .ci/compose-host.mjs turns it for the host network
compose() { /usr/bin/docker-compose --project-name atlas-image-ci -f "$work/compose-host.yml" "$@"; }
dockerd_pid=
cleanup() {
  local rc=$?
  if [ -n "$dockerd_pid" ]; then
    if [ $rc -ne 0 ]; then
      for c in $(docker ps -aq 2>/dev/null); do
        echo "--- container $(docker inspect -f '{{.Name}} {{.State.Status}}' "$c")"
        docker inspect -f '{{if .State.Health}}{{range .State.Health.Log}}{{.Output}}{{end}}{{end}}' "$c" | tail -3
        docker logs --tail 20 "$c" 2>&1
      done
      echo '--- dockerd'; tail -20 "$work/dockerd.log"
    fi
    compose down --volumes --timeout 5 >/dev/null 2>&1 || true
    docker ps -aq | xargs -r /usr/bin/docker rm -f >/dev/null 2>&1 || true
    kill "$dockerd_pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$dockerd_pid" 2>/dev/null || break; sleep 0.5; done
  fi
  # dockerd can leave its network namespace mounted under the exec root
  grep -o " $work/[^ ]*" /proc/mounts | sort -r | xargs -r umount -l 2>/dev/null || true
  rm -rf "$work" || true
  exit $rc
}
trap cleanup EXIT

free_port() {
  node -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}
# wait_for WHAT SECONDS COMMAND...: run COMMAND until it succeeds, or fail after SECONDS.
wait_for() {
  local what=$1 deadline=$((SECONDS + $2))
  shift 2
  until "$@" >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then
      echo "timed out waiting for $what" >&2
      return 1
    fi
    sleep 0.5
  done
}
fail() {
  echo "$*" >&2
  exit 1
}
health_is() { [ "$(docker inspect -f '{{.State.Health.Status}}' "$1")" = "$2" ]; }

log 'starting dockerd'
/usr/sbin/dockerd --iptables=false --ip6tables=false --bridge=none --data-root "$work/data" \
  --exec-root "$work/exec" -H "$DOCKER_HOST" --pidfile "$work/dockerd.pid" >"$work/dockerd.log" 2>&1 &
dockerd_pid=$!

# The stand-in for node:24-bookworm-slim: Debian bookworm minbase (from the mirror this machine's
# apt uses), docs and locales left out as in Debian's slim images, CI's Node and npm
# (.ci/node.sh) in /usr/local as in the official image, and its `node` user, uid 1000.
source .ci/node.sh
mirror=$(
  {
    grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}'
    grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | grep -o '[a-z]*://[^ ]*'
  } | grep -v -- '-security' | head -1 || true
)
[ -n "$mirror" ] || fail 'no Debian mirror in the apt sources'
log "mmdebstrap bookworm from $mirror; meanwhile Node.js $NODE_LINE into .cache/node"
node_toolchain "$repo/.cache/node" &
pack_pid=$!
# force-unsafe-io: no fsync per file; the tree is thrown away if anything fails.
mmdebstrap --quiet --variant=minbase --include=ca-certificates --dpkgopt=force-unsafe-io \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
  --customize-hook='chroot "$1" useradd --uid 1000 --user-group --create-home --shell /bin/bash node' \
  bookworm "$work/base.tar" "$mirror"
wait "$pack_pid" || fail 'fetching Node.js failed'
mkdir -p "$work/rootfs/usr/local"
cp -a "$repo/.cache/node/." "$work/rootfs/usr/local/"
# Files only: docker import refuses a second entry for a directory the base already has.
tar --append -f "$work/base.tar" --owner=0 --group=0 -C "$work/rootfs" \
  ./usr/local/bin/node ./usr/local/bin/npm ./usr/local/bin/npx ./usr/local/lib/node_modules

wait_for dockerd 30 docker version
base=atlas-ci/node:$NODE_LINE-bookworm-slim
docker import --change 'CMD ["node"]' "$work/base.tar" "$base" >/dev/null
rm "$work/base.tar"
stand_in=$(docker run --rm --network host "$base" sh -c '[ "$(id -u node)" = 1000 ] && node --version')
[[ $stand_in == v$NODE_LINE.* ]] || fail "the stand-in base runs Node.js $stand_in, not $NODE_LINE"


log 'building the image'
image=atlas-backup-exporter:local
build_start=$SECONDS
revision=$(git rev-parse --short=12 HEAD)
created=$(date -u +%Y-%m-%dT%H:%M:%SZ)
DOCKER_BUILDKIT=1 docker build --progress=plain --network host \
  --secret id=npm_ca,src=/etc/ssl/certs/ca-certificates.crt \
  --build-arg NODE_IMAGE="$base" --build-arg REVISION="$revision" --build-arg CREATED="$created" \
  -t "$image" . >"$work/build.log" 2>&1 || { tail -40 "$work/build.log"; exit 1; }
build_seconds=$((SECONDS - build_start))
size=$(docker image inspect -f '{{.Size}}' "$image")
base_size=$(docker image inspect -f '{{.Size}}' "$base")
log "image built in ${build_seconds}s: $((size / 1000000)) MB ($(((size - base_size) / 1000000)) MB over the base)"

# Trusting the secret means npm ci uses it: a bundle that signs nothing must fail the install.
# npm retries for about a minute before it gives up, so this runs beside the checks below.
log 'meanwhile: a CA bundle that signs nothing must fail npm ci'
cp "$repo/test/fixtures/tls/impostor.crt" "$work/wrong-ca.pem"
DOCKER_BUILDKIT=1 docker build --progress=plain --network host --no-cache --target runtime-deps \
  --secret id=npm_ca,src="$work/wrong-ca.pem" --build-arg NODE_IMAGE="$base" . >"$work/wrong-ca.log" 2>&1 &
wrong_ca_pid=$!

log 'OCI labels: what package.json says, the revision and build time given; --version agrees'
labels=$(docker image inspect -f '{{json .Config.Labels}}' "$image")
# expect_label NAME VALUE: the image's org.opencontainers.image.NAME label is VALUE
expect_label() {
  local actual
  actual=$(jq -r --arg key "org.opencontainers.image.$1" '.[$key] // "(none)"' <<<"$labels")
  [ "$actual" = "$2" ] || fail "label org.opencontainers.image.$1 is '$actual', not '$2'"
}
expect_label title "$(jq -r .name package.json)"
expect_label description "$(jq -r .description package.json)"
expect_label version "$(jq -r .version package.json)"
expect_label licenses "$(jq -r .license package.json)"
expect_label source "$(jq -r .repository.url package.json | sed -E 's/^git\+//; s/\.git$//')"
expect_label revision "$revision"
expect_label created "$created"
version_text=$(docker run --rm --network host "$image" --version)
grep -qF "(revision: $revision)" <<<"$version_text" || fail "--version does not name $revision: $version_text"
grep -qF "build date:       $created" <<<"$version_text" || fail "--version does not say $created: $version_text"
grep -qF "node version:     v$NODE_LINE." <<<"$version_text" || fail "--version: not Node.js $NODE_LINE: $version_text"

log 'memory: the young generation capped, gc() for the release after a refresh, two malloc arenas, big blocks mapped apart (bench/README.md, "Memory")'
entrypoint=$(docker image inspect -f '{{json .Config.Entrypoint}}' "$image")
[ "$entrypoint" = '["node","--max-semi-space-size=8","--expose-gc","/app/dist/main.js"]' ] ||
  fail "ENTRYPOINT is $entrypoint, without --max-semi-space-size=8 --expose-gc"
docker image inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$image" | grep -qx 'MALLOC_ARENA_MAX=2' ||
  fail 'the image does not set MALLOC_ARENA_MAX=2'
docker image inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$image" | grep -qx 'MALLOC_MMAP_THRESHOLD_=32768' ||
  fail 'the image does not set MALLOC_MMAP_THRESHOLD_=32768'

hardened=(--network host --read-only --cap-drop ALL --security-opt no-new-privileges --health-interval 1s)

log 'docker run --demo: ready, metrics, non-root, healthy, stops with 0'
port=$(free_port)
docker run -d --name demo "${hardened[@]}" "$image" --demo --web.listen-address="127.0.0.1:$port" \
  --log.level=debug >/dev/null
wait_for '/-/ready' 30 curl -fsS "http://127.0.0.1:$port/-/ready"
metrics=$(curl -fsS "http://127.0.0.1:$port/metrics")
grep -q '^mongodbatlas_exporter_up 1$' <<<"$metrics" || fail 'the demo does not serve mongodbatlas_exporter_up 1'
released() { docker logs demo 2>&1 | grep -q '"msg":"released the memory of the refresh"'; }
wait_for "the demo to give its refresh's memory back once no scrape comes" 15 released
uid=$(docker exec demo id -u)
[ "$uid" = 1000 ] || fail "the exporter runs as uid $uid, not 1000"
wait_for 'the demo to turn healthy' 30 health_is demo healthy
stop_start=$(date +%s%N)
docker stop --time 10 demo >/dev/null
stop_ms=$((($(date +%s%N) - stop_start) / 1000000))
exit_code=$(docker inspect -f '{{.State.ExitCode}}' demo)
log "docker stop took ${stop_ms} ms, exit code $exit_code"
[ "$exit_code" = 0 ] || fail "docker stop: exit code $exit_code"
[ "$stop_ms" -lt 10000 ] || fail "docker stop took ${stop_ms} ms"

log 'TLS and basic auth on other ports: healthy with the probe password and without one, unhealthy with a wrong one'
printf 's3cret-scrape\n' >"$work/probe-password"
printf 'not-the-password\n' >"$work/wrong-password"
chmod 0444 "$work/probe-password" "$work/wrong-password"
# run_tls NAME PORT [docker run options]: the demo behind the test web config
run_tls() {
  docker run -d --name "$1" "${hardened[@]}" "${@:3}" -v "$repo/test/fixtures/tls:/etc/exporter:ro" "$image" \
    --demo --web.listen-address="127.0.0.1:$2" --web.config.file=/etc/exporter/web-config.yml >/dev/null
}
port=$(free_port)
run_tls tls "$port" -v "$work/probe-password:/run/secrets/probe-password:ro" \
  -e ATLAS_EXPORTER_HEALTHCHECK_PASSWORD_FILE=/run/secrets/probe-password
run_tls tls-no-password "$(free_port)"
run_tls tls-wrong-password "$(free_port)" --health-retries 1 \
  -v "$work/wrong-password:/run/secrets/probe-password:ro" \
  -e ATLAS_EXPORTER_HEALTHCHECK_PASSWORD_FILE=/run/secrets/probe-password
wait_for 'the TLS exporter to turn healthy' 30 health_is tls healthy
# its 401 over the pinned certificate proves it alive
wait_for 'the exporter without a probe password to turn healthy' 30 health_is tls-no-password healthy
wait_for 'the exporter with a wrong probe password to turn unhealthy' 30 health_is tls-wrong-password unhealthy
probes=$(docker inspect -f '{{range .State.Health.Log}}{{.Output}}{{end}}' tls tls-no-password tls-wrong-password)
log "the probe with a wrong password says: $(tail -1 <<<"$probes")"
if grep -q -e s3cret -e not-the-password <<<"$probes"; then fail 'a probe printed a password'; fi
ca=(--cacert "$repo/test/fixtures/tls/server.crt")
anonymous=$(curl -s -o /dev/null -w '%{http_code}' "${ca[@]}" "https://127.0.0.1:$port/metrics")
[ "$anonymous" = 401 ] || fail "/metrics without credentials answered $anonymous"
metrics=$(curl -fsS "${ca[@]}" -u prometheus:s3cret-scrape "https://127.0.0.1:$port/metrics")
grep -q '^mongodbatlas_exporter_up 1$' <<<"$metrics" || fail 'no mongodbatlas_exporter_up 1 over TLS'
docker stop --time 10 tls tls-no-password tls-wrong-password >/dev/null
[ "$(docker inspect -f '{{.State.ExitCode}}' tls)" = 0 ] || fail 'the TLS exporter did not exit 0'

log 'compose: docker-compose config -q'
(cd examples/compose && /usr/bin/docker-compose config -q && DEMO=false /usr/bin/docker-compose config -q)

if wait "$wrong_ca_pid"; then fail 'the build ignored the npm_ca secret'; fi
grep -qiE 'UNABLE_TO_GET_ISSUER|SELF_SIGNED|certificate' "$work/wrong-ca.log" ||
  fail "npm ci failed, but not on the certificate: $(tail -5 "$work/wrong-ca.log")"
log 'npm ci refused the registry under the wrong npm_ca: the secret is what it trusts'

log 'compose: the stack on the host network, Prometheus from Debian'
prometheus_image=atlas-ci/prometheus:debian
[ "$(dpkg -S /usr/bin/prometheus)" = 'prometheus: /usr/bin/prometheus' ] || fail '/usr/bin/prometheus is not from the Debian package'
mkdir "$work/prometheus"
cp /usr/bin/prometheus "$work/prometheus/"
cat >"$work/prometheus/Dockerfile" <<'EOF'
ARG BASE
FROM ${BASE}
COPY prometheus /bin/prometheus
RUN mkdir -p /etc/prometheus /prometheus && chown 65534:65534 /prometheus
USER 65534
WORKDIR /prometheus
ENTRYPOINT ["/bin/prometheus"]
EOF
DOCKER_BUILDKIT=1 docker build -q --network host --build-arg BASE="$base" -t "$prometheus_image" \
  "$work/prometheus" >/dev/null
exporter_port=$(free_port)
prometheus_port=$(free_port)
cat >"$work/prometheus.yml" <<EOF
global: {scrape_interval: 1s, evaluation_interval: 1s}
rule_files: [/etc/prometheus/rules/atlas-backup.yml, /etc/prometheus/ci/rules-for-0s.yml]
scrape_configs:
  - job_name: atlas-backup
    static_configs: [{targets: ['127.0.0.1:$exporter_port']}]
EOF
sed -E -e 's/^( +for:).*/\1 0s/' -e 's/^( +- name: )(.*)/\1\2-for-0s/' alerts/atlas-backup.yml >"$work/rules-for-0s.yml"
(cd examples/compose && /usr/bin/docker-compose config) |
  node .ci/compose-host.mjs "$work" "$exporter_port" "$prometheus_port" "$prometheus_image" >"$work/compose-host.yml"
compose up -d --no-build 2>&1 | sed 's/^/  /'
extra_networks=$(docker network ls --format '{{.Name}}' | grep -cvxE 'host|none|bridge' || true)
[ "$extra_networks" = 0 ] || fail 'compose created a network'

api="http://127.0.0.1:$prometheus_port/api/v1"
target_up() {
  curl -fsS "$api/targets" | jq -e '.data.activeTargets[] | select(.labels.job == "atlas-backup" and .health == "up")'
}
# alert_in GROUP STATE: the demo's failed snapshot of payments-prod alerts in that rule group
alert_in() {
  curl -fsS "$api/rules" | jq -e --arg group "$1" --arg state "$2" '.data.groups[] | select(.name == $group)
    | .rules[] | select(.name == "AtlasBackupSnapshotFailed") | .alerts[]
    | select(.labels.cluster_name == "payments-prod" and .state == $state)'
}
wait_for 'Prometheus to scrape the exporter container' 60 target_up
wait_for 'mongodbatlas_exporter_up 1 in Prometheus' 30 \
  sh -c "curl -fsS '$api/query?query=mongodbatlas_exporter_up' | jq -e '.data.result[0].value[1] == \"1\"'"
wait_for 'the shipped rule to hold (pending until its for: 15m)' 30 alert_in atlas-backup pending
wait_for 'the same rule with for: 0s to fire' 30 alert_in atlas-backup-for-0s firing
log 'Prometheus scrapes the exporter container; AtlasBackupSnapshotFailed fires for payments-prod'
compose down --volumes --timeout 10 2>&1 | sed 's/^/  /'

log "done: image built in ${build_seconds}s, $((size / 1000000)) MB; the whole leg took ${SECONDS}s"
