/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Probe: the normal world negotiates FF-A v1.2 with Hafnium, then checks the version rules
 * after the lock and the discovery answers at v1.2 (probe_hafnium_common.c).
 */
#include "probe_hafnium_common.h"

int main(void)
{
	probe_version(0x10002);
	probe_call("ID_GET(lock)", SDK_FFA_ID_GET, 0, 0, 0, 0, 0);
	probe_version(0x10003); /* higher after the lock */
	probe_version(0x10002); /* the negotiated one again */
	probe_discovery();
	probe_off();
	return 0;
}
