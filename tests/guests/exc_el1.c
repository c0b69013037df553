/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Synchronous exceptions taken at EL1 to the guest's own vectors: SVC, BRK, an undefined
 * instruction, data aborts (translation fault at level 0 and level 3, permission fault on a
 * store to a read-only page, access flag fault) and an instruction abort. (An unaligned access
 * with SCTLR_EL1.A set is not checked by unicorn 2.0.1: docs/guest-abi.md.) For each the handler
 * prints ESR_EL1, FAR_EL1 (where the architecture sets it), ELR_EL1 relative to the instruction and
 * SPSR_EL1, then returns past it. The same image prints the same lines on QEMU (virt, cortex-a72).
 */
#include <sdk/irq.h>
#include <sdk/mmu.h>
#include <sdk/sdk.h>
#include <sdk/sysreg.h>

#include "exc_report.h"
#include "mmu_setup.h"
#include "mmu_tables.h"

#define VA_UNMAPPED 0x0000008000000000ul /* level 0 entry 1: invalid */
#define VA_PAGES 0x0000010000000000ul    /* level 0 entry 2: the test's own pages */
#define VA_HOLE (VA_PAGES + 0x1000)      /* an invalid level 3 entry */
#define VA_RO (VA_PAGES + 0x2000)
#define VA_NOAF (VA_PAGES + 0x3000)
#define PA_DATA (MMU_RAM_BASE + (90ul << 20))
#define DESC_PAGE 3ull
#define DESC_AF (1ull << 10)
#define DESC_RO (2ull << 6) /* AP[2:1] = 0b10 */

static uint64_t space[MMU_TABLES_MAX][512] __attribute__((aligned(4096)));
static volatile uint64_t at;     /* the instruction expected to raise the exception */
static volatile unsigned taken;  /* exceptions taken */
static volatile uint64_t resume; /* where an instruction abort returns to */

static void on_sync(enum sdk_exception_kind kind, unsigned group, struct sdk_exception_frame *f,
		    void *ctx)
{
	uint64_t ec;

	(void)kind;
	(void)ctx;
	taken++;
	ec = exc_report(group, f->elr, at, false, f->spsr);
	if (ec == 0x20 || ec == 0x21)
		f->elr = resume; /* nothing to step over at an unmapped address */
	else if (ec != 0x15)
		f->elr += 4; /* SVC returns past itself already */
}

#define RAISE(label, insn, ...)                                                                    \
	do {                                                                                       \
		uint64_t where;                                                                    \
		__asm__ volatile("adr %0, 1f\n\tstr %0, [%1]\n1:\t" insn                           \
				 : "=&r"(where)                                                    \
				 : "r"(&at), ##__VA_ARGS__                                         \
				 : "memory");                                                      \
		(void)where;                                                                       \
	} while (0)

static void fetch_from(uint64_t va)
{
	uint64_t back;

	__asm__ volatile("adr %0, 1f\n\tstr %0, [%1]\n\tstr %2, [%3]\n\tblr %2\n1:"
			 : "=&r"(back)
			 : "r"(&resume), "r"(va), "r"(&at)
			 : "x30", "memory");
}

int main(void)
{
	struct mmu_tables t;
	uint64_t v = 0;

	sdk_vectors_install();
	sdk_irq_set_handler(SDK_EXCEPTION_SYNC, on_sync, NULL);
	if (!mmu_setup(false))
		return 1;
	mmu_tables_init(&t, space);
	if (mmu_tables_map_page(&t, VA_PAGES, PA_DATA) != 0 ||
	    mmu_tables_set_page(&t, VA_RO,
				(PA_DATA + 0x1000) | SDK_MMU_NORMAL | DESC_RO | DESC_PAGE) != 0 ||
	    mmu_tables_set_page(&t, VA_NOAF,
				((PA_DATA + 0x2000) | SDK_MMU_NORMAL | DESC_PAGE) & ~DESC_AF) != 0)
		return 2;
	mmu_switch_ttbr0(mmu_tables_root(&t));

	sdk_printf("svc #0x12:\n");
	RAISE(svc, "svc #0x12");
	sdk_printf("brk #0x34:\n");
	RAISE(brk, "brk #0x34");
	sdk_printf("udf #7:\n");
	RAISE(udf, "udf #7");
	sdk_printf("load, level 0 translation fault:\n");
	RAISE(ld0, "ldr %0, [%2]", "r"(VA_UNMAPPED + 0x18));
	sdk_printf("load, level 3 translation fault:\n");
	RAISE(ld3, "ldr %0, [%2]", "r"(VA_HOLE + 0x20));
	sdk_printf("store to a read-only page:\n");
	RAISE(st, "str xzr, [%2]", "r"(VA_RO + 0x8));
	sdk_printf("load from a page without the access flag:\n");
	RAISE(af, "ldr %0, [%2]", "r"(VA_NOAF));
	sdk_printf("read-only page still readable: %lx\n", *(volatile uint64_t *)VA_RO);
	sdk_printf("instruction abort, level 0:\n");
	fetch_from(VA_UNMAPPED + 0x40);
	sdk_printf("%u exceptions taken; value %lx\n", taken, v);
	return 0;
}
