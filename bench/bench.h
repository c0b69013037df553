/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Pieces the benchmark shares between bench.c (the driver, which runs ffa-sim) and raw.c (the
 * baseline: the same guest ELF on a bare unicorn engine with the least work ffa-sim could do).
 */
#ifndef BENCH_BENCH_H
#define BENCH_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "common/diag.h"

/* A guest ELF read into memory. */
struct bench_elf {
	const char *path;
	uint8_t *data;
	size_t size;
	uint64_t entry;
};

/* How the raw runner counts instructions. */
enum bench_count {
	BENCH_COUNT_NONE, /* no hook but the trap hook: the fastest unicorn can go */
	BENCH_COUNT_BLOCK /* a block hook adding size / 4, nothing else */
};

/*
 * The register work the raw hook does for each SMC: the least ffa-sim's trap path could do for
 * the call the guest makes.
 */
enum bench_regs {
	BENCH_REGS_SMC32,  /* batch-read x0-x17, batch-write x0-x7 (an SMC32 call's results) */
	BENCH_REGS_X0_X3,  /* read x0, write x0-x3: the least FFA_ID_GET needs */
	BENCH_REGS_X0_X17, /* read x0-x17, write x0-x17: DIRECT_REQ2 in and out */
	/* DIRECT_REQ2 through a second engine: x0-x17 read from the normal engine and written to
	 * the secure one, which runs 4 instructions to its SMC; x0-x17 read from it in its hook and
	 * written back to the normal engine. Other calls as BENCH_REGS_X0_X17. */
	BENCH_REGS_TWO_ENGINE
};

/*
 * A moment on the two clocks a run is timed with: the thread's CPU time, which the figures use
 * because other work on a shared machine barely moves it, and the wall clock, for reference.
 */
struct bench_stamp {
	struct timespec cpu;
	struct timespec wall;
};

/* Reads both clocks. */
static inline void bench_stamp(struct bench_stamp *s)
{
	clock_gettime(CLOCK_MONOTONIC, &s->wall);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &s->cpu);
}

/* Seconds from a to b. */
static inline double bench_seconds(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/* What one raw run measured and saw. */
struct bench_raw_result {
	double seconds;  /* uc_emu_start alone, thread CPU time (set-up and loading untimed) */
	double wall;     /* the same on the wall clock */
	uint64_t insns;  /* guest instructions (BENCH_COUNT_BLOCK only), the trampoline excluded */
	uint64_t smcs;   /* SMCs the hook answered */
	uint64_t result; /* the guest's bench_result word after the run */
	int status;      /* semihosting exit status; -1 if the guest did not exit */
};

/* Reads an AArch64 ELF executable. False with *err on error. */
bool bench_elf_read(const char *path, struct bench_elf *elf, struct diag *err);

/* Frees what bench_elf_read allocated. */
void bench_elf_free(struct bench_elf *elf);

/* The address of a symbol in the ELF's symbol table. False if there is none by that name. */
bool bench_elf_symbol(const struct bench_elf *elf, const char *name, uint64_t *addr);

/*
 * Runs the guest on a raw unicorn engine: RAM at 0x40000000, the PL011 page as plain RAM,
 * entry at non-secure EL1 through an eret trampoline (as emu_cpu_set_entry does), SMCs answered
 * in the interrupt hook, semihosting exit. The 64-bit word at the guest's bench_iterations is
 * set to iterations before the run, and bench_target to target unless it is 0; regs says which
 * registers the SMC hook moves (BENCH_REGS_TWO_ENGINE: and opens the secure engine). False with
 * *err when the engine fails or the guest does something the runner does not model; a guest
 * that exits non-zero is reported in *res.
 */
bool bench_raw_run(const struct bench_elf *elf, uint64_t iterations, uint64_t target,
		   enum bench_count count, enum bench_regs regs, struct bench_raw_result *res,
		   struct diag *err);

/* The process rows (process.c). */
#define BENCH_PROC_MAX_REPS 51u
/* Where the generated system's partitions go in virt's 16 MiB of secure RAM, and how much
 * memory each has: 192 KiB a partition, so that 80 fit above the first MiB. */
#define BENCH_PART_BASE 0x0e100000ull
#define BENCH_PART_SIZE 0x30000ull
/* Partition binaries the memory row boots: the table's 64. */
#define BENCH_MEM_PARTITIONS 64u

/* What the runs of one command took: medians of reps runs. */
struct bench_proc {
	double cpu_ms;   /* the process's user + system CPU time */
	double wall_ms;  /* spawn to exit on the wall clock */
	long max_rss_kb; /* the largest resident set of the runs */
};

/*
 * Spawns argv (argv[0] a path) reps times, its standard streams on /dev/null, and gives the
 * medians of its CPU time and of its wall-clock time from spawn to exit, and its largest
 * resident set. False with *err when a run did not start or did not exit 0.
 */
bool bench_proc_run(char *const argv[], unsigned reps, struct bench_proc *res, struct diag *err);

/* Writes a scenario of steps steps against builtin:default: FFA_VERSION, then FFA_ID_GET
 * and DIRECT_REQ_32 to the echo model, alternating, every answer checked. */
bool bench_write_scenario(const char *path, unsigned steps, struct diag *err);

/* Writes a system file: count partitions, each the raw image at its own address
 * (BENCH_PART_BASE + i * BENCH_PART_SIZE) and ID (0x8001 + i), guest as the normal world. */
bool bench_write_system(const char *path, const char *guest, const char *image, unsigned count,
			struct diag *err);

/* Repetitions bench_mem_row() takes at most. */
#define BENCH_MEM_MAX_REPS 51u

/*
 * The memory-management row (mem.c): n share-retrieve-relinquish-reclaim round trips of one page
 * and n direct requests, each run reps times alternating, in the guest folder's bench_mem.elf.
 * *mem_ns and *direct_ns get the medians per iteration and note what was measured; false with
 * the reason in note when a run failed.
 */
bool bench_mem_row(const char *guest_dir, uint64_t n, unsigned reps, double *mem_ns,
		   double *direct_ns, char *note, size_t size);

/* Repetitions bench_trace_rows() takes at most. */
#define BENCH_TRACE_MAX_REPS 51u

/* What the tracing rows run. */
struct bench_trace_args {
	const char *calls;      /* ffa-sim-bench-calls: the core as it is */
	const char *calls_bare; /* ffa-sim-bench-calls-bare: observers' call sites compiled out */
	const char *guest;      /* a guest that makes calls_off (or calls_on) calls, plus
				 * extra_calls */
	uint64_t calls_off;     /* calls of the runs without tracing */
	uint64_t calls_on;      /* calls of the traced run (the record keeps every call) */
	uint64_t extra_calls;
	unsigned reps;
};

/* What they measured: medians of reps runs, ns a call of thread CPU time. */
struct bench_trace {
	double off_ns;  /* the core as it is, no observer installed */
	double bare_ns; /* the observers' call sites compiled out */
	double on_ns;   /* the FF-A trace recorded and written to /dev/null */
	double noise;   /* the larger of the two builds' median absolute deviations, relative */
	unsigned reps;
};

/*
 * The tracing rows (trace.c): reps runs of each build, alternating, and reps traced runs, each a
 * process of its own. False with *err when a run failed or answered the wrong number of calls.
 */
bool bench_trace_rows(const struct bench_trace_args *a, struct bench_trace *t, struct diag *err);

#endif
