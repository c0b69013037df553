/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Exceptions and interrupts for guests: a vector table (guest/vectors.S) for EL1 and EL2 whose
 * entries save the caller-saved registers, ELR and SPSR on the stack and call the C handler
 * the program registered for the kind (synchronous, IRQ, FIQ, SError), then return with ERET.
 * A handler may unmask interrupts again (sdk_irq_enable) to let a higher-priority interrupt
 * preempt it: ELR and SPSR are on the stack. An exception without a handler prints its kind,
 * ESR, ELR and FAR and exits with status 99.
 */
#ifndef SDK_IRQ_H
#define SDK_IRQ_H

#include <stdint.h>

enum sdk_exception_kind {
	SDK_EXCEPTION_SYNC,
	SDK_EXCEPTION_IRQ,
	SDK_EXCEPTION_FIQ,
	SDK_EXCEPTION_SERROR,
	SDK_EXCEPTION_KINDS
};

/* What the vector entry saved: x0-x18, x29, x30, ELR and SPSR of the exception's EL. */
struct sdk_exception_frame {
	uint64_t x[19];
	uint64_t x29;
	uint64_t x30;
	uint64_t elr;
	uint64_t spsr;
	uint64_t pad;
};

/*
 * A handler: kind, where the exception came from (0 current EL with SP_EL0, 1 current EL with
 * SP_ELx, 2 lower EL AArch64, 3 lower EL AArch32), the frame (ELR may be changed to return
 * elsewhere) and the context registered with it.
 */
typedef void (*sdk_exception_handler)(enum sdk_exception_kind kind, unsigned group,
				      struct sdk_exception_frame *frame, void *ctx);

/* Points VBAR_EL1 or VBAR_EL2 (the current EL's) at the SDK's vector table. */
void sdk_vectors_install(void);

/* Registers the handler of one kind of exception (fn NULL: none). */
void sdk_irq_set_handler(enum sdk_exception_kind kind, sdk_exception_handler fn, void *ctx);

/* Unmasks / masks IRQs (PSTATE.I) and FIQs (PSTATE.F). */
static inline void sdk_irq_enable(void)
{
	__asm__ volatile("msr daifclr, #2" : : : "memory");
}

static inline void sdk_irq_disable(void)
{
	__asm__ volatile("msr daifset, #2" : : : "memory");
}

static inline void sdk_fiq_enable(void)
{
	__asm__ volatile("msr daifclr, #1" : : : "memory");
}

static inline void sdk_fiq_disable(void)
{
	__asm__ volatile("msr daifset, #1" : : : "memory");
}

/* PSTATE.DAIF as the DAIF register reads it (bits 9-6), to restore with sdk_daif_restore. */
static inline uint64_t sdk_daif_save(void)
{
	uint64_t daif;

	__asm__ volatile("mrs %0, daif" : "=r"(daif));
	return daif;
}

static inline void sdk_daif_restore(uint64_t daif)
{
	__asm__ volatile("msr daif, %0" : : "r"(daif) : "memory");
}

/* Waits for an interrupt (WFI): returns when one is asserted, masked or not. */
static inline void sdk_wfi(void)
{
	__asm__ volatile("dsb sy\n\twfi" : : : "memory");
}

#endif
