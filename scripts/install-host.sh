#!/usr/bin/env bash
# Installs the real VS Code host used by the host and UI tests and by `npm start`:
# code-server from the npm registry (it ships VS Code's server and web workbench) and
# Debian's Chromium to drive it. Idempotent: a marker file records a finished install.
# @vscode/test-electron cannot be used here because it downloads VS Code from the internet.
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"   # 4.100.x = VS Code 1.100, runs on Node 20
CACHE_DIR="${CBR_HOST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cbr-explorer}"
HOST_DIR="$CACHE_DIR/code-server-$CODE_SERVER_VERSION"
MARKER="$HOST_DIR/.installed"

apt_packages=(libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev pkg-config ripgrep chromium fonts-noto-cjk)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-host: installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ -f "$MARKER" ]; then
  echo "install-host: code-server $CODE_SERVER_VERSION already installed in $HOST_DIR"
  exit 0
fi

echo "install-host: installing code-server $CODE_SERVER_VERSION into $HOST_DIR"
rm -rf "$HOST_DIR"
mkdir -p "$HOST_DIR"
cd "$HOST_DIR"
echo '{"name":"cbr-explorer-host","private":true}' > package.json
npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" --unsafe-perm --ignore-scripts
cd node_modules/code-server/lib/vscode
npm install --no-audit --no-fund --loglevel=error --omit=dev --unsafe-perm --ignore-scripts
mkdir -p node_modules/@vscode/ripgrep/bin && ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
# node-pty's post-install step fails offline; pty.node is built before it fails.
npm rebuild --unsafe-perm >/dev/null 2>&1 || echo "install-host: npm rebuild reported errors (expected offline); continuing"
ln -sfn node_modules node_modules.asar
(cd extensions && npm install --no-audit --no-fund --loglevel=error --omit=dev --unsafe-perm)
cd "$HOST_DIR"
npm rebuild argon2 --unsafe-perm >/dev/null 2>&1 || echo "install-host: argon2 rebuild failed; --auth none does not need it"
test -f "$HOST_DIR/node_modules/code-server/out/node/entry.js"
touch "$MARKER"
echo "install-host: done"
