/* SPDX-License-Identifier: BSD-3-Clause */
/* Exit status plumbing: main's return value becomes the semihosting exit status. */
#include <sdk/sdk.h>

int main(void)
{
	sdk_printf("exiting with 42\n");
	return 42;
}
