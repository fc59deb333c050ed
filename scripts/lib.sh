# Shared helpers for scripts/*. Source it; do not run it.
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck shell=bash
# shellcheck disable=SC2034  # variables here are used by the scripts that source this file

HS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HS_BUILD_DIR="$HS_ROOT/build"
HS_NATIVE_DIR="$HS_BUILD_DIR/native"
HS_WASM_DIR="$HS_BUILD_DIR/wasm"
HS_SITE_DIR="$HS_BUILD_DIR/site"
HS_BUILD_TYPE="${HS_BUILD_TYPE:-Release}"

# Debian packages: what a native build needs, and everything.
HS_APT_NATIVE=(cmake ninja-build g++ nlohmann-json3-dev catch2)
# The Python wheel (scripts/package-python): Debian's pip, setuptools and wheel build it offline.
HS_APT_PYTHON_PACKAGE=(python3 python3-pip python3-setuptools python3-wheel python3-venv)
HS_APT_ALL=("${HS_APT_NATIVE[@]}" emscripten chromium clang-14 libclang-rt-14-dev clang-format-14
  "${HS_APT_PYTHON_PACKAGE[@]}")
# Wanted, not needed: the browser tests run on Chromium's headless shell (the same engine without the
# browser's own UI, about 28% less CPU per test run) when it is installed, else on /usr/bin/chromium.
HS_APT_WANTED=(chromium-headless-shell)

# ---------------------------------------------------------------------------
# messages (all on stderr, so stdout stays clean for tools like scripts/wire)

if [[ -t 2 && -z "${NO_COLOR:-}" ]]; then
  _hs_bold=$'\e[1m' _hs_red=$'\e[31m' _hs_green=$'\e[32m' _hs_yellow=$'\e[33m' _hs_reset=$'\e[0m'
else
  _hs_bold='' _hs_red='' _hs_green='' _hs_yellow='' _hs_reset=''
fi

hs_log()  { printf '%s\n' "$*" >&2; }
hs_step() { printf '%s==> %s%s\n' "$_hs_bold" "$*" "$_hs_reset" >&2; }
hs_warn() { printf '%swarning:%s %s\n' "$_hs_yellow" "$_hs_reset" "$*" >&2; }
hs_die()  { printf '%serror:%s %s\n' "$_hs_red" "$_hs_reset" "$*" >&2; exit 1; }

# hs_now: seconds since the epoch with milliseconds (for stage timings)
hs_now() { date +%s.%N | cut -c1-14; }
# hs_elapsed START: "12.3s"
hs_elapsed() { awk -v s="$1" -v e="$(hs_now)" 'BEGIN { printf "%.1fs", e - s }'; }

# ---------------------------------------------------------------------------
# dependencies

# hs_missing_apt PKG...: print the packages that are not installed
hs_missing_apt() {
  local pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed'; then
      printf '%s\n' "$pkg"
    fi
  done
}

# hs_run_root CMD...: run as root (directly, or through sudo when available)
hs_run_root() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    hs_die "need root to run: $*"
  fi
}

# hs_ensure_apt PKG...: apt-get update + install whatever is missing
hs_ensure_apt() {
  local missing
  mapfile -t missing < <(hs_missing_apt "$@")
  if [[ ${#missing[@]} -eq 0 ]]; then
    return 0
  fi
  command -v apt-get >/dev/null 2>&1 || hs_die "missing packages (${missing[*]}) and no apt-get"
  hs_step "apt-get install ${missing[*]}"
  hs_run_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
  hs_run_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${missing[@]}" >&2
}

# hs_try_apt PKG...: hs_ensure_apt, but a failure (no network, no such package) is a warning
hs_try_apt() {
  (hs_ensure_apt "$@") || hs_warn "could not install $* (optional; the tests use what is there)"
}

# hs_ensure_npm: `npm ci` when node_modules is missing or older than the lockfile
hs_ensure_npm() {
  local stamp="$HS_ROOT/node_modules/.hs-npm-ci.stamp"
  command -v node >/dev/null 2>&1 || hs_die "node (>= 20) is not on PATH"
  command -v npm >/dev/null 2>&1 || hs_die "npm is not on PATH"
  if [[ -f "$stamp" && ! "$HS_ROOT/package-lock.json" -nt "$stamp" && ! "$HS_ROOT/package.json" -nt "$stamp" ]]; then
    return 0
  fi
  hs_step "npm ci"
  (cd "$HS_ROOT" && npm ci --no-audit --no-fund >&2)
  touch "$stamp"
}

# ---------------------------------------------------------------------------
# builds

# hs_with_lock DIR CMD...: run CMD holding an exclusive lock on DIR (so two
# scripts never run ninja in the same build tree at once)
hs_with_lock() {
  local dir="$1"
  shift
  mkdir -p "$dir"
  (
    flock 9
    "$@"
  ) 9>"$dir/.hs-build.lock"
}

# hs_needs_configure DIR: true when DIR has no usable CMake cache for this tree
hs_needs_configure() {
  local dir="$1" home
  [[ -f "$dir/CMakeCache.txt" && -f "$dir/build.ninja" ]] || return 0
  home="$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$dir/CMakeCache.txt")"
  [[ "$home" != "$HS_ROOT" ]]
}

# hs_configure PRESET DIR [cmake args...]: configure DIR with a preset of CMakePresets.json (native,
# wasm, asan, bench) unless it already holds a build of this checkout. A stale tree (another checkout,
# an interrupted configure) is emptied first; raw results (*.jsonl) are kept.
hs_configure() {
  local preset="$1" dir="$2"
  shift 2
  if hs_needs_configure "$dir"; then
    [[ -d "$dir" ]] && find "$dir" -mindepth 1 -maxdepth 1 ! -name .hs-build.lock ! -name '*.jsonl' -exec rm -rf {} +
    (cd "$HS_ROOT" && cmake --preset "$preset" -B "$dir" "$@") >&2 || return 1
  fi
}

# _hs_configure_and_build PRESET DIR [cmake --build args...]; native and wasm take $HS_BUILD_TYPE, the
# other presets keep their own build type (asan: RelWithDebInfo at -O1 -g1).
_hs_configure_and_build() {
  local preset="$1" dir="$2" type=()
  shift 2
  [[ "$preset" == native || "$preset" == wasm ]] && type=(-DCMAKE_BUILD_TYPE="$HS_BUILD_TYPE")
  hs_configure "$preset" "$dir" "${type[@]}" && cmake --build "$dir" "$@"
}

# The sanitizer tree of scripts/sanitize and scripts/fuzz (asan preset: clang++-14, ASan+UBSan, the engine
# also instrumented for libFuzzer, test files at -O0) and the bench tree of scripts/bench and scripts/soak
# (bench preset: hs_bench and hs_soak at -O2, no tests). A build/asan configured before the fuzz targets
# moved into it: scripts/sanitize --clean.
HS_ASAN_DIR="$HS_BUILD_DIR/asan"
HS_BENCH_DIR="$HS_BUILD_DIR/bench"

# hs_build_asan [cmake --build args...]  (all output on stderr)
hs_build_asan() {
  hs_with_lock "$HS_ASAN_DIR" _hs_configure_and_build asan "$HS_ASAN_DIR" "$@" >&2
}

# hs_build_native [cmake --build args...]  (all output on stderr)
hs_build_native() {
  hs_with_lock "$HS_NATIVE_DIR" _hs_configure_and_build native "$HS_NATIVE_DIR" "$@" >&2
}

# hs_build_wasm [cmake --build args...]  (all output on stderr)
hs_build_wasm() {
  hs_with_lock "$HS_WASM_DIR" _hs_configure_and_build wasm "$HS_WASM_DIR" "$@" >&2
}
