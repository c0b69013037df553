/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Secondary entry of sp_vcpu (registered with FFA_SECONDARY_EP_REGISTER): the SPMC starts
 * execution context k here with x0 = 0 and x4 = k (the physical CPU's index, as Hafnium's
 * vcpu_bootstrap does). Each context gets its own stack, then runs
 * sp_vcpu_secondary(x0, x4), which never returns.
 */
	.text
	.global sp_vcpu_entry
	.type sp_vcpu_entry, %function
sp_vcpu_entry:
	/* sp = sp_vcpu_stacks + (x4 + 1) * SP_VCPU_STACK, 16-byte aligned. */
	ldr	x1, =sp_vcpu_stacks
	add	x2, x4, #1
	lsl	x2, x2, #12
	add	x1, x1, x2
	mov	sp, x1
	mov	x29, xzr
	mov	x30, xzr
	mov	x1, x4
	bl	sp_vcpu_secondary
1:	wfi
	b	1b
	.size sp_vcpu_entry, . - sp_vcpu_entry

	/* One 4 KiB stack per execution context (8 at most). */
	.bss
	.balign 16
	.global sp_vcpu_stacks
sp_vcpu_stacks:
	.space 8 * 4096
