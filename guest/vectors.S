/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The SDK's vector tables (Arm ARM D1.10.2): one for EL1 and one for EL2, 2 KiB aligned, 16
 * entries of 0x80 bytes (current EL with SP_EL0, current EL with SP_ELx, lower EL AArch64,
 * lower EL AArch32; synchronous, IRQ, FIQ, SError each). Every entry saves x0-x18, x29, x30,
 * ELR and SPSR of its EL in a 192-byte frame, calls sdk_exception_entry(index, frame) and
 * restores them before ERET, so a handler may unmask interrupts and be preempted.
 */

	.macro	vector_entry el, index
	.balign	0x80
	sub	sp, sp, #192
	stp	x0, x1, [sp, #0]
	mov	x0, #\index
	b	sdk_vector_common_el\el
	.endm

	.macro	vector_table el
	.section .text.vectors_el\el, "ax", %progbits
	.balign	0x800
	.global	sdk_vectors_el\el
sdk_vectors_el\el:
	.irp	i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	vector_entry \el, \i
	.endr

sdk_vector_common_el\el:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x29, [sp, #144]
	mrs	x2, elr_el\el
	mrs	x3, spsr_el\el
	stp	x30, x2, [sp, #160]
	str	x3, [sp, #176]
	mov	x1, sp
	bl	sdk_exception_entry
	ldp	x30, x2, [sp, #160]
	ldr	x3, [sp, #176]
	msr	elr_el\el, x2
	msr	spsr_el\el, x3
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x29, [sp, #144]
	ldp	x0, x1, [sp, #0]
	add	sp, sp, #192
	eret
	.endm

	vector_table 1
	vector_table 2
