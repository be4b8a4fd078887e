/* cli_records.c - an account's org map, competitors, end customers and
 * meetings: add, list, edit and remove of each, from their field tables. */
#include "cli_internal.h"

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
#define LIST_HELP(what) "JSON and CSV also give each " what "'s version (what --if-version compares)."

const cli_cmd cli_record_cmds[] = {
	{"contact add", "ACCOUNT NAME [--title T] [--role R] [--tier T] [--reports-to NAME]",
	 "Add a contact to the account's org map", "title= role= tier= reports-to=", 2, 2, cli_run_add,
	 "--role: decision-maker, po-issuer, payment-releaser, champion, influencer, blocker, user.\n"
	 "--tier: which of our tiers holds the relationship (default sales).\n"
	 "--reports-to: another contact of the same account."},
	{"contact list", "ACCOUNT" FMT, "List an account's contacts", "format=", 1, 1, cli_run_list,
	 LIST_HELP("contact")},
	{"contact edit", "ACCOUNT NAME|ID [--name NEW] [--title T] [--role R|none] [--tier T] [--reports-to NAME|none]" IFV,
	 "Change a contact in place", "name= title= role= tier= reports-to= if-version=", 2, 2, cli_run_edit,
	 BY_NAME_OR_ID "--role none and --reports-to none clear them.\n" EDIT_HELP},
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
	{"meeting add", "ACCOUNT --tier T --date YYYY-MM-DD --kind strategic|tactical [--news good|bad|none] [--shared yes|no] TEXT",
	 "Record an engagement with the customer", "tier= date= kind= news= shared=", 2, 2, cli_run_add,
	 "--news records whether good or bad news came up; --shared whether it was shared with the\n"
	 "customer (default no). TEXT '-' reads the summary from standard input."},
	{"meeting list", "ACCOUNT" FMT, "List an account's meetings, newest first", "format=", 1, 1, cli_run_list,
	 LIST_HELP("meeting")},
	{"meeting edit", "ACCOUNT ID [--tier T] [--date YYYY-MM-DD] [--kind K] [--news N] [--shared yes|no] "
	 "[--summary TEXT|-]" IFV,
	 "Change a meeting in place", "tier= date= kind= news= shared= summary= if-version=", 2, 2, cli_run_edit,
	 "--summary - reads the summary from standard input.\n" EDIT_HELP},
	{"meeting remove", "ACCOUNT ID" IFV, "Remove a meeting by its id", "if-version=", 2, 2, cli_run_remove,
	 REMOVE_HELP},
	{0},
};
