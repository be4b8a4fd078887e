# reports.sh - the portfolio synthesis and a meeting brief (sourced by tools/bench.sh).
measure "portfolio --format json" 1000 "$AP" portfolio --format json
measure "portfolio (text)" - "$AP" portfolio
measure "portfolio --format csv (coverage)" - "$AP" portfolio --format csv
# An account from the middle of the list, so no index walk is favoured.
acct=$("$AP" account list --format csv | sed -n '5001{s/,.*//;p;q}')
measure "brief (text, sales)" 50 "$AP" brief "$acct" --tier sales
measure "brief --format md (executive)" 50 "$AP" brief "$acct" --tier executive --format md
