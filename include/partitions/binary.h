/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Partition binaries: a secure partition's own image running in its own emulated CPU (secure
 * EL1, MMU off), seeing only its own memory and devices. It implements struct
 * spmc_partition_ops: the SPMC boots it to its first FF-A call and resumes it with the answer
 * to each call; its SMC and HVC calls stop its CPU and are handed to the SPMC. Runs nest: a
 * partition resumed from the normal world's trap runs inside that trap, on the PE of the CPU it
 * serves (its instructions advance that CPU's clock). Given the CPU with a timeslice
 * (spmc_partition_ops.grant), it is preempted when the slice ends (a PE deadline), and when a
 * non-secure interrupt becomes pending on that PE; the SPMC's virtual interrupt lines
 * (spmc_partition_ops.virtual_lines) enter its vectors (VBAR_EL1).
 */
#ifndef PARTITIONS_BINARY_H
#define PARTITIONS_BINARY_H

#include <stdbool.h>
#include <stdio.h>

#include "emu/cpu.h"
#include "spmc/spmc.h"

struct part_binary_config {
	const char *name; /* console prefix and reports */
	const struct emu_platform *platform;
	struct emu_memory *memory;
	struct emu_console *console;
	FILE *notes;                      /* fault reports */
	uint64_t max_insns;               /* per partition; 0: the default */
	bool no_idle_skip;                /* emulate every pass of a counter wait */
	const struct emu_window *windows; /* its memory and devices */
	unsigned window_count;
	uint64_t entry; /* where it starts; x0 = 0 (no boot information) */
	/* The execution context it runs (0 for the primary; k, one engine per context, for a
	 * partition with a context per CPU: it reads CPU k's MPIDR) and the PE of that CPU,
	 * which a secondary context starts on (NULL: its own). */
	unsigned vcpu;
	struct emu_pe *home_pe;
	/* The platform's secure devices, for the device windows that show one. */
	struct emu_sp805 *sp805s;
	unsigned sp805_count;
	/* What carries its calls and the SPMC's answers (sim_dispatch_hook). */
	struct emu_dispatch dispatch;
	/*
	 * The PEs of the normal world's CPUs and the SPMC whose current CPU (spmc->cpu) picks the
	 * one the partition runs on while it serves that CPU; pes NULL: a PE of its own.
	 */
	struct emu_pe *pes;
	unsigned pe_count; /* room in pes */
	const struct spmc *spmc;
	/* Where the virtual time it runs on its own PE (booting, before any CPU calls it) is
	 * added up, or NULL: the time spent on no CPU's PE, which the trace's time axis adds to
	 * every CPU's clock (sim_obs_now). */
	uint64_t *off_pe_ns;
};

struct part_binary {
	struct emu_cpu cpu;
	struct spmc_endpoint *ep;
	FILE *notes;
	bool open;
	struct emu_pe *pes; /* part_binary_config's */
	unsigned pe_count;
	const struct spmc *spmc;
	uint64_t preemptions;       /* runs its timeslice cut short */
	uint64_t ns_interrupts;     /* runs a non-secure interrupt stopped */
	uint64_t secure_interrupts; /* times a secure interrupt stopped it (the SPMC took it) */
	unsigned vcpu;              /* its execution context */
	struct emu_pe *home_pe;     /* where it starts (part_binary_config.home_pe) */
	uint64_t *off_pe_ns;        /* part_binary_config's */
};

/* Opens the partition's CPU over its windows, ready at the entry point. False with *err. */
bool part_binary_open(struct part_binary *b, const struct part_binary_config *cfg,
		      struct diag *err);

/* Binds it to its endpoint (ep->ops, ep->ops_ctx): as context 0, or as the context of
 * cfg.vcpu for a partition's other contexts (spmc_ep_bind_ctx). */
void part_binary_attach(struct part_binary *b, struct spmc_endpoint *ep);

/* Closes the CPU. */
void part_binary_close(struct part_binary *b);

#endif
