# contract.sh - conditional writes on a 10,000-account store (sourced by tools/bench.sh).
#
# In-process with tools/bench_contract (target 5 ms: a write the workbench
# makes while the user waits), then as whole commands, where process
# start-up dominates. Writes go to a copy: the bench database must stay as
# it is for later runs.
db=$BENCH_TMP/contract.db
cp "$BENCH_DB" "$db" || return 1

if run_once "$BUILD/tools/bench_contract" "$db" 100; then
	"$BUILD/tools/bench_contract" "$db" 100 >"$BENCH_TMP/contract"
	for what in "answer --replaces ID" "meeting edit --if-version"; do
		line=$(grep -F "contract: $what:" "$BENCH_TMP/contract")
		mean=$(echo "$line" | sed -n 's/.*: \([0-9.]*\) ms mean.*/\1/p')
		worst=$(echo "$line" | sed -n 's/.* \([0-9.]*\) ms worst.*/\1/p')
		figure "$what in-process (mean)" "$mean" ms
		figure "$what in-process (worst of 100)" "$worst" ms 5
	done
fi

acct=$(ACCTPLAN_DB=$db "$AP" account list --format csv | sed -n '2{s/^"//;s/[",].*//;p}')
# first_field KEY: the first "KEY": N of a JSON listing on standard input.
first_field() { tr -d ' \n' | sed -n "s/^[^{]*{[^}]*\"$1\":\([0-9]*\).*/\1/p"; }
# The id (or version) is read first, untimed, then the write is timed as a command.
times=""
for i in 1 2 3; do
	cur=$(ACCTPLAN_DB=$db "$AP" history "$acct" business --format json | first_field id)
	run_once env ACCTPLAN_DB="$db" "$AP" answer "$acct" business "bench answer $i" --replaces "${cur:-none}" ||
		return 1
	times="$times $RUN_MS"
done
figure "answer --replaces ID (a whole process)" "$(echo $times | tr ' ' '\n' | sort -n | sed -n 2p)" ms
id=$(ACCTPLAN_DB=$db "$AP" meeting list "$acct" --format json | first_field id)
times=""
for i in 1 2 3; do
	v=$(ACCTPLAN_DB=$db "$AP" meeting list "$acct" --format json | first_field version)
	run_once env ACCTPLAN_DB="$db" "$AP" meeting edit "$acct" "$id" --summary "bench $i" --if-version "${v:-1}" ||
		return 1
	times="$times $RUN_MS"
done
figure "meeting edit --if-version (a whole process)" "$(echo $times | tr ' ' '\n' | sort -n | sed -n 2p)" ms
