/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Touches one page whose access the test sets (tests/test_mem_enforce.c), as x0 at entry says:
 * the access (MEM_OP_READ, MEM_OP_WRITE or MEM_OP_FETCH of a function the test put there),
 * optionally after a read that must work (MEM_OP_READ_FIRST) followed by an SMC during which
 * the test changes the page's access, with the MMU on (MEM_OP_MMU: identity map) and through
 * the TTBR1 alias of RAM (MEM_OP_HIGH). Prints each value it gets; exits 0 when the access
 * completes.
 */
#include <sdk/sdk.h>

#include "mem_access.h"
#include "mmu_setup.h"

typedef uint64_t (*mem_fn)(void);

int main(uint64_t op)
{
	uint64_t addr = MEM_PAGE, value = 0;

	if (op & (MEM_OP_MMU | MEM_OP_HIGH)) {
		if (!mmu_setup((op & MEM_OP_HIGH) != 0))
			return 1;
		if (op & MEM_OP_HIGH)
			addr = MMU_HIGH_BASE + (MEM_PAGE - MMU_RAM_BASE);
	}
	if (op & MEM_OP_READ_FIRST) {
		__asm__ volatile("ldr %0, [%1]" : "=r"(value) : "r"(addr) : "memory");
		sdk_printf("first read %lx\n", value);
		/* The test changes the page's access while it handles this call. */
		__asm__ volatile("mov x0, %0\n\tsmc #0"
				 :
				 : "r"((uint64_t)MEM_CALL_CHANGE)
				 : "x0", "x1", "x2", "x3", "memory");
	}
	switch (op & MEM_OP_MASK) {
	case MEM_OP_READ:
		__asm__ volatile("ldr %0, [%1]" : "=r"(value) : "r"(addr) : "memory");
		sdk_printf("read %lx\n", value);
		break;
	case MEM_OP_WRITE:
		__asm__ volatile("str %0, [%1]"
				 :
				 : "r"((uint64_t)MEM_WRITTEN), "r"(addr)
				 : "memory");
		sdk_printf("wrote\n");
		break;
	case MEM_OP_FETCH:
		value = ((mem_fn)addr)();
		sdk_printf("called %lx\n", value);
		break;
	default:
		return 2;
	}
	return 0;
}
