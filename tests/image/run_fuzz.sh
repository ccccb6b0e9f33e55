#!/bin/sh
# Run the image fuzzer briefly from a seed corpus made of real artefacts (selector byte + file).
# Usage: run_fuzz.sh <fuzz binary> <corpus dir> <testdata dir>
FUZZ=$1
CORPUS=$2
TD=$3/cptra_imgtool
[ -x "$FUZZ" ] || { echo "fuzz binary missing: skipped"; exit 77; }
mkdir -p "$CORPUS"
seed() { { printf "$1"; head -c 20000 "$2"; } >"$CORPUS/seed-$3"; }
seed '\000' "$TD/prebuilt/ast2700-irot/caliptra-fw.bin" bundle
seed '\020' "$TD/prebuilt/ast2700-default/caliptra-fw.bin" bundle-lms
seed '\004' "$TD/vnd_sig/vnd_lms_sig.der" lms
# -max_total_time bounds the run on slow (sanitized) builds
exec "$FUZZ" "$CORPUS" -runs=20000 -max_total_time=10 -max_len=20000 -rss_limit_mb=2048 \
    -print_final_stats=1
