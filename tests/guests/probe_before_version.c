/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Calls before FFA_VERSION (probe.h). Built twice: PROBE_FIRST_FEATURES makes FFA_FEATURES
 * the first call, else FFA_ID_GET and FFA_SPM_ID_GET come first. FF-A v1.2 (DEN0077A)
 * §13.2.1 wants FFA_VERSION first; TF-A's SPMD answers the two ID calls itself and refuses
 * anything else, which ends the negotiation for good.
 */
#include "probe.h"

int main(void)
{
#ifdef PROBE_FIRST_FEATURES
	probe_call("features_first", FFA_FEATURES, FFA_VERSION, 0, 0, 0, 0, 0, 0);
#endif
	probe_call("id_get_first", FFA_ID_GET, 0, 0, 0, 0, 0, 0, 0);
	probe_call("spm_id_get_first", FFA_SPM_ID_GET, 0, 0, 0, 0, 0, 0, 0);
	probe_call("version", FFA_VERSION, 0x10002u, 0, 0, 0, 0, 0, 0);
	probe_call("id_get", FFA_ID_GET, 0, 0, 0, 0, 0, 0, 0);
	probe_call("features_version", FFA_FEATURES, FFA_VERSION, 0, 0, 0, 0, 0, 0);
	probe_call("version_again", FFA_VERSION, 0x10002u, 0, 0, 0, 0, 0, 0);
	return probe_end();
}
