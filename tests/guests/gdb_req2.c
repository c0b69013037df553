/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The guest the gdb session drives (tests/gdb/session.gdb): negotiates FF-A v1.2, sends one
 * FFA_MSG_SEND_DIRECT_REQ2 to the echo2 partition binary (0x8002) from gdb_req2_smc, the call
 * site gdb breaks at, and stores the echoed word in gdb_counter, the variable it watches.
 */
#include <sdk/ffa.h>
#include <sdk/sdk.h>

/* tests/guests/gdb_req2_asm.S: x0 = source << 16 | destination, x4 = payload word; returns
 * the answer's x4. */
uint64_t gdb_req2_call(uint64_t ids, uint64_t word);

volatile uint64_t gdb_counter;

int main(void)
{
	sdk_ffa_version(SDK_FFA_VERSION_1_2);
	gdb_counter = 1;
	gdb_counter = gdb_req2_call(0x8002, 0x1234) + gdb_counter;
	sdk_printf("gdb guest: counter 0x%llx\n", (unsigned long long)gdb_counter);
	return 0;
}
