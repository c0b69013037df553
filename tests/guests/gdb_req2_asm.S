/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The direct request of tests/guests/gdb_req2.c with its SMC at a symbol of its own
 * (gdb_req2_smc) for a debugger's breakpoint: FFA_MSG_SEND_DIRECT_REQ2 (0xc400008d), the null
 * UUID in x2/x3, one payload word in x4 and zeros in x5-x17.
 */
	.text
	.global gdb_req2_call
	.global gdb_req2_smc
	.type gdb_req2_call, %function
gdb_req2_call:
	mov	x4, x1
	mov	x1, x0
	movz	x0, #0x008d
	movk	x0, #0xc400, lsl #16
	mov	x2, #0
	mov	x3, #0
	mov	x5, #0
	mov	x6, #0
	mov	x7, #0
	mov	x8, #0
	mov	x9, #0
	mov	x10, #0
	mov	x11, #0
	mov	x12, #0
	mov	x13, #0
	mov	x14, #0
	mov	x15, #0
	mov	x16, #0
	mov	x17, #0
gdb_req2_smc:
	smc	#0
	mov	x0, x4
	ret
	.size gdb_req2_call, . - gdb_req2_call
