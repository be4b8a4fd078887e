# lists.sh - the whole portfolio's listings (sourced by tools/bench.sh): each
# prints its rows as it reads them, so its memory stays that of a few rows
# at any size (the peak on each line; every command keeps under 64 MiB).
# Text waits for its column widths, keeping rows in a temporary file past
# 1 MiB. 'account list --format json' (target 300 ms) is timed by bench.sh.
# Only reads.
[ "$("$AP" order list --format csv | head -n 3 | wc -l)" -eq 3 ] ||
	{ echo "bench: the bench store has no orders (delete $BENCH_DIR to regenerate it)" >&2; return 1; }
measure "account list (text)" - "$AP" account list
measure "account list --format csv" - "$AP" account list --format csv
measure "action list --status all --format json" - "$AP" action list --status all --format json
measure "action list --status all (text)" - "$AP" action list --status all
measure "action list --format ics (whole portfolio)" - "$AP" action list --format ics
measure "order list --format json" - "$AP" order list --format json
measure "order list (text)" - "$AP" order list
measure "driver list --format json" - "$AP" driver list --format json
measure "driver list (text)" - "$AP" driver list
