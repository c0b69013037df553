/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Where an interrupt is taken from, and what the handler sees:
 * - entered at EL1: with SPSel = 0 (EL1t) the IRQ arrives at the current-EL-SP0 vectors
 *   (group 0); SPSR_EL1 names EL1t and SP_EL0 is intact after the return;
 * - entered at EL2: the program drops to EL1h with HCR_EL2.IMO set, so the IRQ is taken at
 *   EL2 from the lower EL (group 2) even with PSTATE.I set at EL1; SPSR_EL2 names EL1h with the
 *   I bit the EL1 code had.
 * Passes on QEMU too (-M virt -cpu cortex-a72, and virt,virtualization=on for EL2).
 */
#include <sdk/sdk.h>

#define HCR_EL2_RW (1ull << 31)
#define HCR_EL2_IMO (1ull << 4)
#define SPSR_EL1H_DAIF 0x3c5ull

struct entry_state {
	struct sdk_gic gic;
	volatile unsigned fired;
	volatile unsigned group;
	volatile uint64_t spsr;
	volatile unsigned el;
};

static struct entry_state s;
static uint64_t el1_stack[512] __attribute__((aligned(16)));

static void on_irq(enum sdk_exception_kind kind, unsigned group, struct sdk_exception_frame *frame,
		   void *ctx)
{
	unsigned intid = sdk_gic_ack(&s.gic);

	(void)kind;
	(void)ctx;
	s.group = group;
	s.spsr = frame->spsr;
	s.el = sdk_current_el();
	sdk_timer_stop(SDK_TIMER_VIRT);
	s.fired++;
	if (intid != SDK_GIC_SPURIOUS)
		sdk_gic_eoi(&s.gic, intid);
}

/* Runs at EL1 with IRQs masked there: the interrupt still reaches EL2. */
static void el1_main(void)
{
	sdk_timer_arm(SDK_TIMER_VIRT, 200);
	while (s.fired == 0)
		;
	sdk_printf("EL%u took it from group %u, SPSR 0x%llx; back at EL%u\n", s.el, s.group,
		   (unsigned long long)s.spsr, sdk_current_el());
	sdk_printf("irq_entry done\n");
	sdk_semihost_exit(0);
}

int main(void)
{
	uint64_t sp0 = 0, sp_before = 0;

	s.gic = sdk_gic_virt(2);
	sdk_vectors_install();
	sdk_irq_set_handler(SDK_EXCEPTION_IRQ, on_irq, NULL);
	sdk_gic_init(&s.gic);
	sdk_gic_enable(&s.gic, sdk_timer_intid(SDK_TIMER_VIRT), 0x80);
	if (sdk_current_el() == 2) {
		sdk_write_sysreg(HCR_EL2, HCR_EL2_RW | HCR_EL2_IMO);
		sdk_write_sysreg(SP_EL1, (uintptr_t)&el1_stack[512]);
		sdk_write_sysreg(SPSR_EL2, SPSR_EL1H_DAIF);
		sdk_write_sysreg(ELR_EL2, (uintptr_t)el1_main);
		sdk_irq_enable(); /* at EL2, for nothing: the interrupt comes from EL1 */
		__asm__ volatile("isb\n\teret" : : : "memory");
	}
	/* EL1t: the live SP is SP_EL0 (the same stack); SP_EL1 waits in its bank. */
	sdk_timer_arm(SDK_TIMER_VIRT, 200);
	__asm__ volatile("mov x9, sp\n\t"
			 "mov %1, sp\n\t"
			 "msr spsel, #0\n\t"
			 "mov sp, x9\n\t"
			 "msr daifclr, #2\n\t"
			 "1: ldr w10, [%2]\n\t"
			 "cbz w10, 1b\n\t"
			 "msr daifset, #2\n\t"
			 "mov %0, sp\n\t"
			 "msr spsel, #1\n\t"
			 "mov sp, x9\n\t"
			 : "=&r"(sp0), "=&r"(sp_before)
			 : "r"(&s.fired)
			 : "x9", "x10", "memory");
	sdk_printf("EL%u took it from group %u, SPSR 0x%llx, SP_EL0 %s\n", s.el, s.group,
		   (unsigned long long)s.spsr, sp0 == sp_before ? "kept" : "lost");
	sdk_printf("irq_entry done\n");
	return 0;
}
