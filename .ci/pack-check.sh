#!/usr/bin/env bash
# Packs Aither.Client and checks the .nupkg holds what a NuGet consumer needs:
# the assembly, its XML docs, the README and the package metadata.
set -euo pipefail
cd "$(dirname "$0")/.."

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

dotnet pack Aither.Client -c Release -o "$out" --nologo -v quiet
nupkg="$(find "$out" -name 'Aither.Client.*.nupkg' ! -name '*.snupkg' | head -n 1)"
[ -n "$nupkg" ] || { echo "pack-check: no Aither.Client .nupkg produced" >&2; exit 1; }

listing="$(unzip -l "$nupkg")"
nuspec="$(unzip -p "$nupkg" Aither.Client.nuspec)"
fail=0
expect_file() { grep -q "$1" <<<"$listing" || { echo "pack-check: $(basename "$nupkg") lacks $1" >&2; fail=1; }; }
expect_meta() { grep -q "$1" <<<"$nuspec" || { echo "pack-check: nuspec lacks $1" >&2; fail=1; }; }

expect_file 'lib/net8.0/Aither.Client.dll'
expect_file 'lib/net8.0/Aither.Client.xml'
expect_file 'lib/net10.0/Aither.Client.dll'
expect_file 'lib/net10.0/Aither.Client.xml'
expect_file ' README.md$'
expect_meta '<id>Aither.Client</id>'
expect_meta '<description>'
expect_meta '<license type="expression">MIT</license>'
expect_meta '<readme>README.md</readme>'
expect_meta '<repository type="git"'
if grep -qi 'Microsoft.AspNetCore' <<<"$nuspec"; then
  echo "pack-check: Aither.Client must not depend on an ASP.NET Core package" >&2
  fail=1
fi

[ "$fail" -eq 0 ] && echo "pack-check: $(basename "$nupkg") ok"
exit "$fail"
