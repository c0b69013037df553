/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The guest `ffa-sim` runs when given nothing else: a short tour of what the simulated
 * machine answers, then PSCI SYSTEM_OFF.
 */
#include <sdk/sdk.h>

#define FFA_VERSION 0x84000063u
#define FFA_VERSION_1_2 0x10002u /* major 1 in bits [30:16], minor 2 in [15:0] */
#define FFA_NOT_SUPPORTED 0xffffffffu

int main(void)
{
	struct sdk_smccc_res r;
	uint32_t w0;

	sdk_printf("ffa-sim demo guest\n");
	sdk_printf("running at EL%u\n", sdk_current_el());

	r = sdk_smc11(SDK_SMCCC_VERSION, 0, 0, 0, 0, 0, 0, 0);
	if ((int32_t)r.x0 < 0)
		sdk_printf("SMCCC_VERSION: not supported\n");
	else
		sdk_printf("SMCCC_VERSION: %u.%u\n", sdk_smccc_version_major(r.x0),
			   sdk_smccc_version_minor(r.x0));

	w0 = sdk_psci_version();
	if ((int32_t)w0 < 0)
		sdk_printf("PSCI_VERSION: not supported\n");
	else
		sdk_printf("PSCI_VERSION: %u.%u\n", w0 >> 16, w0 & 0xffffu);

	/*
	 * Only w0 holds the answer (FF-A v1.2 (DEN0077A), FFA_VERSION): compare the 32-bit
	 * value, never the whole x0.
	 */
	r = sdk_smc11(FFA_VERSION, FFA_VERSION_1_2, 0, 0, 0, 0, 0, 0);
	w0 = (uint32_t)r.x0;
	if (w0 == FFA_NOT_SUPPORTED)
		sdk_printf("FF-A not available (NOT_SUPPORTED)\n");
	else
		sdk_printf("FFA_VERSION: %u.%u\n", sdk_smccc_version_major(w0),
			   sdk_smccc_version_minor(w0));

	sdk_printf("powering off\n");
	sdk_psci_system_off();
	sdk_printf("SYSTEM_OFF returned\n");
	return 1;
}
