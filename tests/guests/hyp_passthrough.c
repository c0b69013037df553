/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Calls a hypervisor proxy must pass through, or answer for FF-A it does not have: SMCCC and
 * PSCI calls, an unknown SiP call, FFA_VERSION and FFA_ID_GET (raw x0 and x2, to show how an
 * error is encoded), then PSCI SYSTEM_OFF, which ends the run (exit status 0). Without FF-A
 * firmware this is regression 2's host: with a proxy that failed to come up the firmware
 * answers; with one that switched FF-A off, the proxy does.
 */
#include <sdk/ffa.h>
#include <sdk/sdk.h>

#define SIP_UNKNOWN_FID 0x82000077u

int main(void)
{
	struct sdk_smccc_res s;
	struct sdk_smccc_regs r;

	s = sdk_smc11(SMCCC_VERSION, 0, 0, 0, 0, 0, 0, 0);
	sdk_printf("smccc_version x0=0x%lx\n", s.x0);
	s = sdk_smc11(PSCI_VERSION, 0, 0, 0, 0, 0, 0, 0);
	sdk_printf("psci_version x0=0x%lx\n", s.x0);
	s = sdk_smc11(PSCI_FEATURES, PSCI_SYSTEM_OFF, 0, 0, 0, 0, 0, 0);
	sdk_printf("psci_features x0=0x%lx\n", s.x0);
	s = sdk_smc11(SIP_UNKNOWN_FID, 0, 0, 0, 0, 0, 0, 0);
	sdk_printf("sip_unknown x0=0x%lx\n", s.x0);
	r = sdk_ffa_version(SDK_FFA_VERSION_1_2);
	sdk_printf("ffa_version x0=0x%lx\n", r.x[0]);
	r = sdk_ffa_id_get();
	sdk_printf("ffa_id_get x0=0x%lx x2=0x%lx\n", r.x[0], r.x[2]);
	sdk_printf("system_off\n");
	sdk_psci_system_off();
	sdk_printf("system_off returned\n");
	return 1;
}
