#!/usr/bin/env bash
# Benchmark (not part of the test suite): memlayout beside pahole, llvm-dwarfdump and readelf on three large
# inputs it obtains itself — the Debian kernel's vmlinux (DWARF 5), a Rust program built from Debian's crate
# sources, and a generated C++ program of 150 units over the standard library — printing wall time, CPU time and
# peak memory side by side, median of RUNS runs.
#
#   tests/bench/compare.sh [--only kernel|rust|cpp] [--runs N] [--memlayout PATH]
#
# Environment: MEMLAYOUT_BENCH_DIR (default ~/.cache/memlayout-bench) keeps the downloads and builds;
# RUNS (default 3). Needs root or sudo the first time, to apt-get what is missing.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
bench=${MEMLAYOUT_BENCH_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/memlayout-bench}
runs=${RUNS:-3}
only=""
memlayout=""
while [ $# -gt 0 ]; do
  case "$1" in
    --only) only=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --memlayout) memlayout=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "compare.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
mkdir -p "$bench"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

need() { # need PACKAGE...: apt-get install what is not installed
  local missing=()
  for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "bench: installing ${missing[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}
need dwarves llvm-19 binutils time

# memlayout: a release build of this checkout (the sanitized test build is not for timing).
if [ -z "$memlayout" ]; then
  cmake -S "$root" -B "$root/build-bench" -G Ninja -DCMAKE_BUILD_TYPE=Release -DML_BUILD_TESTS=OFF \
    -DML_BUILD_SAMPLES=OFF -DML_BUILD_BENCH=ON >/dev/null
  cmake --build "$root/build-bench" --target memlayout walk_units >/dev/null
  memlayout="$root/build-bench/memlayout"
fi
walk_units=$(dirname "$memlayout")/walk_units

# ---- Inputs ----

kernel_input() { # the newest linux-image-*-amd64-dbg's vmlinux, unpacked alone
  local found
  found=$(ls "$bench"/usr/lib/debug/boot/vmlinux-* 2>/dev/null | head -n 1 || true)
  if [ -z "$found" ]; then
    local pkg
    pkg=$(apt-cache search --names-only '^linux-image-[0-9.]+-[0-9]+-amd64-dbg$' | awk '{print $1}' | sort -V | tail -n 1)
    [ -n "$pkg" ] || { echo "bench: no linux-image-*-amd64-dbg package in apt's lists (apt-get update?)" >&2; return 1; }
    (cd "$bench" && apt-get download "$pkg" >/dev/null)
    dpkg-deb --fsys-tarfile "$bench/${pkg}"_*.deb | tar -x -C "$bench" --wildcards './usr/lib/debug/boot/vmlinux-*'
    rm -f "$bench/${pkg}"_*.deb
    found=$(ls "$bench"/usr/lib/debug/boot/vmlinux-* | head -n 1)
  fi
  echo "$found"
}

rust_input() { # tokio + regex + serde_json + syn + clap, built offline from /usr/share/cargo/registry
  local dir="$bench/rust-big" out="$bench/rust-big/target/debug/rust-big"
  if [ ! -x "$out" ]; then
    need librust-tokio-dev librust-regex-dev librust-serde-json-dev librust-syn-dev librust-clap-dev \
      librust-aho-corasick-dev librust-memchr-dev librust-regex-syntax-dev
    mkdir -p "$dir/src" "$dir/.cargo"
    cat > "$dir/Cargo.toml" <<'EOF'
[package]
name = "rust-big"
version = "0.1.0"
edition = "2021"

[dependencies]
tokio = { version = "1", features = ["rt-multi-thread", "macros", "sync", "time", "io-util"] }
regex = "1"
serde_json = "1"
syn = { version = "1", features = ["full", "extra-traits", "visit"] }
clap = { version = "4", features = ["derive"] }
EOF
    cat > "$dir/.cargo/config.toml" <<'EOF'
[source.crates-io]
replace-with = "debian"
[source.debian]
directory = "/usr/share/cargo/registry"
[net]
offline = true
EOF
    cat > "$dir/src/main.rs" <<'EOF'
use clap::Parser;
#[derive(Parser, Debug)]
struct Args { #[arg(long, default_value = "fn main() {}")] code: String, #[arg(long, default_value = "a+")] pattern: String }
#[tokio::main]
async fn main() {
    let args = Args::parse();
    let file: syn::File = syn::parse_str(&args.code).expect("rust code");
    let re = regex::Regex::new(&args.pattern).expect("regex");
    let (tx, mut rx) = tokio::sync::mpsc::channel::<String>(4);
    let items = file.items.len();
    tokio::spawn(async move { tx.send(format!("{items} {:?}", std::mem::size_of::<syn::Expr>())).await.ok(); });
    let got = rx.recv().await.unwrap_or_default();
    println!("{}", serde_json::json!({"items": got, "matches": re.is_match("aaa")}));
}
EOF
    local cargo=cargo
    [ -x "$HOME/.cargo/bin/cargo" ] && cargo="$HOME/.cargo/bin/cargo"
    (cd "$dir" && "$cargo" build --offline -q)
  fi
  echo "$out"
}

cpp_input() { # a generated C++ program: 150 units that include the standard library's big headers, as real
  # C++ does, each with its own types and template instantiations (g++ -g -O0; a few minutes on 2 cores)
  local dir="$bench/cpp-big" out="$bench/cpp-big/cpp-big"
  if [ ! -x "$out" ]; then
    mkdir -p "$dir/src"
    local i
    for ((i = 0; i < 150; i++)); do
      cat > "$dir/src/unit$i.cpp" <<UNIT
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <unordered_map>
#include <variant>
#include <vector>
namespace app$i {
struct Key { int id; char tag; double weight; bool operator<(const Key &o) const { return id < o.id; } };
struct Record { std::string name; std::vector<Key> keys; std::optional<long> limit; char flag; };
class Store {
public:
  virtual ~Store() = default;
  std::map<Key, std::shared_ptr<Record>> byKey;
  std::unordered_map<std::string, std::variant<int, double, std::string>> attributes;
  std::function<void(const Record &)> onChange;
  std::regex pattern{"[a-z]+$i"};
};
}
std::size_t use$i() {
  app$i::Store store;
  store.byKey[{1, 'a', 2.0}] = std::make_shared<app$i::Record>();
  store.attributes["x"] = $i;
  return store.byKey.size() + store.attributes.size() + std::thread::hardware_concurrency();
}
UNIT
    done
    {
      echo '#include <cstddef>'
      for ((i = 0; i < 150; i++)); do echo "std::size_t use$i();"; done
      echo 'int main() { std::size_t n = 0;'
      for ((i = 0; i < 150; i++)); do echo "  n += use$i();"; done
      echo '  return static_cast<int>(n & 1); }'
    } > "$dir/src/main.cpp"
    (cd "$dir/src" && ls unit*.cpp main.cpp | xargs -P "$(nproc)" -I{} g++ -std=c++20 -g -O0 -c {} -o {}.o)
    g++ -o "$out" "$dir"/src/*.o -lpthread
  fi
  echo "$out"
}

# ---- Measuring ----

# measure LABEL COMMAND...: RUNS runs; prints the median wall, CPU (user+sys) and peak RSS.
measure() {
  local label=$1; shift
  local samples=()
  local i
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -o "$bench/time.out" -f '%e %U %S %M' "$@" >/dev/null 2>&1 || true
    samples+=("$(tail -n 1 "$bench/time.out")")
  done
  # Each column's median on its own (mawk has no sort): wall, user+sys, peak RSS in KB.
  local rows m wall cpu mem
  rows=$(printf '%s\n' "${samples[@]}" | awk 'NF == 4 { print $1, $2 + $3, $4 }')
  m=$(( (runs + 1) / 2 ))
  wall=$(echo "$rows" | cut -d' ' -f1 | sort -g | sed -n "${m}p")
  cpu=$(echo "$rows" | cut -d' ' -f2 | sort -g | sed -n "${m}p")
  mem=$(echo "$rows" | cut -d' ' -f3 | sort -g | sed -n "${m}p")
  printf '  %-52s %8.2f s %8.2f s %9.0f MB\n' "$label" "${wall:-0}" "${cpu:-0}" "$(( ${mem:-0} / 1024 ))"
}

header() {
  local file=$1 info
  info=$(readelf -SW "$file" | sed -n 's/^ *\[ *[0-9]*\] \.debug_info  *[A-Z]* *[0-9a-f]* [0-9a-f]* \([0-9a-f]*\) .*/\1/p' | head -n 1)
  printf '\n%s  (%s MB file, %s MB .debug_info)\n' "$file" "$(( $(stat -c %s "$file") / 1048576 ))" "$(( 16#${info:-0} / 1048576 ))"
  printf '  %-52s %10s %10s %12s\n' "command" "wall" "cpu" "peak memory"
}

# Cold: --no-cache (DWARF read every time). Warm: the type index present (one run first to write it).
export XDG_CACHE_HOME="$bench/xdg-cache"

run_set() { # run_set FILE STRUCT1 PAHOLE_NAME1 STRUCT2 PAHOLE_NAME2 (pahole -C takes unqualified names)
  local file=$1 s1=$2 p1=$3 s2=$4 p2=$5
  header "$file"
  measure "memlayout --struct $s1 (cold)" "$memlayout" --no-cache "$file" --struct "$s1"
  "$memlayout" "$file" --struct "$s1" >/dev/null
  measure "memlayout --struct $s1 (warm)" "$memlayout" "$file" --struct "$s1"
  measure "pahole -F dwarf -C $p1" pahole -F dwarf -C "$p1" "$file"
  measure "llvm-dwarfdump --name=$p1" llvm-dwarfdump-19 --name="$p1" "$file"
  measure "memlayout --struct $s2 (cold)" "$memlayout" --no-cache "$file" --struct "$s2"
  measure "pahole -F dwarf -C $p2" pahole -F dwarf -C "$p2" "$file"
  measure "memlayout --types (cold)" "$memlayout" --no-cache "$file" --types
  measure "memlayout --types -j 1 (cold)" "$memlayout" --no-cache -j 1 "$file" --types
  [ -x "$walk_units" ] && measure "one pass over every unit (walk_units, 1 thread)" "$walk_units" "$file"
  "$memlayout" "$file" --types >/dev/null
  measure "memlayout --types (warm)" "$memlayout" "$file" --types
  measure "memlayout --struct $s2 (warm, full index)" "$memlayout" "$file" --struct "$s2"
  measure "pahole -F dwarf (all types)" pahole -F dwarf "$file"
  measure "pahole -j -F dwarf (all types)" pahole -j -F dwarf "$file"
  measure "memlayout --segments" "$memlayout" --no-cache "$file" --segments
  measure "readelf -lW" readelf -lW "$file"
}

echo "memlayout benchmark: $(nproc) cores, median of $runs runs; memlayout: $memlayout"
if [ -z "$only" ] || [ "$only" = kernel ]; then
  file=$(kernel_input) || exit 2
  run_set "$file" task_struct task_struct sk_buff sk_buff
fi
if [ -z "$only" ] || [ "$only" = rust ]; then
  file=$(rust_input) || exit 2
  run_set "$file" 'syn::expr::Expr' Expr 'regex::regex::string::Regex' Regex
fi
if [ -z "$only" ] || [ "$only" = cpp ]; then
  file=$(cpp_input) || exit 2
  run_set "$file" 'app7::Store' Store 'std::__cxx11::basic_regex<char, std::__cxx11::regex_traits<char> >' basic_regex
fi
