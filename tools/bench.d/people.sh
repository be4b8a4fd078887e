# people.sh - who holds the relationships, on a 10,000-account store (sourced by tools/bench.sh).
#
# In-process with tools/bench_people: the relationship matrix of one account
# (target 5 ms) and a member's relationships across the portfolio (target
# 50 ms); then 'member show' as a whole command. Only reads.
if run_once "$BUILD/tools/bench_people" "$BENCH_DB" 100; then
	"$BUILD/tools/bench_people" "$BENCH_DB" 100 >"$BENCH_TMP/people"
	for what in "account relationships:5" "member show:50"; do
		line=$(grep -F "people: ${what%:*}:" "$BENCH_TMP/people")
		mean=$(echo "$line" | sed -n 's/.*: \([0-9.]*\) ms mean.*/\1/p')
		worst=$(echo "$line" | sed -n 's/.* \([0-9.]*\) ms worst.*/\1/p')
		figure "${what%:*} in-process (mean)" "$mean" ms
		figure "${what%:*} in-process (worst)" "$worst" ms "${what#*:}"
	done
fi
member=$("$AP" member list --format csv | sed -n '2{s/^"//;s/[",].*//;p}')
[ -n "$member" ] || { echo "bench: the bench store has no members (delete $BENCH_DIR to regenerate it)" >&2; return 1; }
measure "member show (command)" 50 "$AP" member show "$member"
acct=$("$AP" account list --format csv | sed -n '2{s/^"//;s/[",].*//;p}')
measure "account relationships (command)" 50 "$AP" account relationships "$acct"
