/* SPDX-License-Identifier: BSD-3-Clause */
/* Semihosting calls; see sdk/semihost.h for the convention. */
#include <stdint.h>

#include <sdk/semihost.h>

uint64_t sdk_semihost_call(uint32_t op, uint64_t param)
{
	register uint64_t x0 __asm__("x0") = op;
	register uint64_t x1 __asm__("x1") = param;

	/* The host reads memory x1 points at: "memory" makes prior stores visible. */
	__asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
	return x0;
}

void sdk_semihost_writec(char c)
{
	volatile char ch = c;

	sdk_semihost_call(SDK_SEMIHOST_SYS_WRITEC, (uint64_t)(uintptr_t)&ch);
}

void sdk_semihost_write0(const char *s)
{
	sdk_semihost_call(SDK_SEMIHOST_SYS_WRITE0, (uint64_t)(uintptr_t)s);
}

static __attribute__((noreturn)) void semihost_exit_op(uint32_t op, int status)
{
	/* IHI 0074, SYS_EXIT: on AArch64 x1 points at {reason, subcode}, two 64-bit fields. */
	volatile uint64_t block[2];

	block[0] = SDK_SEMIHOST_ADP_STOPPED_APPLICATION_EXIT;
	block[1] = (uint64_t)(int64_t)status;
	sdk_semihost_call(op, (uint64_t)(uintptr_t)block);
	for (;;)
		__asm__ volatile("wfi");
}

void sdk_semihost_exit(int status)
{
	semihost_exit_op(SDK_SEMIHOST_SYS_EXIT_EXTENDED, status);
}

void sdk_semihost_exit_basic(int status)
{
	semihost_exit_op(SDK_SEMIHOST_SYS_EXIT, status);
}
