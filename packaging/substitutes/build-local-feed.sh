#!/usr/bin/env bash
# Rebuilds the two stand-in packages into packaging/local-feed (see README, "Package restore").
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
feed="$here/../local-feed"
mkdir -p "$feed"
for project in "$here"/*/*.csproj; do
  dotnet pack "$project" -c Release -o "$feed" --nologo -v quiet
done
