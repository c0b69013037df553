/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The SDK's printf and snprintf, conversion by conversion: each case is printed, and written
 * into a buffer with the length snprintf returns. The test compares the console with what
 * C's printf prints for the same formats (tests/test_guests.c, guests.printf_formats).
 */
#include <sdk/sdk.h>

#include <stdint.h>

/* Prints a case and then the same through snprintf, with its returned length. */
#define CASE(...)                                                                                  \
	do {                                                                                       \
		char buf[64];                                                                      \
		int n = sdk_snprintf(buf, sizeof(buf), __VA_ARGS__);                               \
		sdk_printf(__VA_ARGS__);                                                           \
		sdk_printf("|%d|%s|\n", n, buf);                                                   \
	} while (0)

int main(void)
{
	char small[5];
	int n;

	CASE("[%d] [%i] [%d] [%d]", 0, 42, -42, (int)0x80000000);
	CASE("[%u] [%u] [%lu]", 0u, 4294967295u, (unsigned long)UINT64_MAX);
	CASE("[%ld] [%lld]", (long)INT64_MIN, (long long)INT64_MAX);
	CASE("[%x] [%X] [%lx] [%llX]", 0u, 0xabcdefu, 0x0123456789abcdeful, 0xfedcba9876543210ull);
	CASE("[%016llx] [%08x] [%02x] [%2x]", 0x1234ull, 0xbeefu, 0x5u, 0xabcu);
	CASE("[%5d] [%-5d] [%05d] [%-4d]", 42, 42, -42, -42);
	CASE("[%*d] [%-*d] [%*d]", 6, 7, 6, 7, -6, 7);
	CASE("[%s] [%8s] [%-8s] [%2s]", "abc", "abc", "abc", "abcdef");
	CASE("[%c%c] [%3c] [%-3c]", 'o', 'k', 'x', 'y');
	CASE("[%p] [%p]", (void *)0, (void *)0x40200000);
	CASE("[%zu] [%hu] [%hhx]", (size_t)123456789, (unsigned short)65535, (unsigned char)0xff);
	CASE("[%%] [100%%] [%%%d%%]", 7);
	CASE("[%lu] [%lu] [%lu]", 9ul, 10ul, 10000000000000000000ul);
	/* Truncated: the length is the whole output's, the buffer holds what fits. */
	n = sdk_snprintf(small, sizeof(small), "%s-%d", "abcdef", 12345);
	sdk_printf("truncated: %d [%s]\n", n, small);
	n = sdk_snprintf(small, 0, "%d", 12345);
	sdk_printf("size 0: %d\n", n);
	return 0;
}
