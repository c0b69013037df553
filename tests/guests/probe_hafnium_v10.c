/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Probe: the normal world negotiates FF-A v1.0 with Hafnium, then checks the version rules
 * after the lock and the discovery answers at v1.0 (probe_hafnium_common.c).
 */
#include "probe_hafnium_common.h"

int main(void)
{
	return probe_negotiated(0x10000);
}
