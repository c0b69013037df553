/* SPDX-License-Identifier: BSD-3-Clause */
/* PSCI SYSTEM_OFF ends the run; status 99 if the call returned. */
#include <sdk/sdk.h>

int main(void)
{
	sdk_printf("powering off\n");
	sdk_psci_system_off();
	return 99;
}
