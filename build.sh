#!/usr/bin/env bash
# article-explorer build script.
#
#   ./build.sh serve [--corpus DIR] [--port N]   build dist/ and serve it on http://127.0.0.1:8000
#   ./build.sh test                              every check: fmt, clippy, cargo tests, wasm build, browser tests
#   ./build.sh build [--corpus DIR]              build dist/ only
#
# Installs what is missing on a fresh machine: the wasm32 target,
# wasm-bindgen-cli (exactly the Cargo.lock version, into .tools/), the npm
# dev tools (binaryen's wasm-opt, esbuild, typescript, playwright-core) and
# Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
CORPUS=seeds
DIST=dist
PORT=8000
CMD=${1:-}
[ $# -gt 0 ] && shift
while [ $# -gt 0 ]; do
  case "$1" in
    --corpus) CORPUS=${2:?--corpus needs a folder}; shift 2 ;;
    --port) PORT=${2:?--port needs a number}; shift 2 ;;
    --dist) DIST=${2:?--dist needs a folder}; shift 2 ;;
    *) echo "build.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ "$CMD" = test ] && { [ "$CORPUS" != seeds ] || [ "$DIST" != dist ]; }; then
  echo "build.sh: test always builds the seeds and a fixture corpus; --corpus and --dist are for build and serve" >&2
  exit 2
fi

say() { printf '\n== %s\n' "$*"; }

need_rust_target() {
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "installing the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
}

wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

need_wasm_bindgen() {
  local want have
  want=$(wasm_bindgen_version)
  [ -n "$want" ] || { echo "build.sh: wasm-bindgen not found in Cargo.lock" >&2; exit 1; }
  have=$(.tools/bin/wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" != "$want" ]; then
    say "installing wasm-bindgen-cli $want into .tools/ (about 2 minutes, once)"
    # --locked is left off on purpose: it fails for this crate on these machines.
    cargo install wasm-bindgen-cli --version "$want" --root .tools --force
  fi
}

need_node_modules() {
  command -v node >/dev/null || { echo "build.sh: node is required" >&2; exit 1; }
  if [ ! -f node_modules/.stamp ] || [ package-lock.json -nt node_modules/.stamp ]; then
    say "installing npm dev tools (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
    touch node_modules/.stamp
  fi
}

need_chromium() {
  if ! command -v chromium >/dev/null; then
    say "installing Debian's chromium"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
}

print_sizes() {
  local total_raw=0 total_gz=0 raw gz f
  printf '%-40s %10s %10s\n' "file" "bytes" "gzip"
  while IFS= read -r f; do
    raw=$(stat -c %s "$f")
    gz=$(gzip -9c "$f" | wc -c)
    total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
    printf '%-40s %10d %10d\n' "${f#"$DIST"/}" "$raw" "$gz"
  done < <(find "$DIST" -type f | sort)
  printf '%-40s %10d %10d\n' "TOTAL" "$total_raw" "$total_gz"
}

build() {
  need_rust_target
  need_wasm_bindgen
  need_node_modules
  say "indexing $CORPUS"
  cargo build --release --locked --bin ae-build
  # A large corpus (or SHARD=always) keeps its article bodies in text shards
  # beside the page, fetched on demand (src/shards.rs).
  target/release/ae-build --corpus "$CORPUS" --out target/corpus.aex \
    --text-dir target/text --shard "${SHARD:-auto}" ${SHARD_BYTES:+--shard-bytes "$SHARD_BYTES"} \
    --index "${INDEX:-auto}"
  say "building the wasm modules"
  # Two builds of the core: the page loads the lean one (search and reader);
  # the full one (adding articles, HTML, tables) is fetched only when articles
  # are added or the tables opened, and is the one inlined in the single file.
  # Separate target dirs keep both cached.
  # The lean module reads text shards only when this corpus has them.
  local lean_features=()
  if compgen -G 'target/text/*.aet' >/dev/null; then lean_features=(--features shards); fi
  AE_CORPUS_BLOB="$ROOT/target/corpus.aex" CARGO_TARGET_DIR=target/wasm-lean \
    cargo build --release --locked --lib --target wasm32-unknown-unknown --no-default-features "${lean_features[@]}"
  AE_CORPUS_BLOB="$ROOT/target/corpus.aex" \
    cargo build --release --locked --lib --target wasm32-unknown-unknown
  local lean=target/wasm-lean/wasm32-unknown-unknown/release/article_explorer.wasm
  local full=target/wasm32-unknown-unknown/release/article_explorer.wasm
  rm -rf target/pkg target/pkg-full target/pkg-nomodules
  .tools/bin/wasm-bindgen --target web --no-typescript --out-dir target/pkg "$lean"
  # The full build's TypeScript declarations stay in target/: tests/types/
  # compares them with types/article-explorer.d.ts.
  .tools/bin/wasm-bindgen --target web --out-dir target/pkg-full "$full"
  # The single file needs the no-modules glue (classic script, works from file://).
  .tools/bin/wasm-bindgen --target no-modules --no-typescript --out-dir target/pkg-nomodules "$full"
  # The features rustc enables by default for wasm32 (wasm-bindgen drops the
  # target_features section, so name them; never --all-features: it emits
  # stringref, which browsers reject).
  for dir in target/pkg target/pkg-full target/pkg-nomodules; do
    node_modules/.bin/wasm-opt -Oz --converge --enable-bulk-memory --enable-bulk-memory-opt \
      --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
      --enable-multivalue --enable-reference-types \
      "$dir/article_explorer_bg.wasm" -o "$dir/article_explorer_bg.wasm"
  done
  say "assembling $DIST/"
  rm -rf "$DIST"
  mkdir -p "$DIST/pkg" "$DIST/pkg-full" "$DIST/views"
  cp www/*.html www/*.js www/*.css www/*.webmanifest www/*.svg "$DIST/"
  cp www/views/*.js "$DIST/views/"
  rm "$DIST/core-inline.js" "$DIST/host-inline.js" # the single file's: bundled by tools/finalize.mjs
  cp target/pkg/article_explorer.js target/pkg/article_explorer_bg.wasm "$DIST/pkg/"
  cp target/pkg-full/article_explorer.js target/pkg-full/article_explorer_bg.wasm "$DIST/pkg-full/"
  if compgen -G 'target/text/*.aet' >/dev/null; then
    mkdir -p "$DIST/text"
    cp target/text/*.aet "$DIST/text/"
  fi
  node tools/finalize.mjs "$DIST" target/pkg-nomodules
  node tools/minify.mjs "$DIST"
  print_sizes
}

case "$CMD" in
  build)
    build
    ;;
  serve)
    build
    say "serving dist/ on http://127.0.0.1:$PORT/"
    exec node tools/serve.mjs dist "$PORT"
    ;;
  test)
    need_rust_target
    say "cargo fmt --check"
    cargo fmt --all -- --check
    say "cargo clippy -D warnings"
    cargo clippy --locked --all-targets -- -D warnings
    say "cargo test"
    cargo test --locked
    say "fuzzing, briefly (2 s per target; long runs: see README)"
    cargo run --locked --quiet --profile fuzz --example fuzz -- --seconds 2
    say "scaling (every stage at n..8n, fails above 12x; the full 5 MB run: see README)"
    cargo run --release --locked --quiet --example scaling -- --smoke
    say "relevance (Cranfield nDCG@10 and Vaswani MAP floors)"
    cargo run --release --locked --quiet --example relevance -- \
      --floor-cranfield-ndcg 0.400 --floor-vaswani-map 0.305
    say "entity recogniser on CoNLL-2003 test and WikiGold (conlleval F1 floors)"
    cargo run --release --locked --quiet --example ner -- eval \
      --floor conll=0.85 --floor PER=0.90 --floor ORG=0.79 --floor LOC=0.89 --floor wikigold=0.59
    say "extraction accuracy on the hand-annotated gold sets (tests/gold/)"
    cargo run --release --locked --quiet --example extraction -- \
      --floor money=0.95 --floor percent=0.95 --floor people=0.78 --floor quotes=0.90
    cargo run --release --locked --quiet --example extraction -- --gold tests/gold/news-unseen.json \
      --floor money=0.95 --floor percent=0.95 --floor people=0.85 --floor quotes=0.65
    # A --corpus build over a folder mixing .txt/.md/.html (served by one browser test),
    # then the seed site in dist/.
    # Its article bodies go into text shards (one per article), as a large corpus's would.
    SHARD=always SHARD_BYTES=1 CORPUS=tests/fixtures/mixed DIST=target/dist-mixed build
    CORPUS=seeds DIST=dist build
    say "size budget of the seed page"
    node tools/budget.mjs dist
    say "types of the JS API (types/article-explorer.d.ts)"
    node --test tests/types/
    say "page modules without a browser (CSV downloads)"
    node --test tests/unit/
    need_chromium
    say "browser tests (headless Chromium)"
    node --test --test-concurrency=1 tests/browser/
    ;;
  *)
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
