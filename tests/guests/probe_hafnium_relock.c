/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Probe: renegotiation before the lock. FFA_VERSION(1.3) then (1.1) before any other call:
 * which version does Hafnium keep? PARTITION_INFO_GET_REGS (v1.2+) tells; then the rules after
 * the lock.
 */
#include "probe_hafnium_common.h"

int main(void)
{
	probe_version(0x10003);
	probe_version(0x10001);
	probe_call("PARTITION_INFO_GET_REGS(all)", FFA_PARTITION_INFO_GET_REGS_64, 0, 0, 0, 0, 0);
	probe_version(0x10003);
	probe_version(0x10001);
	probe_version(0x10002);
	probe_call("FEATURES(RXTX_MAP_64)", FFA_FEATURES, FFA_RXTX_MAP_64, 0, 0, 0, 0);
	probe_off();
	return 0;
}
