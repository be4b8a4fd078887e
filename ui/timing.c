/* timing.c - the workbench's own clock (ACCTPLAN_TIMING=1): the first
 * frame, the first complete one, and each key to its frame, reported on
 * standard error at exit for make bench. Off, each call is one test. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "timing.h"

static struct {
	int on;
	double start, first_frame;
	double first_complete;   /* the first frame with every flag count filled in */
	double key_at;      /* when the key being answered arrived, 0 when none */
	double settle_from; /* the same, until the idle work after it is done */
	int key_nav;
	int prompt, key_prompt;   /* a live prompt is open; the key being answered was typed in one */
	double sum[4], max[4];
	long n[4];          /* [0] navigation keys, [1] all keys, [2] navigation settled, [3] keys typed in a live prompt */
} timing;

double timing_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void timing_add(int k, double d)
{
	timing.sum[k] += d;
	timing.n[k]++;
	if (d > timing.max[k])
		timing.max[k] = d;
}

/* The idle work after a navigation key is done: the frame is complete. */
void timing_settled(void)
{
	if (timing.on && timing.settle_from > 0 && timing.key_nav)
		timing_add(2, timing_now() - timing.settle_from);
	timing.settle_from = 0;
}

void timing_frame(void)
{
	if (!timing.on)
		return;
	double t = timing_now();
	if (timing.first_frame == 0)
		timing.first_frame = t - timing.start;
	if (timing.key_at > 0) {
		double d = t - timing.key_at;
		timing.settle_from = timing.key_at;
		for (int k = timing.key_nav ? 0 : 1; k < 2; k++)
			timing_add(k, d);
		if (timing.key_prompt)
			timing_add(3, d);
		timing.key_at = 0;
	}
}

void timing_report(void)
{
	if (!timing.on)
		return;
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	fprintf(stderr, "timing: first-frame %.1f ms\n", timing.first_frame);
	fprintf(stderr, "timing: first-frame-complete %.1f ms\n", timing.first_complete);
	static const char *const what[4] = {"navigation", "all-keys", "navigation-complete", "prompt-keys"};
	for (int k = 0; k < 4; k++)
		fprintf(stderr, "timing: %s %ld keys, mean %.2f ms, max %.2f ms\n", what[k], timing.n[k],
			timing.n[k] ? timing.sum[k] / (double)timing.n[k] : 0.0, timing.max[k]);
	fprintf(stderr, "timing: peak-rss %.1f MiB\n", (double)ru.ru_maxrss / 1024.0);
}

void timing_start(void)
{
	timing.on = getenv("ACCTPLAN_TIMING") && *getenv("ACCTPLAN_TIMING");
	timing.start = timing_now();
}

void timing_key(int navigation)
{
	if (!timing.on)
		return;
	timing.key_at = timing_now();
	timing.key_nav = navigation;
	timing.key_prompt = timing.prompt;
}

void timing_prompt(int open)
{
	timing.prompt = open;
}

void timing_complete(void)
{
	if (timing.on && timing.first_complete == 0)
		timing.first_complete = timing_now() - timing.start;
}
