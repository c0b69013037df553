/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Counts the virtual time a known number of instructions takes: reads CNTVCT_EL0, runs 2,002
 * instructions (the read itself, a MOV and 1,000 passes of SUBS and B.NE), reads it again and
 * prints both readings and their difference. With the counter at 1 GHz (one tick a
 * nanosecond) the difference is 2002 * the platform's cycles-per-instruction. It then waits
 * 5,000 ticks with the SDK's delay, a loop the counter-wait fast-forward skips, prints what it
 * waited, and makes one FF-A call (FFA_VERSION), whose time the FF-A trace shows.
 */
#include <sdk/ffa.h>
#include <sdk/sdk.h>

/* CNTVCT before and after 2,002 instructions. */
static void count_straight(uint64_t *before, uint64_t *after)
{
	uint64_t a, b;

	__asm__ volatile("isb\n"
			 "mrs %0, cntvct_el0\n"
			 "mov x9, #1000\n"
			 "1: subs x9, x9, #1\n"
			 "b.ne 1b\n"
			 "mrs %1, cntvct_el0\n"
			 : "=&r"(a), "=&r"(b)
			 :
			 : "x9", "cc");
	*before = a;
	*after = b;
}

/* Waits ticks with the SDK's delay (a loop the fast-forward takes); the ticks it took. */
static uint64_t wait_ticks(uint64_t ticks)
{
	uint64_t start = sdk_read_cntvct();

	sdk_timer_wait(ticks);
	return sdk_read_cntvct() - start;
}

int main(void)
{
	uint64_t before, after;

	count_straight(&before, &after);
	sdk_printf("cntfrq=%lu\n", sdk_read_cntfrq());
	sdk_printf("before=%lu after=%lu diff=%lu\n", before, after, after - before);
	sdk_printf("waited=%lu\n", wait_ticks(5000));
	sdk_printf("version=0x%lx\n", (unsigned long)sdk_ffa_version(0x10002).x[0]);
	return 0;
}
