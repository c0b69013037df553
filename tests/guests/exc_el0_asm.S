/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * exc_el0's two halves in assembly: the EL1 side that enters EL0 and comes back, and the EL0
 * program itself, alone in a page that the tables map for EL0 at EXC_EL0_CODE.
 */
#include "exc_el0.h"

	.text
	.balign	4
	/* void exc_el0_enter(uint64_t entry, uint64_t sp_el0): ERET to EL0t at entry with
	 * PSTATE.DAIF clear; returns when the EL0 program's exit call sends the CPU to
	 * exc_el0_return at EL1h, with SP_EL1 as it was at the ERET. */
	.global	exc_el0_enter
exc_el0_enter:
	stp	x29, x30, [sp, #-96]!
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	msr	sp_el0, x1
	msr	elr_el1, x0
	msr	spsr_el1, xzr
	isb
	eret

	.global	exc_el0_return
exc_el0_return:
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	x29, x30, [sp], #96
	ret

	/* The EL0 program: position-independent, one page. */
	.section .text.exc_el0_user, "ax", %progbits
	.balign	4096
	.global	exc_el0_user
exc_el0_user:
	ldr	x1, =EXC_EL0_UNMAPPED + 0x18
	ldr	x2, =EXC_EL0_HOLE + 0x20
	ldr	x3, =EXC_EL0_RO + 0x8
	ldr	x4, =EXC_EL0_KERNEL
	ldr	x5, =EXC_EL0_NOAF
	ldr	x6, =EXC_EL0_UXN
	ldr	x7, =EXC_EL0_UNMAPPED + 0x40
	ldr	x10, =EXC_EL0_DATA
	adr	x8, exc_el0_user + 2
	svc	#0x12
	brk	#0x34
	udf	#7
	ldr	x0, [x1]
	ldr	x0, [x2]
	str	xzr, [x3]
	ldr	x0, [x4]
	ldr	x0, [x5]
	ldr	x0, [x3]		/* an EL0 read-only page reads */
	str	x0, [x10, #8]
	blr	x6
	blr	x7
	blr	x8
	svc	#EXC_EL0_SVC_ARM
	.global	exc_el0_user_wait
exc_el0_user_wait:
	ldr	w9, [x10]
	cbz	w9, exc_el0_user_wait
	.global	exc_el0_user_waited
exc_el0_user_waited:
	svc	#EXC_EL0_SVC_EXIT
	b	.
	.ltorg
