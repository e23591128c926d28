# Sourced by .ci/run and .ci/image.sh. The Node.js CI tests and builds on, whatever Node the
# machine has: the official binary of the Node.js 24 LTS line (npm package node-linux-<arch>)
# and npm, laid out as the official node images have them in /usr/local (bin/node, bin/npm,
# bin/npx, lib/node_modules/npm). The machine's own npm only downloads the two packages.
NODE_LINE=24
NPM_LINE=11 # the npm line Node.js 24 ships

# node_toolchain DIR: fetch the toolchain into DIR, unless a Node.js $NODE_LINE is there already.
node_toolchain() {
  local dir=$1 arch packs
  if [ "$("$dir/bin/node" -p 'process.versions.node.split(".")[0]' 2>/dev/null)" = "$NODE_LINE" ] &&
    [ -x "$dir/bin/npm" ]; then
    return 0
  fi
  case $(uname -m) in
    x86_64) arch=x64 ;;
    aarch64) arch=arm64 ;;
    *) echo "no Node.js package for $(uname -m)" >&2 && return 1 ;;
  esac
  packs=$(mktemp -d)
  (cd "$packs" && npm pack --silent "node-linux-$arch@$NODE_LINE" "npm@$NPM_LINE" >/dev/null)
  rm -rf "$dir"
  mkdir -p "$dir/bin" "$dir/lib/node_modules/npm"
  tar xzf "$packs"/node-linux-*.tgz -C "$dir" --strip-components=1 package/bin/node
  tar xzf "$packs"/npm-*.tgz -C "$dir/lib/node_modules/npm" --strip-components=1
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$dir/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$dir/bin/npx"
  rm -rf "$packs"
}
