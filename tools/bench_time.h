/* bench_time.h - wall-clock timing of in-process benchmarks (tools/bench_*.c). */
#ifndef ACCTPLAN_BENCH_TIME_H
#define ACCTPLAN_BENCH_TIME_H

#include <time.h>

static inline double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Total and worst of n samples. */
struct timing {
	double total, worst;
	int n;
};

/* One sample that began at t0 (now_ms). */
static inline void timed(struct timing *t, double t0)
{
	double dt = now_ms() - t0;
	t->total += dt;
	t->worst = dt > t->worst ? dt : t->worst;
	t->n++;
}

#endif
