# bash completion for acctplan(1)
#
# Every candidate comes from acctplan itself, one process per TAB
# ('acctplan complete --help'): its commands and their options, the
# values those take, and the account names, contacts, question ids and rule
# ids of the database and configuration that --db and --config on the line
# name. So completion follows the program as commands and options are added.
#
# Nothing on the line or in the database is evaluated here: the words go to
# acctplan as arguments, and what comes back is quoted by acctplan to
# continue the word as it is typed, so a name such as "Sub $(touch x) Co"
# is inserted as text and never runs. No compgen -W (it expands its words).

# _acctplan_bytes VAR STRING [N]: the length of STRING in bytes (as acctplan
# and readline count them), or with N its first N bytes.
_acctplan_bytes()
{
	local LC_ALL=C
	if (($# > 2)); then
		printf -v "$1" %s "${2:0:$3}"
	else
		printf -v "$1" %d "${#2}"
	fi
}

_acctplan()
{
	local IFS=$' \t\n' prog=${COMP_WORDS[0]} line left rest i w n sep prev_sep=0 blank from
	local -a words=() reply=()
	COMPREPLY=()
	((COMP_CWORD > 0)) || return 0
	line=${COMP_LINE-${COMP_WORDS[*]}}
	_acctplan_bytes n "$line"
	_acctplan_bytes left "$line" "${COMP_POINT-$n}"
	rest=${line#*"$prog"}
	# Readline splits a word at each of COMP_WORDBREAKS, but '=' and ':'
	# belong inside an argument (--format=json, a name with a colon): a
	# piece made of them, and the piece after it, are glued back onto the
	# word they touch on the line.
	for ((i = 1; i <= COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]-}
		if ((i == COMP_CWORD)); then
			# The word under the cursor ends at the cursor.
			for ((n = ${#w}; n > 0; n--)); do
				[[ $left == *"${w:0:n}" ]] && break
			done
			w=${w:0:n}
		fi
		blank=0
		[[ $rest == [[:blank:]]* ]] && blank=1
		rest=${rest#"${rest%%[![:blank:]]*}"}
		rest=${rest#"$w"}
		sep=0
		[[ $w =~ ^[=:]+$ ]] && sep=1
		if ((${#words[@]} && !blank && (sep || prev_sep))); then
			words[${#words[@]} - 1]+=$w
		else
			words+=("$w")
		fi
		prev_sep=$sep
	done
	# What readline replaces: the text after the last '=' or ':' of a
	# glued word, nothing of a word that ends with one.
	_acctplan_bytes n "${words[${#words[@]} - 1]}"
	_acctplan_bytes from "$w"
	((sep)) && from=0
	from=$((n - from))
	# The program as typed (~/ is home); an alias or a function is no program.
	[[ $prog == "~/"* ]] && prog=$HOME/${prog#"~/"}
	type -P -- "$prog" >/dev/null 2>&1 || prog=acctplan
	mapfile -t reply < <("$prog" complete --from="$from" -- "${words[@]}" 2>/dev/null)
	case ${reply[0]-} in
	words)
		COMPREPLY=("${reply[@]:1}")
		;;
	files)
		# Readline quotes file names itself, and marks folders with a '/'.
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "${reply[1]-}")
		;;
	esac
	return 0
}
complete -F _acctplan acctplan
