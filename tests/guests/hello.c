/* SPDX-License-Identifier: BSD-3-Clause */
/* The smallest guest: one line on the UART, exit status 0. */
#include <sdk/sdk.h>

int main(void)
{
	sdk_printf("hello from guest\n");
	return 0;
}
