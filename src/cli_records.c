/* cli_records.c - an account's org map, competitors, end customers and
 * meetings: add, list, edit and remove of each, from their field tables. */
#include <string.h>

#include "cli_internal.h"

/* ---- meetings: held and planned ---- */

/* In text a planned meeting whose day passed reads "to confirm". */
const char *cli_meeting_cell(const rec_field *f, const void *rec)
{
	char today[11];
	if (strcmp(f->key, "status") != 0)
		return NULL;
	cli_today(today);
	return rec_meeting_status(rec, today);
}

int cli_meeting_keep(const cli_args *a, const void *rec)
{
	return !arg_flag(a, "planned") || ((const ap_meeting *)rec)->status == MSTATUS_PLANNED;
}

#define FMT " [--format text|json|csv]"
#define IFV " [--if-version N]"
/* What every edit says about its options and --if-version. */
#define EDIT_HELP \
	"Only the options given change; the id stays. --if-version N writes only if the\n" \
	"record is still at version N (as 'list --format json' showed it); otherwise nothing\n" \
	"is written and acctplan exits with status 4, saying who changed it and when."
#define REMOVE_HELP \
	"--if-version N removes it only if it is still at version N; otherwise nothing is\n" \
	"removed and acctplan exits with status 4."
#define BY_NAME_OR_ID "The record is named by its NAME or its ID (#7 or 7, as 'list' shows it).\n"
/* How deep a relationship goes and who holds it: the same for add and edit. */
#define REL " [--owner MEMBER] [--level L] [--stance S] [--influence high|medium|low]"
#define REL_OPTS " owner= level= stance= influence="
#define REL_HELP \
	"--owner: the member (acctplan member list) who holds the relationship; the contact's\n" \
	"tier is then the owner's. --level, how the contact sees us: unknown, vendor, credible,\n" \
	"problem-solver, trusted-advisor. --stance, how they feel about us: advocate, supporter,\n" \
	"neutral, skeptic, opponent, unknown.\n"
/* Who meets whom, and what for: the same for add and edit. */
#define MEET " [--status planned|held|cancelled] [--objective TEXT] [--outcome TEXT] [--with CONTACT]... " \
	"[--ours MEMBER]..."
#define MEET_OPTS " status= objective= outcome= with= ours="
#define MEET_HELP \
	"A meeting dated after today is planned unless --status says otherwise; once its day has\n" \
	"passed it is to confirm until marked held or cancelled. Only held meetings count as a\n" \
	"touch. --outcome is for a held meeting. --with names a contact of the account who\n" \
	"attends, --ours a member (acctplan member list); repeat them for each person.\n"
#define LIST_HELP(what) "JSON and CSV also give each " what "'s version (what --if-version compares)."

const cli_cmd cli_record_cmds[] = {
	{"contact add", "ACCOUNT NAME [--title T] [--role R] [--tier T] [--reports-to NAME]" REL,
	 "Add a contact to the account's org map", "title= role= tier= reports-to=" REL_OPTS, 2, 2, cli_run_add,
	 "--role: decision-maker, po-issuer, payment-releaser, champion, influencer, blocker, user.\n"
	 "--tier: which of our tiers holds the relationship (default sales).\n"
	 "--reports-to: another contact of the same account.\n" REL_HELP},
	{"contact list", "ACCOUNT [--tree]" FMT, "List an account's contacts, or draw its org map", "tree format=", 1, 1,
	 cli_contact_list,
	 "--tree draws the org map: who reports to whom, the lines beyond it (contact link),\n"
	 "who on our side holds each relationship, how deep it is, the contact's stance and\n"
	 "influence and when we last met them; gaps read nobody, unknown and never.\n" LIST_HELP("contact")},
	{"contact edit", "ACCOUNT NAME|ID [--name NEW] [--title T] [--role R|none] [--tier T] [--reports-to NAME|none]"
	 REL IFV,
	 "Change a contact in place", "name= title= role= tier= reports-to=" REL_OPTS " if-version=", 2, 2, cli_run_edit,
	 BY_NAME_OR_ID "--role, --reports-to, --owner and --influence none clear them.\n" REL_HELP EDIT_HELP},
	{"contact remove", "ACCOUNT NAME|ID" IFV, "Remove a contact (their reports then report to nobody)",
	 "if-version=", 2, 2, cli_run_remove, BY_NAME_OR_ID REMOVE_HELP},
	{"competitor add", "ACCOUNT NAME [--differentiator TEXT]", "Record a competitor of the customer",
	 "differentiator=", 2, 2, cli_run_add, NULL},
	{"competitor list", "ACCOUNT" FMT, "List the customer's competitors", "format=", 1, 1, cli_run_list,
	 LIST_HELP("competitor")},
	{"competitor edit", "ACCOUNT NAME|ID [--name NEW] [--differentiator TEXT]" IFV, "Change a competitor in place",
	 "name= differentiator= if-version=", 2, 2, cli_run_edit, BY_NAME_OR_ID EDIT_HELP},
	{"competitor remove", "ACCOUNT NAME|ID" IFV, "Remove a competitor", "if-version=", 2, 2, cli_run_remove,
	 BY_NAME_OR_ID REMOVE_HELP},
	{"endcustomer add", "ACCOUNT NAME [--industry X] [--ask TEXT] [--trend growing|flat|shrinking]",
	 "Record one of the customer's customers", "industry= ask= trend=", 2, 2, cli_run_add, NULL},
	{"endcustomer list", "ACCOUNT" FMT, "List the customer's customers", "format=", 1, 1, cli_run_list,
	 LIST_HELP("end customer")},
	{"endcustomer edit", "ACCOUNT NAME|ID [--name NEW] [--industry X] [--ask TEXT] [--trend T|none]" IFV,
	 "Change an end customer in place", "name= industry= ask= trend= if-version=", 2, 2, cli_run_edit,
	 BY_NAME_OR_ID "--trend none clears it.\n" EDIT_HELP},
	{"endcustomer remove", "ACCOUNT NAME|ID" IFV, "Remove an end customer", "if-version=", 2, 2,
	 cli_run_remove, BY_NAME_OR_ID REMOVE_HELP},
	{"meeting add", "ACCOUNT --tier T --date YYYY-MM-DD --kind strategic|tactical [--news good|bad|none] [--shared yes|no]"
	 MEET " TEXT",
	 "Record an engagement with the customer, held or planned", "tier= date= kind= news= shared=" MEET_OPTS, 2, 2,
	 cli_run_add,
	 "--news records whether good or bad news came up; --shared whether it was shared with the\n"
	 "customer (default no). TEXT '-' reads the summary from standard input.\n" MEET_HELP},
	{"meeting list", "ACCOUNT [--planned]" FMT, "List an account's meetings, newest first", "planned format=", 1, 1,
	 cli_run_list,
	 "--planned lists only the meetings planned, those still ahead and those whose day has\n"
	 "passed (text shows them as 'to confirm' until marked held or cancelled).\n" LIST_HELP("meeting")},
	{"meeting edit", "ACCOUNT ID [--tier T] [--date YYYY-MM-DD] [--kind K] [--news N] [--shared yes|no] "
	 "[--summary TEXT|-]" MEET IFV,
	 "Change a meeting in place", "tier= date= kind= news= shared= summary=" MEET_OPTS " if-version=", 2, 2,
	 cli_run_edit,
	 "--summary - reads the summary from standard input. --with none and --ours none clear the\n"
	 "attendees; given, they replace them.\n" MEET_HELP EDIT_HELP},
	{"meeting remove", "ACCOUNT ID" IFV, "Remove a meeting by its id", "if-version=", 2, 2, cli_run_remove,
	 REMOVE_HELP},
	{0},
};
