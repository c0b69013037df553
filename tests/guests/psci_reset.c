/* SPDX-License-Identifier: BSD-3-Clause */
/* PSCI SYSTEM_RESET ends the run; status 99 if the call returned. */
#include <sdk/sdk.h>

int main(void)
{
	sdk_printf("resetting\n");
	sdk_psci_system_reset();
	return 99;
}
