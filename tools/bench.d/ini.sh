# ini.sh - loading large INI files (sourced by tools/bench.sh).
#
# A rules file can be shared, so its size is an attack surface: iniparser
# alone takes quadratic time (20,000 rules took over a minute). A user rules
# file of 10,000 and 20,000 rules (the shipped ones over and over, renamed)
# is listed with `acctplan rules`; a configuration whose [user] section holds
# 40,000 keys, and one of keys up to the size limit (8 MiB), must be refused
# at the first unknown key after the whole file is read.

# gen_rules N FILE: N [rule.ID_I] sections, taking turns over assets/rules.ini.
gen_rules() {
	awk -v n="$1" '
		/^\[rule\./ { k = ++rules; id[k] = substr($0, 7, length($0) - 7); next }
		/^\[/ { k = 0; next }
		k && /^[a-z_]+ *=/ { body[k] = body[k] $0 "\n" }
		END { for (i = 0; i < n; i++) { j = i % rules + 1; printf "[rule.%s_%d]\n%s\n", id[j], i, body[j] } }
	' "$TOP/assets/rules.ini" >"$2"
}

# config_for FILE: a configuration naming FILE as the user's rules; prints its path.
config_for() {
	printf '[rules]\nfile = %s\n' "$1" >"$1.config"
	echo "$1.config"
}

# The whole `acctplan rules`: configuration, questions and both rules files
# loaded, every rule listed. Target: 20,000 rules in under a second.
for n in 10000 20000; do
	gen_rules "$n" "$BENCH_TMP/rules-$n.ini" || return 1
	cfg=$(config_for "$BENCH_TMP/rules-$n.ini")
	got=$("$AP" --config "$cfg" rules --format csv | wc -l)
	[ "$got" -gt "$n" ] || { echo "bench: ini.sh: $n rules listed as $got lines" >&2; return 1; }
	target=-
	[ "$n" = 20000 ] && target=1000
	size=$(( $(stat -c %s "$BENCH_TMP/rules-$n.ini") / 1024 ))
	measure "rules: $((n / 1000)),000 rules load ($(mib "$size") MiB)" "$target" "$AP" --config "$cfg" rules
done

# refused LABEL CONFIG: time `acctplan --config CONFIG rules`, which must stop
# with exit 2 at the unknown key k0 of [user] (line 2).
refused() {
	"$AP" --config "$2" rules >/dev/null 2>"$BENCH_TMP/ini-err"
	if [ $? -ne 2 ] || ! grep -q ":2: unknown key 'k0' in \[user\]" "$BENCH_TMP/ini-err"; then
		echo "bench: ini.sh: $1: $(head -c 300 "$BENCH_TMP/ini-err")" >&2
		return 1
	fi
	measure "$1" - sh -c '"$0" --config "$1" rules 2>/dev/null; [ $? -eq 2 ]' "$AP" "$2"
}

awk 'BEGIN { print "[user]"; for (i = 0; i < 40000; i++) printf "k%d = v%d\n", i, i }' >"$BENCH_TMP/user-40000.ini"
refused "config: [user] of 40,000 keys refused" "$BENCH_TMP/user-40000.ini"
# As many short keys as the size limit allows: the most entries a file can hold.
awk 'BEGIN { print "[user]"; n = 7; for (i = 0; ; i++) { l = sprintf("k%x=", i); n += length(l) + 1
	if (n > 8 * 1024 * 1024) break; print l } }' >"$BENCH_TMP/user-limit.ini"
refused "config: 8 MiB of [user] keys refused" "$BENCH_TMP/user-limit.ini"
