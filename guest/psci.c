/* SPDX-License-Identifier: BSD-3-Clause */
/* PSCI calls by SMC (PSCI (DEN0022) §5.1.1, §5.1.9, §5.1.10). */
#include <stdint.h>

#include <sdk/psci.h>
#include <sdk/smccc.h>

uint32_t sdk_psci_version(void)
{
	return (uint32_t)sdk_smc11(PSCI_VERSION, 0, 0, 0, 0, 0, 0, 0).x0;
}

int32_t sdk_psci_system_off(void)
{
	return (int32_t)sdk_smc11(PSCI_SYSTEM_OFF, 0, 0, 0, 0, 0, 0, 0).x0;
}

int32_t sdk_psci_system_reset(void)
{
	return (int32_t)sdk_smc11(PSCI_SYSTEM_RESET, 0, 0, 0, 0, 0, 0, 0).x0;
}
