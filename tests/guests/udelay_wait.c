/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Counter waits in the shape of U-Boot's __udelay: the loop calls a function that reads
 * CNTPCT_EL0 and stores the count (as U-Boot's get_ticks keeps it in gd->arch.tbl, through a
 * base register), then compares. Under the simulator that wait is fast-forwarded
 * (docs/guest-abi.md, "Waiting on the counter"); three waits of nearly the same shape are not:
 * one stores to flash (not RAM), one counts its passes in memory (a load), one stores after its
 * exit test. Each prints what it waited and what it left in memory; the output and the
 * instruction count are the same with --no-idle-skip.
 */
#include <sdk/sdk.h>

/* The waits, in assembly: x0 = ticks to wait, x1 = where the reader stores; returns the count
 * that ended the wait. */
uint64_t udelay_uboot(uint64_t ticks, volatile uint32_t *tbl);
uint64_t udelay_counting(uint64_t ticks, volatile uint32_t *passes);
uint64_t udelay_late_store(uint64_t ticks, volatile uint32_t *last);

__asm__(".text\n"
	/* U-Boot's shape: get_ticks() + ticks + 1, then bl get_ticks until it is reached. */
	".macro udelay_body reader\n"
	"	stp x29, x30, [sp, #-32]!\n"
	"	mov x29, sp\n"
	"	stp x19, x20, [sp, #16]\n"
	"	mov x20, x1\n"
	"	mov x19, x0\n"
	"	bl \\reader\n"
	"	add x19, x19, x0\n"
	"	add x19, x19, #1\n"
	"1:	bl \\reader\n"
	"	cmp x0, x19\n"
	"	b.lo 1b\n"
	"	ldp x19, x20, [sp, #16]\n"
	"	ldp x29, x30, [sp], #32\n"
	"	ret\n"
	".endm\n"
	".global udelay_uboot\n"
	"udelay_uboot:\n"
	"	udelay_body ticks_store\n"
	".global udelay_counting\n"
	"udelay_counting:\n"
	"	udelay_body ticks_count\n"
	/* As U-Boot's timer_read_counter and get_ticks: isb, mrs, str w0, [base], ret. */
	"ticks_store:\n"
	"	isb\n"
	"	mrs x0, cntpct_el0\n"
	"	str w0, [x20, #4]\n"
	"	ret\n"
	/* The same, counting its calls in memory: a load, so each pass depends on the last. */
	"ticks_count:\n"
	"	ldr w2, [x20]\n"
	"	add w2, w2, #1\n"
	"	str w2, [x20]\n"
	"	isb\n"
	"	mrs x0, cntpct_el0\n"
	"	ret\n"
	/* A store after the exit test: the last pass does not make it, the one before does. */
	".global udelay_late_store\n"
	"udelay_late_store:\n"
	"	mrs x2, cntpct_el0\n"
	"	add x2, x2, x0\n"
	"2:	isb\n"
	"	str x0, [x1]\n"
	"	mrs x0, cntpct_el0\n"
	"	cmp x0, x2\n"
	"	b.lo 2b\n"
	"	ret\n");

/* Flash on virt: writes are ignored, and a wait that stores there is not skipped. */
#define UDELAY_FLASH ((volatile uint32_t *)0x00100000)

int main(void)
{
	/* Aligned for the 64-bit store of the last wait. */
	static volatile uint32_t words[6] __attribute__((aligned(8)));
	uint64_t ms = sdk_read_cntfrq() / 1000, start, end;

	start = sdk_read_cntpct();
	end = udelay_uboot(ms, &words[0]);
	sdk_printf("uboot: waited %lu, stored %u (%s)\n", end - start, words[1],
		   words[1] == (uint32_t)end ? "the last count" : "not the last count");
	start = sdk_read_cntpct();
	end = udelay_uboot(ms, UDELAY_FLASH);
	sdk_printf("flash: waited %lu\n", end - start);
	start = sdk_read_cntpct();
	end = udelay_counting(ms, &words[2]);
	sdk_printf("counting: waited %lu in %u passes\n", end - start, words[2]);
	start = sdk_read_cntpct();
	end = udelay_late_store(ms, (volatile uint32_t *)&words[4]);
	sdk_printf("late store: waited %lu, stored %lu\n", end - start,
		   (unsigned long)words[4] | (unsigned long)words[5] << 32);
	return 0;
}
