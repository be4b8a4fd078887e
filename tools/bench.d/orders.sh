# orders.sh - orders on a 10,000-account store (sourced by tools/bench.sh):
# importing two years of quarterly orders of a product "bench" for every
# account, 80,000 rows, into a copy (target 2 s, issue 15; the generated
# portfolio's own orders have no product, so each row is new), then again (nothing changes: every
# row found equal), listing one account's, and checking the portfolio
# with its orders.
copy=$BENCH_DIR/orders.db
rm -f "$copy" "$copy-wal" "$copy-shm"
run_once "$AP" backup "$copy" || return 1
csv=$BENCH_TMP/orders.csv
"$AP" account list --format csv | awk -F, 'NR == 1 { next }
	{ name = $1; if (name ~ /^"/) { name = $0; sub(/^"/, "", name); sub(/",.*$/, "", name); gsub(/""/, "\"", name);
	  name = "\"" name "\"" } else name = $1
	  for (y = 2025; y <= 2026; y++) for (q = 1; q <= 4; q++)
		printf "%s,%d-Q%d,%d.%02d,EUR,bench\n", name, y, q, (NR * 7919 + y * 31 + q * 17) % 90000 + 1000, NR % 100 }
	BEGIN { print "account,period,amount,currency,product" }' >"$csv"
rows=$(($(wc -l <"$csv") - 1))
run_once env ACCTPLAN_DB="$copy" "$AP" order import "$csv" || return 1
figure "order import ($rows rows, one run)" "$RUN_MS" ms 2000
figure "order import peak memory" "$(mib "$RUN_KB")" MiB 64
run_once env ACCTPLAN_DB="$copy" "$AP" order import "$csv" || return 1
figure "order import again (all unchanged)" "$RUN_MS" ms
acct=$("$AP" account list --format csv | sed -n '2{s/^"//;s/[",].*//;p}')
measure "order list ACCOUNT" - env ACCTPLAN_DB="$copy" "$AP" order list "$acct"
# The rules read every account's orders (orders_diverge, orders_missing):
# the whole portfolio's check with 80,000 orders, after the first of its day.
run_once env ACCTPLAN_DB="$copy" "$AP" check --format json || return 1
measure "check --format json with orders (whole portfolio)" 500 env ACCTPLAN_DB="$copy" "$AP" check --format json
measure "account show ACCOUNT with orders" - env ACCTPLAN_DB="$copy" "$AP" account show "$acct"
rm -f "$copy" "$copy-wal" "$copy-shm"
