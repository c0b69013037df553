/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SMCCC 1.2 calls: x0-x17 are both arguments and results (SMCCC (DEN0028) v1.2, AArch64
 * register usage).
 * void sdk_smc12(struct sdk_smccc_regs *regs) / sdk_hvc12: load x0-x17 from the block, call,
 * store x0-x17 back. The block pointer is kept on the stack across the call; x18-x30 and SP
 * are preserved by the callee, and x0-x17 are caller-saved in AAPCS64 anyway.
 */

	.macro smccc12 name, insn
	.section .text.\name, "ax", %progbits
	.global \name
	.type \name, %function
	.balign 4
\name:
	str	x0, [sp, #-16]!
	mov	x18, x0
	ldp	x0, x1, [x18, #0]
	ldp	x2, x3, [x18, #16]
	ldp	x4, x5, [x18, #32]
	ldp	x6, x7, [x18, #48]
	ldp	x8, x9, [x18, #64]
	ldp	x10, x11, [x18, #80]
	ldp	x12, x13, [x18, #96]
	ldp	x14, x15, [x18, #112]
	ldp	x16, x17, [x18, #128]
	\insn	#0
	ldr	x18, [sp], #16
	stp	x0, x1, [x18, #0]
	stp	x2, x3, [x18, #16]
	stp	x4, x5, [x18, #32]
	stp	x6, x7, [x18, #48]
	stp	x8, x9, [x18, #64]
	stp	x10, x11, [x18, #80]
	stp	x12, x13, [x18, #96]
	stp	x14, x15, [x18, #112]
	stp	x16, x17, [x18, #128]
	ret
	.size \name, . - \name
	.endm

	smccc12 sdk_smc12, smc
	smccc12 sdk_hvc12, hvc
