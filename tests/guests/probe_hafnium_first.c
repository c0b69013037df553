/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Probe: does a refused FFA_VERSION end Hafnium's negotiation? Bit 31 set (refused by TF-A's
 * SPMD, never reaching Hafnium), then 1.2, 1.1, 1.2 with no other call between.
 */
#include "probe_hafnium_common.h"

int main(void)
{
	probe_version(0x80000000);
	probe_version(0x10002);
	probe_version(0x10001);
	probe_version(0x10002);
	probe_off();
	return 0;
}
