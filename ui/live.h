/* live.h - live reload: the workbench shows what other processes commit.
 *
 * The run loop waits for a key at most LIVE_POLL_MS at a time; each wait
 * that runs out asks the store whether another connection committed
 * (store_data_version, one PRAGMA; this process's own writes do not count,
 * so they never cause a reload of their own). When one did, the account
 * list, the panes and the open views reload through ui_refresh, the path
 * every write takes, keeping the selected account and records by id. */
#ifndef UI_LIVE_H
#define UI_LIVE_H

struct app;

/* Four polls in the 2 seconds a change may take to show; idle, that is 120
 * PRAGMAs a minute, far below the 0.6 s of CPU a minute allowed. */
#define LIVE_POLL_MS 500

/* Note the data version the first load will show. */
void live_start(struct app *a);
/* Reload when another process committed since the last look; 1 when it did
 * (the caller draws the frame again), 0 when nothing changed. */
int live_check(struct app *a);

#endif
