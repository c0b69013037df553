/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Busy-waits on the generic counter in the loop shapes a delay function takes, and prints how
 * many ticks each wait took. Under the simulator the waits that only read the counter are
 * fast-forwarded (docs/guest-abi.md, "Waiting on the counter"), as is the one that stores the
 * count to RAM before its exit test; the one that counts its passes in a register is emulated
 * pass by pass. The output and the instruction count are the same either way. COUNTER_WAIT_MS
 * scales the first three waits (milliseconds of the first; default 1); the storing and
 * counting waits are always 1 ms.
 */
#include <sdk/sdk.h>

#ifndef COUNTER_WAIT_MS
#define COUNTER_WAIT_MS 1
#endif

/* Until CNTVCT_EL0 reaches a deadline (unsigned compare, loop head at the ISB). */
static uint64_t wait_vct_deadline(uint64_t ticks)
{
	uint64_t start = sdk_read_cntvct(), now;

	__asm__ volatile("1: isb\n"
			 "   mrs %0, cntvct_el0\n"
			 "   cmp %0, %1\n"
			 "   b.lo 1b\n"
			 : "=&r"(now)
			 : "r"(start + ticks)
			 : "cc");
	return now - start;
}

/* Until CNTPCT_EL0 - start reaches ticks (elapsed time, loop head at the MRS). */
static uint64_t wait_pct_elapsed(uint64_t ticks)
{
	uint64_t start = sdk_read_cntpct(), now, diff;

	__asm__ volatile("1: mrs %0, cntpct_el0\n"
			 "   sub %1, %0, %2\n"
			 "   cmp %1, %3\n"
			 "   b.lo 1b\n"
			 : "=&r"(now), "=&r"(diff)
			 : "r"(start), "r"(ticks)
			 : "cc");
	return now - start;
}

/* A signed comparison against a deadline, counter on the right (b.gt while deadline > now). */
static uint64_t wait_vct_signed(uint64_t ticks)
{
	uint64_t start = sdk_read_cntvct(), now;

	__asm__ volatile("1: isb\n"
			 "   mrs %0, cntvct_el0\n"
			 "   mov x9, %0\n"
			 "   add x9, x9, #0\n"
			 "   cmp %1, x9\n"
			 "   b.gt 1b\n"
			 : "=&r"(now)
			 : "r"(start + ticks)
			 : "cc", "x9");
	return now - start;
}

/* The same wait storing each count to RAM before its exit test: the last pass stores again. */
static uint64_t wait_vct_storing(uint64_t ticks, volatile uint64_t *last)
{
	uint64_t start = sdk_read_cntvct(), now;

	__asm__ volatile("1: isb\n"
			 "   mrs %0, cntvct_el0\n"
			 "   str %0, [%2]\n"
			 "   cmp %0, %1\n"
			 "   b.lo 1b\n"
			 : "=&r"(now)
			 : "r"(start + ticks), "r"(last)
			 : "cc", "memory");
	return now - start;
}

/* A wait that counts its passes in a register: each pass depends on the one before. */
static uint64_t wait_vct_counting(uint64_t ticks, uint64_t *passes)
{
	uint64_t start = sdk_read_cntvct(), now, n = 0;

	__asm__ volatile("1: add %1, %1, #1\n"
			 "   mrs %0, cntvct_el0\n"
			 "   cmp %0, %2\n"
			 "   b.lo 1b\n"
			 : "=&r"(now), "+r"(n)
			 : "r"(start + ticks)
			 : "cc");
	*passes = n;
	return now - start;
}

int main(void)
{
	volatile uint64_t last = 0;
	uint64_t ms = sdk_read_cntfrq() / 1000 * COUNTER_WAIT_MS;
	uint64_t store_ticks = sdk_read_cntfrq() / 1000; /* always 1 ms: emulated pass by pass */
	uint64_t t0 = sdk_read_cntvct(), d, passes;

	sdk_printf("cntfrq=%lu\n", sdk_read_cntfrq());
	d = wait_vct_deadline(ms);
	sdk_printf("cntvct deadline %lu ticks: waited %lu\n", ms, d);
	d = wait_pct_elapsed(10 * ms);
	sdk_printf("cntpct elapsed %lu ticks: waited %lu\n", 10 * ms, d);
	d = wait_vct_signed(2 * ms);
	sdk_printf("cntvct signed %lu ticks: waited %lu\n", 2 * ms, d);
	d = wait_vct_storing(store_ticks, &last);
	sdk_printf("cntvct storing %lu ticks: waited %lu, last stored %s\n", store_ticks, d,
		   last - t0 >= store_ticks ? "after the deadline" : "before the deadline");
	d = wait_vct_counting(store_ticks, &passes);
	sdk_printf("cntvct counting %lu ticks: waited %lu in %lu passes\n", store_ticks, d, passes);
	sdk_printf("total %lu ticks\n", sdk_read_cntvct() - t0);
	return 0;
}
