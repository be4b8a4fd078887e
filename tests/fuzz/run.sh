#!/bin/sh
# Run the libFuzzer targets one after the other (make fuzz).
#   sh tests/fuzz/run.sh DIR SECONDS [NAME...]
# DIR holds the fuzz_NAME binaries; each runs SECONDS on the seeds in
# tests/fuzz/corpus/NAME, writing what it finds to DIR/corpus/NAME and any
# crashing input to DIR/artifacts/. One job at a time: the fuzzers share the
# machine. Exit status 1 when any target found a problem.
dir=$1
seconds=${2:-300}
shift 2
names=${*:-$(for b in "$dir"/fuzz_*; do [ -x "$b" ] && echo "${b##*/fuzz_}"; done)}
export ACCTPLAN_TODAY=2026-11-23
failed=""
mkdir -p "$dir/artifacts"
for name in $names; do
	bin=$dir/fuzz_$name
	[ -x "$bin" ] || { echo "fuzz: no target $bin" >&2; failed="$failed $name"; continue; }
	mkdir -p "$dir/corpus/$name"
	case $name in
	json_read|port) dict=tests/fuzz/json.dict ;;
	*) dict=tests/fuzz/ini.dict ;;
	esac
	echo "fuzz: $name for ${seconds}s"
	"$bin" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
		-artifact_prefix="$dir/artifacts/$name-" -dict="$dict" \
		"$dir/corpus/$name" "tests/fuzz/corpus/$name" 2>"$dir/$name.log"
	rc=$?
	grep -E '^stat::(number_of_executed_units|peak_rss_mb)|^#[0-9]+.*DONE' "$dir/$name.log" | tail -3
	if [ $rc -ne 0 ]; then
		echo "fuzz: $name FAILED (exit $rc), see $dir/$name.log:"
		grep -m3 -E 'ERROR|runtime error|invariant failed|Test unit written' "$dir/$name.log"
		failed="$failed $name"
	fi
done
[ -z "$failed" ] || { echo "fuzz: problems found in:$failed"; exit 1; }
echo "fuzz: no problems found"
