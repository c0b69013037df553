/* SPDX-License-Identifier: BSD-3-Clause */
/* The basic SYS_EXIT (not _EXTENDED) with ADP_Stopped_ApplicationExit: exit status 0. */
#include <sdk/sdk.h>

int main(void)
{
	sdk_printf("basic exit\n");
	sdk_semihost_exit_basic(0);
}
