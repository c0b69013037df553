/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The instruction trace of a run (`--trace insn[=ENDPOINT][:RANGE]`): each instruction the
 * chosen engines execute in an address range, disassembled, with the registers it changed.
 */
#ifndef SIM_INSN_TRACE_H
#define SIM_INSN_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "common/diag.h"
#include "emu/insn_hook.h"
#include "emu/symbols.h"

struct sim;

/* Which engines and addresses: every engine (endpoint_set false) or one endpoint's (0: the
 * normal world's CPUs), addresses lo to hi inclusive. */
struct sim_insn_filter {
	bool endpoint_set;
	uint16_t endpoint;
	uint64_t lo, hi;
};

/*
 * Parses what follows "insn": "" (everything), "=ENDPOINT", "=ENDPOINT:LOW-HIGH" or
 * ":LOW-HIGH" (numbers decimal or 0x hexadecimal). False with *err otherwise.
 */
bool sim_insn_filter_parse(const char *text, struct sim_insn_filter *f, struct diag *err);

/* Engines traced: one per partition binary (at most 64) and per CPU (at most 8). */
#define SIM_INSN_MAX_ENGINES 72

struct sim_insn_trace;

/* One traced engine: its hook and the instruction it executes, written once the next starts. */
struct sim_insn_engine {
	struct sim_insn_trace *trace;
	struct emu_insn_hook hook;
	char name[48];
	bool pending;
	uint64_t pc, time;
	uint32_t word;
	bool have_regs;
	uint64_t regs[EMU_GPR_COUNT]; /* before the pending instruction */
	struct emu_symbols syms;      /* its image's, to name addresses (may be empty) */
};

struct sim_insn_trace {
	FILE *out;
	struct sim_insn_filter filter;
	size_t cs; /* capstone's handle */
	bool cs_open;
	struct sim_insn_engine engines[SIM_INSN_MAX_ENGINES];
	unsigned count;
	bool started;      /* the partitions' engines are traced (sim_insn_trace_start) */
	unsigned nw_first; /* engines[nw_first..] are the normal world's CPUs */
};

/*
 * Starts tracing the engines the filter chooses (the normal world's CPUs, partition binaries),
 * writing to out, addresses named by the symbols of the ELF image each engine runs. False when the
 * disassembler cannot be opened.
 */
bool sim_insn_trace_attach(struct sim_insn_trace *t, struct sim *sim,
			   const struct sim_insn_filter *filter, FILE *out);

/*
 * The first half of sim_insn_trace_attach, for a simulation whose partitions have not booted
 * yet (sim_config.before_boot): traces the partition binaries the filter chooses from their
 * first instruction. sim_insn_trace_attach then adds the normal world's CPUs. False when the
 * disassembler cannot be opened.
 */
bool sim_insn_trace_start(struct sim_insn_trace *t, struct sim *sim,
			  const struct sim_insn_filter *filter, FILE *out);

/* Writes the last instruction of each engine and removes the hooks (a zeroed t: nothing). */
void sim_insn_trace_detach(struct sim_insn_trace *t);

#endif
