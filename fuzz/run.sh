#!/bin/sh
# Run every atheris harness for a bounded time and print how many cases each ran.
# Usage: fuzz/run.sh PYTHON SECONDS OUTDIR [TARGET...]   (make fuzz FUZZ_SECONDS=60)
# Per input: 10 s at most (-timeout: a hang is a finding), 2 GiB RSS at most
# (-rss_limit_mb: so is unbounded memory). New corpus entries go to
# OUTDIR/corpus/TARGET (git-ignored), crashes to OUTDIR/crash-TARGET-*; copy a
# crash into fuzz/regressions/TARGET/ once fixed, and `make test` replays it.
set -u
PY=$1; SECONDS_EACH=$2; OUT=$3; shift 3
TARGETS=${*:-"text json jsonl html segment dates importer"}
mkdir -p "$OUT"
status=0
printf '%-10s %12s %10s  %s\n' target cases seconds result
for t in $TARGETS; do
    mkdir -p "$OUT/corpus/$t"
    dirs="$OUT/corpus/$t fuzz/seeds/$t"
    [ -d "fuzz/regressions/$t" ] && dirs="$dirs fuzz/regressions/$t"
    "$PY" "fuzz/fuzz_$t.py" $dirs -max_total_time="$SECONDS_EACH" -timeout=10 \
        -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 \
        -artifact_prefix="$OUT/crash-$t-" >"$OUT/$t.log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$OUT/$t.log" | tail -n 1)
    secs=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$OUT/$t.log" | tail -n 1)
    if [ "$rc" -eq 0 ]; then result=ok; else result="FAILED (rc $rc, see $OUT/$t.log)"; status=1; fi
    printf '%-10s %12s %10s  %s\n' "$t" "${runs:-?}" "$SECONDS_EACH" "$result"
done
exit $status
