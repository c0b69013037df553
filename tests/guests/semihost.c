/* SPDX-License-Identifier: BSD-3-Clause */
/* Semihosting console output and SYS_EXIT_EXTENDED with status 7. */
#include <sdk/sdk.h>

int main(void)
{
	sdk_semihost_writec('A');
	sdk_semihost_writec('\n');
	sdk_semihost_write0("semihost write0\n");
	sdk_semihost_exit(7);
}
