/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Normal-world client of the watchdog's owner (partitions/sp/sp_wdog.c, 0x8007): arms the secure
 * watchdog through it, computes while the watchdog fires (each interrupt goes to EL3 and the
 * SPMC, never to this guest's vectors), waits on the counter while it fires again, and asks the
 * owner what it handled. Prints one line per step; the hash and the time it is done at are the
 * same however often the watchdog fired. It arms WdogLoad 3 with INTEN alone (the owner clears
 * each interrupt as it comes, which reloads the counter: three 32768 Hz ticks apart), then
 * INTEN and RESEN with the owner told not to clear it: the watchdog bites at its second zero
 * and the run ends as a system reset does.
 */
#include <sdk/sdk.h>
#include <sdk/ffa.h>
#include <sdk/sysreg.h>

#define WDOG_SP 0x8007
#define CMD_ARM 1u
#define CMD_REPORT 2u
#define CMD_STOP 3u
#define INTEN 1u
#define RESEN 2u
/* Rounds of the computation: about 600000 instructions. */
#define ROUNDS 100000u

static struct sdk_smccc_regs request(uint64_t cmd, uint64_t a, uint64_t b, uint64_t c)
{
	return sdk_ffa_direct_req_64(0, WDOG_SP, (const uint64_t[]){cmd, a, b, c, 0});
}

static void report(const char *when)
{
	struct sdk_smccc_regs r = request(CMD_REPORT, 0, 0, 0);

	sdk_printf("%s: handled=%lu interrupts=%lu intid=%lu mis=%lu w2=%lu\n", when, r.x[3],
		   r.x[4], r.x[5], r.x[6], r.x[7]);
}

int main(void)
{
	struct sdk_smccc_regs r;
	uint64_t h = 0, until;

	sdk_ffa_version(0x10002);
	r = request(CMD_ARM, 3, INTEN, 1);
	sdk_printf("arm -> %lx value=%lu lock=%lu periphid=%lx pcellid=%lx\n", r.x[0], r.x[3],
		   r.x[4], r.x[5], r.x[6]);
	for (uint64_t i = 0; i < ROUNDS; i++) {
		h = h * 31u + i;
		__asm__ volatile("" : "+r"(h));
	}
	sdk_printf("hash=%lx t=%lu\n", h, sdk_read_cntpct());
	report("computed");
	/* 0.5 ms on the counter (62.5 MHz): the owner waits, the watchdog fires on. */
	until = sdk_read_cntpct() + 31250;
	while (sdk_read_cntpct() < until)
		;
	report("waited");
	r = request(CMD_STOP, 0, 0, 0);
	sdk_printf("stop -> handled=%lu\n", r.x[3]);
	/* Armed again with RESEN and never cleared: the second zero resets the system. */
	request(CMD_ARM, 3, INTEN | RESEN, 0);
	for (;;)
		__asm__ volatile("" ::: "memory");
	return 0;
}
