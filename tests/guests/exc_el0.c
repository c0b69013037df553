/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Exceptions from EL0 taken to EL1's vectors (lower EL, AArch64: VBAR_EL1 + 0x400 for
 * synchronous ones, + 0x480 for IRQ; Arm ARM D1.10.2), as an operating system's user space
 * raises them: SVC, BRK, an undefined instruction, data aborts (translation fault at level 0 and
 * level 3, a store to an EL0 read-only page, a load from an EL1-only page, the access flag),
 * instruction aborts (EL0 execute-never, translation fault), a PC alignment fault, and the
 * timer's IRQ while EL0 waits with interrupts unmasked. The EL0 program (exc_el0_asm.S) runs
 * in its own page of hand-built tables with its stack in another. For each exception the
 * handler prints the vector group, ESR_EL1, ELR_EL1 relative to the program, SPSR_EL1 and (for
 * aborts and PC alignment) FAR_EL1, then returns past the instruction. The same image prints
 * the same lines on QEMU (virt, cortex-a72).
 */
#include <sdk/irq.h>
#include <sdk/mmu.h>
#include <sdk/sdk.h>
#include <sdk/sysreg.h>

#include "exc_el0.h"
#include "exc_report.h"
#include "irq_common.h"
#include "mmu_setup.h"
#include "mmu_tables.h"

#define PA_DATA (MMU_RAM_BASE + (90ul << 20))
#define DESC_PAGE 3ull
#define DESC_AF (1ull << 10)
#define DESC_EL0 (1ull << 6) /* AP[1] */
#define DESC_RO (1ull << 7)  /* AP[2] */
#define EXC_PRIO 0xa0

void exc_el0_enter(uint64_t entry, uint64_t sp_el0);
extern char exc_el0_return[], exc_el0_user[], exc_el0_user_wait[], exc_el0_user_waited[];

static uint64_t space[MMU_TABLES_MAX][512] __attribute__((aligned(4096)));
static struct sdk_gic gic;
static volatile unsigned taken;

/* The EL0 address of a symbol of the EL0 program. */
static uint64_t user_va(const char *sym)
{
	return EXC_EL0_CODE + (uint64_t)(sym - exc_el0_user);
}

static void on_sync(enum sdk_exception_kind kind, unsigned group, struct sdk_exception_frame *f,
		    void *ctx)
{
	uint64_t esr = sdk_read_sysreg(ESR_EL1);
	uint64_t ec;

	(void)kind;
	(void)ctx;
	taken++;
	ec = exc_report(group, f->elr, EXC_EL0_CODE, true, f->spsr);
	if (ec == 0x15 && (esr & 0xffff) == EXC_EL0_SVC_ARM) {
		sdk_timer_arm(SDK_TIMER_PHYS, 500);
	} else if (ec == 0x15 && (esr & 0xffff) == EXC_EL0_SVC_EXIT) {
		/* Back to EL1h, interrupts masked, where exc_el0_enter left SP_EL1. */
		f->elr = (uint64_t)(uintptr_t)exc_el0_return;
		f->spsr = 0x3c5;
	} else if (ec == 0x20 || ec == 0x22) {
		f->elr = f->x30; /* nothing to step over: back to after the BLR */
	} else if (ec != 0x15) {
		f->elr += 4; /* SVC returns past itself already */
	}
}

static void on_irq(enum sdk_exception_kind kind, unsigned group, struct sdk_exception_frame *f,
		   void *ctx)
{
	unsigned intid = sdk_gic_ack(&gic);
	bool waiting =
		f->elr == user_va(exc_el0_user_wait) || f->elr == user_va(exc_el0_user_waited);

	(void)kind;
	(void)ctx;
	if (intid == sdk_timer_intid(SDK_TIMER_PHYS)) {
		sdk_timer_stop(SDK_TIMER_PHYS);
		sdk_printf("  IRQ: group %u SPSR %08lx ELR in the wait loop: %s\n", group, f->spsr,
			   waiting ? "yes" : "no");
		*(volatile uint32_t *)PA_DATA = 1; /* the EL0 program's flag */
	}
	if (intid != SDK_GIC_SPURIOUS)
		sdk_gic_eoi(&gic, intid);
}

/* The GICv2's distributor and CPU interface pages, identity-mapped as device memory. */
static bool map_gic(struct mmu_tables *t)
{
	uint64_t pages[3] = {gic.dist, gic.cpu, gic.cpu + 0x1000};

	if (gic.version != 2)
		return false;
	for (unsigned i = 0; i < 3; i++) {
		if (mmu_tables_set_page(t, pages[i], pages[i] | SDK_MMU_DEVICE | DESC_PAGE) != 0)
			return false;
	}
	return true;
}

int main(uint64_t dtb)
{
	struct mmu_tables t;
	uint64_t code = (uint64_t)(uintptr_t)exc_el0_user;
	uint64_t normal = SDK_MMU_NORMAL | DESC_PAGE;

	if (!irq_find_gic(dtb, &gic)) {
		sdk_printf("no GIC in the device tree\n");
		return 1;
	}
	sdk_vectors_install();
	sdk_irq_set_handler(SDK_EXCEPTION_SYNC, on_sync, NULL);
	sdk_irq_set_handler(SDK_EXCEPTION_IRQ, on_irq, NULL);
	sdk_gic_init(&gic);
	sdk_gic_enable(&gic, sdk_timer_intid(SDK_TIMER_PHYS), EXC_PRIO);
	if (!mmu_setup(false))
		return 1;
	mmu_tables_init(&t, space);
	*(volatile uint32_t *)PA_DATA = 0;
	if (mmu_tables_set_page(&t, EXC_EL0_CODE, code | normal | DESC_EL0 | DESC_RO) != 0 ||
	    mmu_tables_map_page(&t, EXC_EL0_DATA, PA_DATA) != 0 ||
	    mmu_tables_set_page(&t, EXC_EL0_RO, (PA_DATA + 0x1000) | normal | DESC_EL0 | DESC_RO) !=
		    0 ||
	    mmu_tables_set_page(&t, EXC_EL0_KERNEL, (PA_DATA + 0x2000) | normal) != 0 ||
	    mmu_tables_set_page(&t, EXC_EL0_NOAF,
				((PA_DATA + 0x3000) | normal | DESC_EL0) & ~DESC_AF) != 0 ||
	    mmu_tables_set_page(&t, EXC_EL0_UXN,
				code | normal | DESC_EL0 | DESC_RO | SDK_MMU_UXN) != 0 ||
	    !map_gic(&t))
		return 2;
	mmu_switch_ttbr0(mmu_tables_root(&t));

	sdk_printf("EL0: svc, brk, udf, 5 data aborts, 2 instruction aborts, PC alignment, IRQ, "
		   "exit:\n");
	exc_el0_enter(EXC_EL0_CODE, EXC_EL0_DATA + 0x1000);
	sdk_printf("back at EL%u; %u exceptions taken; EL0 read %lx from its read-only page\n",
		   sdk_current_el(), taken, *(volatile uint64_t *)(PA_DATA + 8));
	return 0;
}
