/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Probe: a request Hafnium refuses (1.4) still ends the negotiation; then the v1.3 forms of
 * FFA_ERROR, FFA_MSG_WAIT and FFA_RUN, which Hafnium does not implement.
 */
#include "probe_hafnium_common.h"

int main(void)
{
	probe_version(0x10004);
	probe_version(0x10002);
	probe_version(0x10003);
	probe_call("SPM_ID_GET", FFA_SPM_ID_GET, 0, 0, 0, 0, 0);
	probe_call("INTERRUPT_32", FFA_INTERRUPT_32, 0, 0, 0, 0, 0);
	probe_call("ERROR_64", FFA_ERROR_64, 0, 0, 0, 0, 0);
	probe_call("MSG_WAIT_64", FFA_MSG_WAIT_64, 0, 0, 0, 0, 0);
	probe_call("RUN_64", FFA_RUN_64, 0x80010000, 0, 0, 0, 0);
	probe_off();
	return 0;
}
