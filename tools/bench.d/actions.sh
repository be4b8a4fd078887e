# actions.sh - actions on a 10,000-account store, about 3 per account (sourced
# by tools/bench.sh): one member's open actions across the portfolio, through
# the owner index (target 50 ms), the overdue ones, and an account's as a
# calendar. Only reads.
owner=$("$AP" member list --format csv | sed -n '2{s/^"//;s/[",].*//;p}')
[ -n "$owner" ] || { echo "bench: the bench store has no members (delete $BENCH_DIR to regenerate it)" >&2; return 1; }
[ "$("$AP" action list --status all --format csv | wc -l)" -gt 1000 ] ||
	{ echo "bench: the bench store has no actions (delete $BENCH_DIR to regenerate it)" >&2; return 1; }
measure "action list --mine" 50 env ACCTPLAN_USER="$owner" "$AP" action list --mine
measure "action list --overdue (whole portfolio)" - "$AP" action list --overdue
acct=$("$AP" account list --format csv | sed -n '2{s/^"//;s/[",].*//;p}')
measure "action list ACCOUNT --format ics" - "$AP" action list "$acct" --format ics
