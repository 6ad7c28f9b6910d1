#!/usr/bin/env bash
# Consumer test: proves that a team can use the constructs from the package as it installs
# it, not only from this source tree.
#  1. Packs the package and checks the tarball against package.json (main, types, files, no
#     sources, RULES.md and LICENSE shipped, no source maps pointing at unshipped sources).
#  2. Tarball: installs it with its peer dependencies into a fresh project, compiles a stack
#     against the packed .d.ts with `tsc --strict`, synthesizes it with node, checks the
#     output, and runs `cf-token-review` from the consumer.
#  3. Git: follows the README's Install section in an empty directory (its setup commands and
#     its tsconfig.json and cdktf.json, read from README.md), installs the package from
#     git+file:// of this repository's HEAD commit (built by `prepare` on install), puts the
#     README's Getting started app in main.ts, runs `npx cdktf synth` and `npx cf-token-review`.
#  4. Both frameworks: a cdktf 0.21 app and a CDK Terrain (cdktn) 0.24 app, each set up as the
#     README says (its setup blocks, tsconfig.json, cdktf.json) with the tarball, hold the
#     Getting started app, the README's example of every preset, rotation, an overlapping
#     token and a delivery (test/consumer/frameworks); the cdktn one with the README's import
#     changes. `npx cdktf synth` and `npx cdktn synth` (on Node < 22.19, which cdktn-cli
#     refuses, the app command the README gives instead) must write the same JSON except the
#     framework's version (test/consumer/frameworks/compare.js).
# Needs the npm registry (or a warm npm cache: installs prefer the cache). Uncommitted
# changes are not in the git install: it installs the committed HEAD.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
fixture="$repo/test/consumer/fixture"
work="$(mktemp -d "${TMPDIR:-/tmp}/cf-tokens-consumer.XXXXXX")"
trap 'rm -rf "$work"' EXIT
fail() { echo "consumer: FAIL: $*" >&2; exit 1; }
export CHECKPOINT_DISABLE=1 NPM_CONFIG_PREFER_OFFLINE=true NPM_CONFIG_AUDIT=false NPM_CONFIG_FUND=false NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_LOGLEVEL=error

cd "$repo"
npm run --silent build

# 1. What the package.json promises must be in the tarball.
main="$(node -p "require('./package.json').main")"
types="$(node -p "require('./package.json').types")"
pack_json="$(npm pack --json --pack-destination "$work")"
tarball="$work/$(node -e 'console.log(JSON.parse(process.argv[1])[0].filename)' "$pack_json")"
packed_files="$(node -e 'console.log(JSON.parse(process.argv[1])[0].files.map((f) => f.path).join("\n"))' "$pack_json")"
for file in "$main" "$types" RULES.md LICENSE README.md bin/cf-token-review.js dist/review/cli-main.js cdktn/package.json dist/cdktn/index.js dist/cdktn/index.d.ts; do
  grep -qx "$file" <<<"$packed_files" || fail "$file is not in the tarball (check package.json main/types/files)"
done
if grep -qE '^(lib|test|stacks|bench)/' <<<"$packed_files"; then
  fail "the tarball ships sources or tests: $(grep -E '^(lib|test|stacks|bench)/' <<<"$packed_files" | head -3 | tr '\n' ' ')"
fi
if grep -qE '\.map$' <<<"$packed_files"; then
  fail "the tarball ships source maps whose sources it does not ship: $(grep -E '\.map$' <<<"$packed_files" | head -3 | tr '\n' ' ')"
fi

# 2. The tarball, compiled strictly against the packed .d.ts.
tarball_app() {
  mkdir "$work/app"
  cp "$fixture/main.ts" "$fixture/tsconfig.json" "$fixture/check.js" "$work/app/"
  cd "$work/app"
  echo '{ "name": "consumer", "version": "0.0.0", "private": true }' > package.json
  npm install --no-audit --no-fund \
    "$tarball" cdktf@0.21.0 constructs@10.8.1 @cdktf/provider-cloudflare@13.9.1 \
    typescript@5.9.3 @types/node@20.19.43
  ./node_modules/.bin/tsc -p tsconfig.json || fail "the consumer stack does not compile against the packed .d.ts"
  node dist/main.js || fail "the consumer stack does not synthesize"
  node check.js || fail "the consumer's synth output is wrong"
  report="$(./node_modules/.bin/cf-token-review report cdktf.out)" || fail "cf-token-review does not run from the tarball install"
  grep -q 'consumer/dns' <<<"$report" || fail "cf-token-review's report does not list the consumer's token: $report"
  echo "consumer: tarball ok ($(basename "$tarball"))"
}

# 3. The README's Install section, from an empty directory, with a git install.
readme_app() {
  mkdir "$work/readme-app"
  cd "$work/readme-app"
  setup="$(node "$repo/test/consumer/readme-block.js" setup)" || fail "README.md has no consumer setup block"
  echo "$setup" | sed 's/^/consumer: README setup: /'
  bash -euo pipefail -c "$setup" || fail "the README's setup commands fail"
  npm install --no-audit --no-fund "git+file://$repo#$commit" || fail "npm install git+file://$repo#$commit fails"
  [ -f node_modules/cdktf-cloudflare-tokens/dist/index.js ] || fail "the git install has no dist/: prepare did not build it"
  for file in tsconfig.json cdktf.json; do
    node "$repo/test/consumer/readme-block.js" file "$file" > "$file" || fail "README.md has no $file block"
  done
  cp "$repo/test/consumer/getting-started/main.ts" main.ts
  npx cdktf synth > synth.log 2>&1 || { cat synth.log >&2; fail "npx cdktf synth of the README's Getting started fails"; }
  node - <<'CHECK' || fail "the Getting started synth output is wrong"
  const assert = require('assert/strict');
  const json = JSON.parse(require('fs').readFileSync('cdktf.out/stacks/tokens/cdk.tf.json', 'utf8'));
  assert.deepEqual(Object.keys(json.resource.cloudflare_account_token).length, 1);
  assert.deepEqual(json.terraform.backend, { local: { path: 'terraform.tokens.tfstate' } });
  assert.deepEqual(Object.keys(json.output), ['dns_token']);
  assert.equal(json.output.dns_token.sensitive, true);
CHECK
  report="$(npx cf-token-review report cdktf.out)" || fail "npx cf-token-review does not run from the git install"
  grep -q 'tokens/terraform-dns' <<<"$report" || fail "cf-token-review's report does not list the Getting started token: $report"
  echo "consumer: README set-up with git install ok ($commit)"
}

# 4. The same app on cdktf and on CDK Terrain, from the tarball, compared.
framework_app() {
  local framework="$1" setup
  mkdir "$work/$framework-app"
  cd "$work/$framework-app"
  setup="$(node "$repo/test/consumer/readme-block.js" setup "$([ "$framework" = cdktf ] && echo setup || echo setup-cdktn)")" ||
    fail "README.md has no consumer setup block for $framework"
  bash -euo pipefail -c "$setup" > setup.log 2>&1 || { cat setup.log >&2; fail "the README's $framework setup commands fail"; }
  npm install --no-audit --no-fund "$tarball" > install.log 2>&1 || { cat install.log >&2; fail "the tarball does not install into the $framework app"; }
  for file in tsconfig.json cdktf.json; do
    node "$repo/test/consumer/readme-block.js" file "$file" > "$file" || fail "README.md has no $file block"
  done
  node "$repo/test/consumer/frameworks/compose.js" "$framework" "$repo" || fail "cannot compose the $framework app"
  # cdktn-cli 0.24 needs Node 22.19 or later (its engines); on older Node the README runs the
  # app command of cdktf.json (`npx ts-node main.ts`) itself, which is what the CLI runs.
  local synth="npx $framework synth"
  if [ "$framework" = cdktn ] && ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 19) ? 0 : 1)'; then
    synth="npx ts-node main.ts"
  fi
  echo "consumer: $framework app: $synth"
  $synth > synth.log 2>&1 || { cat synth.log >&2; fail "$synth fails in the $framework app"; }
  # The reviewer needs no framework: it runs in an app that has only cdktn.
  report="$(npx cf-token-review report cdktf.out)" || fail "cf-token-review does not run in the $framework app"
  grep -q 'tokens/terraform-dns' <<<"$report" || fail "cf-token-review's report in the $framework app does not list the Getting started token"
}
frameworks() {
  ( framework_app cdktf ) || exit 1
  ( framework_app cdktn ) || exit 1
  node "$repo/test/consumer/frameworks/compare.js" "$work/cdktf-app/cdktf.out" "$work/cdktn-app/cdktf.out" || fail "the cdktf and cdktn apps synthesize different output"
}

# The three are independent and mostly wait on npm: run them side by side.
commit="$(git -C "$repo" rev-parse HEAD)"
[ -z "$(git -C "$repo" status --porcelain -- lib package.json tsconfig.build.json bin)" ] ||
  echo "consumer: note: uncommitted changes in lib/, bin/ or package.json are not part of the git install of $commit" >&2
# (Each runs in a background subshell, where `set -e` still applies; `wait` collects each status.)
( readme_app ) &
readme_pid=$!
( tarball_app ) &
tarball_pid=$!
( frameworks ) &
frameworks_pid=$!
status=0
wait "$tarball_pid" || status=1
wait "$readme_pid" || status=1
wait "$frameworks_pid" || status=1
[ "$status" -eq 0 ] || fail "see the messages above"
echo "consumer: ok"
