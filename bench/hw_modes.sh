#!/usr/bin/env bash
# Issue 7's benchmark: wall time of the Caliptra-only boot + the RFC CAPS sequence with the C
# model, the Verilated RTL and lockstep, in one run. The three modes are interleaved (same
# machine state for each) and timed in-process (the report's wall_time_s: simulation only, no
# process start-up). Prints median and minimum per mode and their ratio to the model.
#   bench/hw_modes.sh [BUILD_DIR (build)] [RUNS (20)] [BUNDLE]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
runs=${2:-20}
bundle=${3:-$root/../shared/testdata/cptra_imgtool/prebuilt/ast2700-default/caliptra-fw.bin}
vp=$build/bin/vp
[ -x "$vp" ] || { echo "hw_modes: $vp not built (make build first)" >&2; exit 2; }
[ -r "$bundle" ] || { echo "hw_modes: cannot read the bundle $bundle" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
modes="model rtl lockstep"
for ((i = 0; i <= runs; i++)); do # run 0 warms the caches and is not counted
    for h in $modes; do
        "$vp" --quiet --caliptra-only --firmware "$bundle" --caliptra-hw "$h" \
            --script "$root/tests/platform/scripts/rfc_caps.script" --report "$tmp/r.json"
        [ "$i" -gt 0 ] || continue
        sed -n 's/.*"wall_time_s":[ \t]*\([0-9.eE+-]*\).*/\1/p' "$tmp/r.json" >> "$tmp/$h"
    done
    printf '\rhw_modes: run %d/%d' "$i" "$runs" >&2
done
echo >&2
ms_stats() { # median min (ms) of the file's values
    sort -g "$1" | awk '{v[NR] = $1 * 1000} END {
        m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f %.2f\n", m, v[1] }'
}
read -r m_med m_min < <(ms_stats "$tmp/model")
printf '%-9s %10s %10s %8s %8s\n' mode "median ms" "min ms" "x model" "x (min)"
for h in $modes; do
    read -r med min < <(ms_stats "$tmp/$h")
    awk -v h="$h" -v a="$med" -v b="$min" -v ma="$m_med" -v mb="$m_min" \
        'BEGIN { printf "%-9s %10.2f %10.2f %8.2f %8.2f\n", h, a, b, a / ma, b / mb }'
done
