#!/usr/bin/env bash
# Installs what the end-to-end tests need, on demand and outside the extension's own
# dependencies: Debian's chromium, ripgrep and libkrb5-dev, then code-server, playwright-core and
# @vscode/test-electron at the exact versions locked in scripts/e2e/package-lock.json, into
# .cache/e2e/ (or $SCENARIO_E2E_CACHE). code-server is ~300 MB and needs the workarounds below, which
# is why it is not in the root package.json.
#
# Idempotent: a stamp records what was installed; when it matches, this exits in well under a second.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cache=${SCENARIO_E2E_CACHE:-$repo/.cache/e2e}

# code-server 4.100.3 pins @vscode/ripgrep 1.15.11 (lib/vscode/npm-shrinkwrap.json), whose
# postinstall wants ripgrep v13.0.0-10. Change these together with the code-server version.
ripgrep_pkg_version=1.15.11
ripgrep_release=v13.0.0-10

log() { printf 'e2e setup: %s\n' "$*"; }
die() { printf 'e2e setup: error: %s\n' "$*" >&2; exit 1; }

# --- Debian packages -------------------------------------------------------------------------
# chromium: the browser Playwright drives (playwright-core never downloads one).
# ripgrep: its /usr/bin/rg stands in for the rg that @vscode/ripgrep would download from GitHub.
# libkrb5-dev: lets code-server's `kerberos` module build from source.
# g++, make, python3: node-gyp builds code-server's native modules (node-pty, kerberos, ...).
debian_packages=(chromium ripgrep libkrb5-dev g++ make python3)
missing=()
for pkg in "${debian_packages[@]}"; do
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" = installed ] || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    die "missing Debian packages: ${missing[*]}. Install them as root: apt-get update && apt-get install -y ${missing[*]}"
  fi
  log "installing Debian packages: ${missing[*]}"
  # The lock timeout waits for another apt run (e.g. an install in progress) instead of failing.
  apt-get -o DPkg::Lock::Timeout=300 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}"
fi

# --- npm tools -------------------------------------------------------------------------------
node_major=$(node -p 'process.versions.node.split(".")[0]')
# code-server 4.100.x runs on Node 20 only (its postinstall refuses anything else).
[ "$node_major" = 20 ] || die "code-server 4.100.3 needs Node 20; this is Node $(node --version)."

stamp_file=$cache/.installed
stamp=$(cat "$here/package.json" "$here/package-lock.json" "$0" | sha256sum | cut -d' ' -f1)-node$node_major
if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$stamp" ] &&
  [ -x "$cache/node_modules/.bin/code-server" ] && [ -d "$cache/node_modules/playwright-core" ]; then
  log "up to date ($cache)"
  exit 0
fi

log "installing code-server, playwright-core and @vscode/test-electron into $cache (about a minute)"
rm -f "$stamp_file"
mkdir -p "$cache/tmp"
cp "$here/package.json" "$here/package-lock.json" "$cache/"

# @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable here, and a failure rolls back
# the whole install) unless it finds a cached download in $TMPDIR: build that tarball from
# Debian's rg, with rg at its top level, and run npm with the same TMPDIR.
case "$(uname -m)" in
  x86_64) rg_target=x86_64-unknown-linux-musl ;;
  aarch64) rg_target=aarch64-unknown-linux-musl ;;
  *) die "no ripgrep cache recipe for architecture $(uname -m)" ;;
esac
rg_cache=$cache/tmp/vscode-ripgrep-cache-$ripgrep_pkg_version
rg_stage=$cache/tmp/rg-stage
mkdir -p "$rg_cache" "$rg_stage"
cp /usr/bin/rg "$rg_stage/rg"
tar -czf "$rg_cache/ripgrep-$ripgrep_release-$rg_target.tar.gz" -C "$rg_stage" rg
rm -rf "$rg_stage"

# npm_config_unsafe_perm: as root, code-server's postinstall otherwise stops ("Please pass
# --unsafe-perm"). npm_config_yes: node-pty's postinstall runs `npx node-gyp`, which a `yes=false`
# npm setting would cancel.
(
  cd "$cache"
  TMPDIR=$cache/tmp npm_config_unsafe_perm=true npm_config_yes=true \
    npm ci --no-audit --no-fund --loglevel=error
) || die "npm ci in $cache failed (see the output above)"

[ -x "$cache/node_modules/.bin/code-server" ] || die "code-server is missing after the install"
printf '%s\n' "$stamp" >"$stamp_file"
log "installed ($(du -sh "$cache" | cut -f1))"
