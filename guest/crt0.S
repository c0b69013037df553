/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Guest entry. Works at EL1 or EL2 with the MMU and caches off, as the simulator and QEMU
 * enter a bare-metal image. Copies .data from its load address when the image runs from
 * flash, zeroes .bss, sets SP, calls main(x0 at entry) and exits with main's return value
 * through semihosting. Nothing else is configured: the SDK is built with
 * -mgeneral-regs-only, so FP/SIMD may stay trapped.
 */

	.section .text.boot, "ax", %progbits
	.global _start
	.type _start, %function
_start:
	/* x0 holds the device-tree address: keep it in a callee-saved register. */
	mov	x19, x0

	/* Copy .data from flash to RAM; a RAM image has __data_load == __data_start. */
	ldr	x1, =__data_load
	ldr	x2, =__data_start
	ldr	x3, =__data_end
	cmp	x1, x2
	b.eq	2f
1:	cmp	x2, x3
	b.hs	2f
	ldr	x4, [x1], #8
	str	x4, [x2], #8
	b	1b

	/* Zero .bss (8-byte aligned at both ends by the linker scripts). */
2:	ldr	x1, =__bss_start
	ldr	x2, =__bss_end
3:	cmp	x1, x2
	b.hs	4f
	str	xzr, [x1], #8
	b	3b

4:	ldr	x1, =__stack_top
	mov	sp, x1
	mov	x29, xzr
	mov	x30, xzr

	mov	x0, x19
	bl	main
	/* w0 = main's return value = the exit status. */
	bl	sdk_semihost_exit
5:	wfi
	b	5b
	.size _start, . - _start

	/* The stack: 16 KiB, 16-byte aligned, placed after .bss and not zeroed. */
	.section .sdk_stack, "aw", %nobits
	.balign 16
	.global __stack_bottom
__stack_bottom:
	.space 16384
	.global __stack_top
__stack_top:
