/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Normal-world client for a secure interrupt routed to CPU 1 (the watchdog's owner,
 * tests/guests/sp_wdloop.c at 0x8006, with interrupts-target naming CPU 1). CPU 0 powers CPU 1
 * on and waits for it; CPU 1 prints one line per case:
 *   own:  CPU 1 asks the owner to compute with the watchdog armed: its interrupts stop the owner
 *         on CPU 1, which takes them in its vectors
 *   ns:   CPU 1 computes itself with the watchdog armed and running: each interrupt goes to
 *         EL3 on CPU 1 and the owner, waiting, runs there with FFA_INTERRUPT
 * Then CPU 0 prints the counter it reached and powers the system off.
 */
#include "smp_common.h"

#include <sdk/ffa.h>
#include <sdk/sysreg.h>

#include "secirq_common.h"

static volatile uint32_t done;
static struct sdk_cpu_start start;

static void secondary(void *arg)
{
	struct sdk_smccc_regs r;
	uint64_t h;

	(void)arg;
	r = request(OWNER, CMD_COMPUTE, ROUNDS, LOAD, 0);
	sdk_printf("own: %lx hash=%lx handled=%lu first=%lu last=%lu t=%lu\n", r.x[0], r.x[4],
		   r.x[5], r.x[6], r.x[7], sdk_read_cntpct());
	request(OWNER, CMD_COMPUTE, 0, LOAD, 1);
	h = hash(ROUNDS);
	r = request(OWNER, CMD_COMPUTE, 0, 0, 0);
	sdk_printf("ns: hash=%lx handled=%lu first=%lu last=%lu t=%lu\n", h, r.x[5], r.x[6], r.x[7],
		   sdk_read_cntpct());
	smp_set_flag(&done);
}

int main(uint64_t dtb)
{
	struct smp_cpus cpus;

	smp_read_cpus((const void *)dtb, &cpus);
	sdk_ffa_version(0x10002);
	if (cpus.count < 2) {
		sdk_printf("secirq_cpu1 needs two CPUs\n");
		return 1;
	}
	start = (struct sdk_cpu_start){.fn = secondary, .arg = 0};
	sdk_printf("cpu_on: %d\n", sdk_cpu_start(cpus.mpidr[1], &start));
	smp_wait_flag(&done);
	sdk_printf("secirq_cpu1 done t=%lu\n", sdk_read_cntpct());
	return 0;
}
