/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Semihosting SYS_WRITE with a wild 64-bit length: the host writes a bounded block (64 KiB) of
 * the buffer and answers the rest as not written, at once; then an ordinary write.
 */
#include <sdk/sdk.h>

#define WRITE_BOUND 0x10000u

/* More readable bytes than one call writes, so that only the host's bound stops it. */
static char fill[WRITE_BOUND + 4096];

int main(void)
{
	uint64_t block[3];
	uint64_t left;

	for (unsigned i = 0; i < sizeof(fill); i++)
		fill[i] = 'x';
	block[0] = 1; /* stdout */
	block[1] = (uint64_t)(uintptr_t)fill;
	block[2] = UINT64_MAX;
	left = sdk_semihost_call(0x05, (uint64_t)(uintptr_t)block);
	sdk_printf("\nnot written: 0x%llx\n", (unsigned long long)left);
	block[1] = (uint64_t)(uintptr_t) "short\n";
	block[2] = 6;
	left = sdk_semihost_call(0x05, (uint64_t)(uintptr_t)block);
	sdk_printf("then: %llu\n", (unsigned long long)left);
	return left == 0 ? 0 : 1;
}
