/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * World-switch benchmark partition: the least a partition can do. It waits with FFA_MSG_WAIT
 * and answers each direct request, touching no memory: DIRECT_REQ_32 with DIRECT_RESP_32 (the
 * payload left in w3-w7), DIRECT_REQ2_64 with DIRECT_RESP2_64 (x4-x17 left as they came, x2-x3
 * zero: FF-A v1.2 (DEN0077A) §15.5). Each response's function ID is its request's plus one;
 * source and destination in w1 are swapped. What a request costs beyond this is the switch.
 */
	.section .text.boot, "ax"
	.global _start
_start:
	movz	w0, #0x006b
	movk	w0, #0x8400, lsl #16	/* FFA_MSG_WAIT */
	mov	x1, xzr
	mov	x2, xzr
	smc	#0
1:	/* x0-x17: the request; w1 = source << 16 | destination */
	ror	w1, w1, #16
	mov	x2, xzr
	tbz	w0, #30, 2f		/* SMC32: DIRECT_REQ_32, w3-w7 the payload */
	mov	x3, xzr
2:	add	w0, w0, #1		/* DIRECT_RESP_32 (0x84000070), DIRECT_RESP2_64 (0xc400008e) */
	smc	#0
	b	1b
