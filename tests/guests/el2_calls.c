/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A guest that runs its own EL2, as a hypervisor or Linux's hyp stub does: entered at EL2, it
 * installs its EL2 vectors, sets HCR_EL2.TSC (SMC from EL1 traps to EL2) and drops to EL1h,
 * which turns its MMU on and makes HVCs and SMCs. The EL2 handler prints ESR_EL2, ELR_EL2
 * relative to the instruction and SPSR_EL2, and steps over a trapped SMC (its preferred return
 * address is the SMC itself, Arm ARM D1.10.4). The HVCs with the EL1 MMU on are the path a
 * kernel's first hyp-stub call takes (finalise_el2). The same image prints the same lines on
 * QEMU (-M virt,virtualization=on -cpu cortex-a72).
 */
#include <sdk/irq.h>
#include <sdk/sdk.h>
#include <sdk/sysreg.h>

#include "mmu_setup.h"

#define HCR_EL2_RW (1ull << 31)
#define HCR_EL2_TSC (1ull << 19)
#define SPSR_EL1H_DAIF 0x3c5ull
#define ESR_EC_SMC64 0x17u

static uint64_t el1_stack[1024] __attribute__((aligned(16)));
static volatile uint64_t at;    /* the instruction expected to trap */
static volatile unsigned taken; /* exceptions taken at EL2 */

static void on_sync(enum sdk_exception_kind kind, unsigned group, struct sdk_exception_frame *f,
		    void *ctx)
{
	uint64_t esr = sdk_read_sysreg(ESR_EL2);

	(void)kind;
	(void)ctx;
	taken++;
	sdk_printf("  EL%u group %u ESR_EL2 %08lx ELR_EL2 at+%lu SPSR_EL2 %08lx x0 %lx\n",
		   sdk_current_el(), group, esr, (unsigned long)(f->elr - at), f->spsr, f->x[0]);
	if ((esr >> 26) == ESR_EC_SMC64)
		f->elr += 4;
	f->x[0] = 0x600d0000u | taken;
}

/* Traps insn with x0 = arg and returns what the EL2 handler left in x0. */
#define TRAP(insn, arg)                                                                            \
	({                                                                                         \
		register uint64_t x0 __asm__("x0") = (arg);                                        \
		uint64_t where;                                                                    \
		__asm__ volatile("adr %1, 1f\n\tstr %1, [%2]\n1:\t" insn                           \
				 : "+r"(x0), "=&r"(where)                                          \
				 : "r"(&at)                                                        \
				 : "x1", "x2", "x3", "memory");                                    \
		(void)where;                                                                       \
		x0;                                                                                \
	})

static void el1_main(void)
{
	uint64_t r;

	sdk_printf("EL%u, MMU off\n", sdk_current_el());
	r = TRAP("hvc #0x5a", 1);
	sdk_printf("hvc #0x5a -> %lx\n", r);
	if (!mmu_setup(false))
		sdk_semihost_exit(1);
	sdk_printf("EL%u, MMU on\n", sdk_current_el());
	r = TRAP("hvc #0", 3); /* as Linux's finalise_el2: HVC_FINALISE_EL2 */
	sdk_printf("hvc #0 -> %lx\n", r);
	r = TRAP("smc #0x17", 0x84000063); /* FFA_VERSION: trapped, never the firmware's */
	sdk_printf("smc #0x17 -> %lx\n", r);
	r = TRAP("hvc #0x1234", 4);
	sdk_printf("hvc #0x1234 -> %lx\n", r);
	sdk_printf("%u exceptions taken at EL2; back at EL%u\n", taken, sdk_current_el());
	sdk_semihost_exit(0);
}

int main(void)
{
	if (sdk_current_el() != 2) {
		sdk_printf("el2_calls: entered at EL%u, needs EL2\n", sdk_current_el());
		return 2;
	}
	sdk_vectors_install();
	sdk_irq_set_handler(SDK_EXCEPTION_SYNC, on_sync, NULL);
	sdk_write_sysreg(HCR_EL2, HCR_EL2_RW | HCR_EL2_TSC);
	sdk_write_sysreg(SP_EL1, (uintptr_t)&el1_stack[1024]);
	sdk_write_sysreg(SPSR_EL2, SPSR_EL1H_DAIF);
	sdk_write_sysreg(ELR_EL2, (uintptr_t)el1_main);
	__asm__ volatile("isb\n\teret" : : : "memory");
	return 3;
}
