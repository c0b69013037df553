/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Probe: the normal world negotiates FF-A v1.3 with Hafnium, then checks the version rules
 * after the lock and the discovery answers at v1.3 (probe_hafnium_common.c).
 */
#include "probe_hafnium_common.h"

int main(void)
{
	probe_version(0x10004);    /* 1.4: above Hafnium's */
	probe_version(0x80010003); /* bit 31 set */
	probe_version(0x20000);    /* 2.0 */
	probe_version(0x10003);
	probe_call("ID_GET(lock)", FFA_ID_GET, 0, 0, 0, 0, 0);
	probe_version(0x10002); /* lower after the lock */
	probe_version(0x10000);
	probe_version(0x10003); /* the negotiated one again */
	probe_discovery();
	probe_off();
	return 0;
}
