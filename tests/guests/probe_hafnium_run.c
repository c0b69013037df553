/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Probe: FFA_RUN's refusals from the normal world on CPU 0 against Hafnium's OP-TEE partition
 * (0x8001, several execution contexts, waiting): an unknown partition, a vCPU other than the
 * calling CPU's, a vCPU past the partition's. Left out, as the real firmware never answers
 * them (docs/ffa-support.md, "Interrupts and preemption"): FFA_RUN naming the normal world's
 * own ID 0 (Hafnium v2.15 hangs) and cycles for the waiting OP-TEE (it panics on FFA_RUN).
 */
#include "probe_hafnium_common.h"

int main(void)
{
	probe_version(0x10002);
	probe_call("RUN(8009:0)", FFA_RUN_32, 0x80090000, 0, 0, 0, 0);
	probe_call("RUN(8001:1)", FFA_RUN_32, 0x80010001, 0, 0, 0, 0);
	probe_call("RUN(8001:9)", FFA_RUN_32, 0x80010009, 0, 0, 0, 0);
	probe_off();
	return 0;
}
