/* SPDX-License-Identifier: BSD-3-Clause */
/* Start-up benchmark guest: powers off at once (PSCI SYSTEM_OFF), so that a run of it is the
 * simulator's own start and exit. Status 99 if the call returned. */
#include <sdk/sdk.h>

int main(void)
{
	sdk_psci_system_off();
	return 99;
}
