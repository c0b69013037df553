/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Normal-world client for secure interrupts and call chains: the watchdog's owner,
 * tests/guests/sp_wdloop.c (0x8006), the relay tests/guests/sp_relay.c (0x8004) and the looping
 * partition tests/guests/sp_vloop.c (0x8005). Prints one line per case:
 *   chain: the owner calls the relay, which calls the looping partition, with the watchdog
 *          armed: each interrupt preempts the looping partition and the owner's request
 *          returns FFA_INTERRUPT, the relay left blocked; the owner takes the interrupt and
 *          resumes the chain with FFA_RUN of the relay
 *   other: the owner waits with the watchdog armed while the looping partition computes:
 *          by the looping partition's other-s-interrupts-action, the owner handles them
 *          meanwhile (signaled) or once the computation is over (queued)
 */
#include <sdk/sdk.h>
#include <sdk/ffa.h>
#include <sdk/sysreg.h>

#include "secirq_common.h"

#define RELAY 0x8004
#define OTHER 0x8005

int main(void)
{
	struct sdk_smccc_regs r;

	sdk_ffa_version(0x10002);
	r = request(OWNER, CMD_CALL, ROUNDS, LOAD, RELAY);
	sdk_printf("chain: %lx rounds=%lu hash=%lx handled=%lu interrupts=%lu first=%lx "
		   "relay=%lu t=%lu\n",
		   r.x[0], r.x[3] & 0xffffffffu, r.x[4], r.x[5], r.x[6], r.x[7], r.x[3] >> 32,
		   sdk_read_cntpct());
	request(OWNER, CMD_COMPUTE, 0, LOAD, 1);
	r = request(OTHER, ROUNDS, 0, 0, 0);
	sdk_printf("other: %lx rounds=%lu hash=%lx t=%lu\n", r.x[0], r.x[3], r.x[4],
		   sdk_read_cntpct());
	r = request(OWNER, CMD_COMPUTE, 0, 0, 0);
	sdk_printf("other: owner handled=%lu first=%lu last=%lu\n", r.x[5], r.x[6], r.x[7]);
	sdk_printf("secirq_chain done\n");
	return 0;
}
