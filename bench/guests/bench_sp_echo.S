/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * World-switch benchmark partition: the least a partition can do. It waits with FFA_MSG_WAIT
 * and answers each DIRECT_REQ_32 with DIRECT_RESP_32, source and destination swapped and the
 * payload left in w3-w7, touching no memory: what a request costs beyond it is the switch.
 */
	.section .text.boot, "ax"
	.global _start
_start:
	movz	w0, #0x006b
	movk	w0, #0x8400, lsl #16	/* FFA_MSG_WAIT */
	mov	x1, xzr
	mov	x2, xzr
	smc	#0
1:	/* x0-x7: the request; x1 = source << 16 | destination */
	lsr	x8, x1, #16
	and	x9, x1, #0xffff
	orr	x1, x8, x9, lsl #16
	mov	x2, xzr
	movz	w0, #0x0070
	movk	w0, #0x8400, lsl #16	/* FFA_MSG_SEND_DIRECT_RESP_32 */
	smc	#0
	b	1b
