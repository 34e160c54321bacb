#!/usr/bin/env bash
# Runs every test: installs the system packages the tests drive when they are missing (PostgreSQL server
# binaries for the state-store tests, Chromium and its driver for the room-page tests), then `dotnet test`.
# Extra arguments go to `dotnet test` (for example --filter).
set -euo pipefail
cd "$(dirname "$0")"

packages=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || packages+=(postgresql)
command -v chromium >/dev/null || packages+=(chromium)
command -v chromedriver >/dev/null || packages+=(chromium-driver)

if ((${#packages[@]})); then
  echo "Installing missing system packages: ${packages[*]}"
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

exec dotnet test "$@"
