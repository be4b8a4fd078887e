# contract.sh - conditional writes on a 10,000-account store (sourced by tools/bench.sh).
# Writes go to a copy: the bench database must stay as it is for later runs.
db=$BENCH_TMP/contract.db
cp "$BENCH_DB" "$db" || return 1
acct=$(ACCTPLAN_DB=$db "$AP" account list --format csv | sed -n 2p | cut -d, -f1)
# first_field KEY: the first "KEY": N of a JSON listing on standard input.
first_field() { tr -d ' \n' | sed -n "s/^[^{]*{[^}]*\"$1\":\([0-9]*\).*/\1/p"; }

# An answer saved with --replaces the current answer's id, as a colleague's
# workbench does: the id is read first (untimed), then the write is timed.
times=""
for i in 1 2 3; do
	cur=$(ACCTPLAN_DB=$db "$AP" history "$acct" business --format json | first_field id)
	run_once env ACCTPLAN_DB="$db" "$AP" answer "$acct" business "bench answer $i" --replaces "${cur:-none}" ||
		return 1
	times="$times $RUN_MS"
done
figure "answer --replaces ID (median of 3)" "$(echo $times | tr ' ' '\n' | sort -n | sed -n 2p)" ms 5

# A meeting edited in place with --if-version (its version read first, untimed).
id=$(ACCTPLAN_DB=$db "$AP" meeting list "$acct" --format json | first_field id)
times=""
for i in 1 2 3; do
	v=$(ACCTPLAN_DB=$db "$AP" meeting list "$acct" --format json | first_field version)
	run_once env ACCTPLAN_DB="$db" "$AP" meeting edit "$acct" "$id" --summary "bench $i" --if-version "${v:-1}" ||
		return 1
	times="$times $RUN_MS"
done
figure "meeting edit --if-version (median of 3)" "$(echo $times | tr ' ' '\n' | sort -n | sed -n 2p)" ms 5
