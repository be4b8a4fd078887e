# advocacy.sh - advocacy on a 10,000-account store (sourced by
# tools/bench.sh): three records for one contact in ADVOCACY_EVERY (default
# 25: 6,000 records, one account in five with an advocate), asked over the
# last two years, a third with consent running today; the portfolio's
# 'advocacy list --available' (target 50 ms) and the whole listing with how
# often each contact was asked lately. The time goes to the rows listed (each
# one's account and contact name read by id): ADVOCACY_EVERY=5 lists 7,000
# and takes about three times as long. The records go into a copy of the
# bench store, so the other figures keep theirs.
adv_db=$BENCH_TMP/advocacy.db
sqlite3 "$BENCH_DB" ".backup '$adv_db'" || return 1
sqlite3 "$adv_db" "INSERT INTO advocacy (account_id, kind, contact_id, asked_on, consent_until, detail)
	SELECT c.account_id,
		CASE (c.id + n.k) % 7 WHEN 0 THEN 'reference-call' WHEN 1 THEN 'case-study' WHEN 2 THEN 'event-talk'
		WHEN 3 THEN 'press' WHEN 4 THEN 'analyst' WHEN 5 THEN 'advisory-board' ELSE 'co-development' END,
		c.id, date('2026-11-23', '-' || ((c.id * 37 + n.k * 101) % 730) || ' days'),
		CASE WHEN (c.id + n.k) % 3 = 0 THEN date('2026-11-23', '+' || ((c.id + n.k) % 200 - 60) || ' days') END,
		'Spoke for us'
	FROM contact c CROSS JOIN (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3) n WHERE c.id % ${ADVOCACY_EVERY:-25} = 0" || return 1
measure "advocacy list --available (whole portfolio)" 50 env ACCTPLAN_DB="$adv_db" "$AP" advocacy list --available
measure "advocacy list (whole portfolio)" - env ACCTPLAN_DB="$adv_db" "$AP" advocacy list --format csv
