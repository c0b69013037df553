/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Normal-world client for secure interrupts that fire while a partition runs: the watchdog's
 * owner, tests/guests/sp_wdloop.c (0x8006), and, when the run has it, the looping partition
 * tests/guests/sp_vloop.c (0x8005). Prints one line per case:
 *   own:  the owner computes with the watchdog armed: its interrupts reach it in its vectors
 *   wait: the owner waits with the watchdog armed while the other computes: the owner runs
 *         with FFA_INTERRUPT each time and the other goes on
 *   call: the owner calls the other while the watchdog is armed: the other is preempted, the
 *         owner's request returns FFA_INTERRUPT, and the owner resumes it with FFA_RUN
 */
#include <sdk/sdk.h>
#include <sdk/ffa.h>
#include <sdk/sysreg.h>

#include "secirq_common.h"

#define OTHER 0x8005

int main(void)
{
	struct sdk_smccc_regs r;

	sdk_ffa_version(0x10002);
	r = request(OWNER, CMD_COMPUTE, ROUNDS, LOAD, 0);
	sdk_printf("own: %lx rounds=%lu hash=%lx handled=%lu first=%lu last=%lu\n", r.x[0], r.x[3],
		   r.x[4], r.x[5], r.x[6], r.x[7]);
	r = request(OTHER, 0, 0, 0, 0);
	if ((uint32_t)r.x[0] != FFA_MSG_SEND_DIRECT_RESP_64) {
		sdk_printf("secirq_client done\n");
		return 0;
	}
	request(OWNER, CMD_COMPUTE, 0, LOAD, 1);
	r = request(OTHER, ROUNDS, 0, 0, 0);
	sdk_printf("wait: other %lx rounds=%lu hash=%lx vectors=%lx t=%lu\n", r.x[0], r.x[3],
		   r.x[4], r.x[7], sdk_read_cntpct());
	r = request(OWNER, CMD_COMPUTE, 0, 0, 0);
	sdk_printf("wait: owner handled=%lu first=%lu last=%lu\n", r.x[5], r.x[6], r.x[7]);
	r = request(OWNER, CMD_CALL, ROUNDS, LOAD, OTHER);
	sdk_printf("call: %lx rounds=%lu hash=%lx handled=%lu interrupts=%lu first=%lx t=%lu\n",
		   r.x[0], r.x[3], r.x[4], r.x[5], r.x[6], r.x[7], sdk_read_cntpct());
	sdk_printf("secirq_client done\n");
	return 0;
}
