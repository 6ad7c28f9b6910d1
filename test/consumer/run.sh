#!/usr/bin/env bash
# Consumer test: proves that a team can use the constructs from the published package, not
# only from this source tree. Builds and packs the package, installs the tarball with its
# peer dependencies into a fresh temporary project, compiles a small stack against the
# packed .d.ts with `tsc --strict`, synthesizes it with node and checks the output.
# Fails loudly when package.json's main/types/files do not match what the build writes.
# Needs the npm registry (or a warm npm cache: installs are --prefer-offline).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
fixture="$repo/test/consumer/fixture"
work="$(mktemp -d "${TMPDIR:-/tmp}/cf-tokens-consumer.XXXXXX")"
trap 'rm -rf "$work"' EXIT
fail() { echo "consumer: FAIL: $*" >&2; exit 1; }

cd "$repo"
npm run --silent build

# What the package.json promises must be in the tarball.
main="$(node -p "require('./package.json').main")"
types="$(node -p "require('./package.json').types")"
pack_json="$(npm pack --json --pack-destination "$work")"
tarball="$work/$(node -e 'console.log(JSON.parse(process.argv[1])[0].filename)' "$pack_json")"
packed_files="$(node -e 'console.log(JSON.parse(process.argv[1])[0].files.map((f) => f.path).join("\n"))' "$pack_json")"
for file in "$main" "$types"; do
  grep -qx "$file" <<<"$packed_files" || fail "package.json points at $file, which is not in the tarball (check main/types/files)"
done
if grep -qE '^(lib|test|stacks|bench)/' <<<"$packed_files"; then
  fail "the tarball ships sources or tests: $(grep -E '^(lib|test|stacks|bench)/' <<<"$packed_files" | head -3 | tr '\n' ' ')"
fi

mkdir "$work/app"
cp "$fixture/main.ts" "$fixture/tsconfig.json" "$fixture/check.js" "$work/app/"
cd "$work/app"
echo '{ "name": "consumer", "version": "0.0.0", "private": true }' > package.json
npm install --prefer-offline --no-audit --no-fund --loglevel=error \
  "$tarball" cdktf@0.21.0 constructs@10.8.1 @cdktf/provider-cloudflare@13.9.1 \
  typescript@5.9.3 @types/node@20.19.43
./node_modules/.bin/tsc -p tsconfig.json || fail "the consumer stack does not compile against the packed .d.ts"
CHECKPOINT_DISABLE=1 node dist/main.js || fail "the consumer stack does not synthesize"
node check.js || fail "the consumer's synth output is wrong"
echo "consumer: ok ($(basename "$tarball"))"
