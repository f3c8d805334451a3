#!/usr/bin/env bash
# ThreadSanitizer run of the parallel DWARF reader (not part of the suite: a TSan build of memlayout
# takes a few minutes). Builds memlayout with -fsanitize=thread into BUILD (default build-tsan), then
# reads every sample of the checked build (build-check/samples) and, when present, the benchmark
# inputs of tests/bench/compare.sh with 4 threads and no index: --types, --struct, the summary and
# --diff of the gate pairs. Fails on any ThreadSanitizer report. LLVM's own code is not instrumented
# (Debian's static libraries): races inside it would go unseen; our code's accesses are all checked.
#
#   tests/threads/tsan.sh [BUILD]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build-tsan}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS="-fsanitize=thread" \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" \
  -DML_BUILD_TESTS=OFF -DML_BUILD_SAMPLES=OFF -DCMAKE_UNITY_BUILD=ON >/dev/null
cmake --build "$build" --target memlayout
memlayout="$build/memlayout"
samples=build-check/samples
bench=${XDG_CACHE_HOME:-$HOME/.cache}/memlayout-bench

inputs=()
[ -d "$samples" ] && for f in "$samples"/*; do [ -f "$f" ] && [ "${f##*.}" != txt ] && inputs+=("$f"); done
for f in "$bench"/usr/lib/debug/boot/vmlinux-* "$bench"/rust-big/target/debug/rust-big "$bench"/cpp-big/cpp-big; do
  [ -f "$f" ] && inputs+=("$f")
done
[ ${#inputs[@]} -gt 0 ] || { echo "tsan.sh: no inputs: build the samples (cmake --build build-check) first" >&2; exit 2; }

failures=0
check() { # check WHAT ARGS...: run memlayout under TSan; exit codes 0-2 are answers, a report is a failure
  local what=$1; shift
  local err; err=$(mktemp)
  set +e; TSAN_OPTIONS="halt_on_error=0 exitcode=66" "$memlayout" "$@" >/dev/null 2>"$err"; local rc=$?; set -e
  if [ "$rc" -eq 66 ] || grep -q "WARNING: ThreadSanitizer" "$err"; then
    echo "RACE  $what"; grep -A12 "WARNING: ThreadSanitizer" "$err" | head -40; failures=$((failures + 1))
  else
    echo "ok    $what (exit $rc)"
  fi
  rm -f "$err"
}
for f in "${inputs[@]}"; do
  check "--types $(basename "$f")" "$f" --types --format json --no-cache -j 4
  check "summary $(basename "$f")" "$f" --no-cache -j 4
done
for f in "$bench"/usr/lib/debug/boot/vmlinux-*; do
  [ -f "$f" ] && check "--struct task_struct" "$f" --struct task_struct --no-cache -j 4
done
for pair in c_gcc c_gcc_dwarf4 c_clang cpp_gcc rust; do
  [ -f "$samples/gate_${pair}_after" ] &&
    check "--diff gate_$pair" "$samples/gate_${pair}_after" --diff "$samples/gate_${pair}_before" --no-cache -j 4
done
echo "tsan.sh: ${#inputs[@]} inputs, $failures with ThreadSanitizer reports"
[ "$failures" -eq 0 ]
