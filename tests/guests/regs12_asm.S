/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Preservation checks. Each fills a range of registers with distinct patterns, makes one
 * `smc #0` with w0 = the function ID argument, then counts the registers that changed.
 * SMCCC (DEN0028), AArch64 register usage: x18-x30 and SP are preserved by every call (v1.1
 * and v1.2); x4-x17 also under SMCCC 1.1 and for calls whose results end at x3.
 */

	/* \reg = 0xc5c5_00nn_a5a5_00nn for register number \n. */
	.macro pattern reg, n
	movz	\reg, #0xc5c5, lsl #48
	movk	\reg, #\n, lsl #32
	movk	\reg, #0xa5a5, lsl #16
	movk	\reg, #\n
	.endm

	/* x2 += (\reg != pattern(\n)); uses x1. */
	.macro check reg, n
	pattern	x1, \n
	cmp	\reg, x1
	cinc	x2, x2, ne
	.endm

/* int check_smc32_preserve(uint32_t fid): checks x8-x30 across an SMC32 call. */
	.section .text.check_smc32_preserve, "ax", %progbits
	.global check_smc32_preserve
	.type check_smc32_preserve, %function
	.balign 4
check_smc32_preserve:
	/* Save the frame record and callee-saved registers; x29/x30 get patterns too. */
	stp	x29, x30, [sp, #-96]!
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]

	mov	w0, w0
	mov	x1, xzr
	mov	x2, xzr
	mov	x3, xzr
	mov	x4, xzr
	mov	x5, xzr
	mov	x6, xzr
	mov	x7, xzr
	.irp n, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30
	pattern	x\n, \n
	.endr
	smc	#0

	mov	x2, xzr
	.irp n, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30
	check	x\n, \n
	.endr

	mov	x0, x2
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	x29, x30, [sp], #96
	ret
	.size check_smc32_preserve, . - check_smc32_preserve

/* int check_smc11_preserve(uint32_t fid): checks x4-x17 across an SMCCC 1.1 call. */
	.section .text.check_smc11_preserve, "ax", %progbits
	.global check_smc11_preserve
	.type check_smc11_preserve, %function
	.balign 4
check_smc11_preserve:
	mov	w0, w0
	mov	x1, xzr
	mov	x2, xzr
	mov	x3, xzr
	.irp n, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17
	pattern	x\n, \n
	.endr
	smc	#0

	mov	x2, xzr
	.irp n, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17
	check	x\n, \n
	.endr

	mov	x0, x2
	ret
	.size check_smc11_preserve, . - check_smc11_preserve
