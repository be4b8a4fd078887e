/* timing.h - the workbench's timing figures (ACCTPLAN_TIMING=1, make bench). */
#ifndef UI_TIMING_H
#define UI_TIMING_H

/* Milliseconds on a monotonic clock. */
double timing_now(void);
/* At start: read ACCTPLAN_TIMING and start the clock. */
void timing_start(void);
/* A key arrived; navigation keys are also timed to their complete frame. */
void timing_key(int navigation);
/* A live prompt (input_line_live: the what-if) opened (1) or closed (0):
 * the keys typed in it, its Enter included, are timed to their frames on
 * their own, as "prompt-keys" (the view recomputes and redraws on each). */
void timing_prompt(int open);
/* A frame reached the terminal. */
void timing_frame(void);
/* The idle work after the last key is done (flag counts filled in). */
void timing_settled(void);
/* The first frame with nothing left to fill in. */
void timing_complete(void);
/* The figures on standard error, when timing is on. */
void timing_report(void);

#endif
