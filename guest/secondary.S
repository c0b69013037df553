/* SPDX-License-Identifier: BSD-3-Clause */
/* Secondary CPUs' entry (sdk_cpu_start) and stacks. */
	.text
	/*
	 * A CPU started by PSCI CPU_ON (sdk_cpu_start): x0 is the context ID, a struct
	 * sdk_cpu_start. The CPU's index (sdk_cpu_index_of: Aff0 + Aff1 + 4 * Aff2) picks its
	 * stack in __cpu_stacks; a CPU without one parks in WFI.
	 */
	.global sdk_secondary_entry
	.type sdk_secondary_entry, %function
sdk_secondary_entry:
	mrs	x1, mpidr_el1
	and	x2, x1, #0xff
	ubfx	x3, x1, #8, #8
	add	x2, x2, x3
	ubfx	x3, x1, #16, #8
	add	x2, x2, x3, lsl #2
	cmp	x2, #8			/* SDK_MAX_CPUS */
	b.hs	8f
	ldr	x1, =__cpu_stacks
	add	x2, x2, #1
	mov	x3, #8192		/* SDK_CPU_STACK_SIZE */
	madd	x1, x2, x3, x1
	mov	sp, x1
	mov	x29, xzr
	mov	x30, xzr
	bl	sdk_secondary_main
8:	wfi
	b	8b
	.size sdk_secondary_entry, . - sdk_secondary_entry

	/* Secondary CPUs' stacks: SDK_MAX_CPUS of SDK_CPU_STACK_SIZE, CPU i's top at
	 * __cpu_stacks + (i + 1) * SDK_CPU_STACK_SIZE (CPU 0 uses __stack_top). */
	.section .sdk_stack, "aw", %nobits
	.balign 16
__cpu_stacks:
	.space 8 * 8192
