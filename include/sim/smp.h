/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Several normal-world CPUs (sim/smp.c): one unicorn engine per CPU of the platform, each on its
 * own PE, all mapping the same memory, and the deterministic scheduler that runs them one at a
 * time in virtual time. CPU 0 is the simulation's host CPU (struct sim's host); the others start
 * powered off and are started by PSCI CPU_ON, which the firmware decides and the scheduler
 * carries out (struct fw_cpu_ops).
 *
 * The schedule: the CPU furthest behind in virtual time runs next (ties by index), for at most
 * a quantum of its PE's clock; a CPU waiting in WFI or CPU_SUSPEND counts as being at the time of
 * its next own event (its timers), or at its own time when the GIC already signals it. When no
 * CPU can run and nothing can wake any of them, the run ends as a halt. Every choice depends
 * only on virtual times and indexes, so a run is the same every time.
 */
#ifndef SIM_SMP_H
#define SIM_SMP_H

#include <stdbool.h>
#include <stdint.h>

#include "common/diag.h"
#include "emu/cpu.h"
#include "emu/platform.h"

/* The scheduler's default quantum, in nanoseconds of virtual time (instructions). */
#define SIM_DEFAULT_QUANTUM 10000u

/* A normal-world CPU's power, as the scheduler sees it. */
enum sim_cpu_power {
	SIM_CPU_OFF,       /* off: never runs until CPU_ON */
	SIM_CPU_PENDING,   /* CPU_ON made: starts at its entry point when it next runs */
	SIM_CPU_ON,        /* runs, or waits in WFI (waiting) */
	SIM_CPU_SUSPENDED, /* CPU_SUSPEND: waits for an interrupt to its PE */
};

struct sim_smp_cpu {
	struct emu_cpu *cpu;
	enum sim_cpu_power power;
	bool waiting; /* stopped in a WFI nothing on its PE can end (EMU_STOP_WAIT) */
	/* CPU_ON, or the return of a powerdown CPU_SUSPEND: where it starts, x0 there. */
	uint64_t entry;
	uint64_t context;
	bool powerdown;      /* suspended in a powerdown state: it restarts at entry */
	bool off_requested;  /* CPU_OFF made in the current slice */
	bool stop_requested; /* its slice ends at the next block boundary (CPU_OFF, suspend) */
	/* Waiting or suspended and signalled: the end of the slice that signalled it, the
	 * earliest it wakes (an interrupt is not taken before it was raised). */
	bool wake_known;
	uint64_t wake_at;
	uint64_t slices; /* slices run */
};

struct sim_smp {
	unsigned count;   /* CPUs: the platform's cpu_count */
	unsigned current; /* the CPU that runs now (makes the calls) */
	uint64_t quantum; /* ns */
	struct sim_smp_cpu cpus[EMU_PLATFORM_MAX_CPUS];
	/* Engines of CPUs 1.. (CPU 0's is the host's); opened ones are closed by sim_smp_close. */
	struct emu_cpu secondary[EMU_PLATFORM_MAX_CPUS - 1];
	unsigned opened;
	uint64_t switches; /* slices that ran another CPU than the one before */
};

struct sim;

/*
 * Opens CPUs 1.. of the platform like the host CPU (host_cfg: its configuration; each on its PE,
 * the GIC's CPU interface of its index) with the host's dispatch, routes, observer and fault
 * explainer, and hands the firmware the CPUs' MPIDRs and the scheduler's power operations. With
 * one CPU only the firmware is told. False with *err on a unicorn failure.
 */
bool sim_smp_open(struct sim *sim, const struct emu_cpu_config *host_cfg, struct diag *err);

/* Closes the engines sim_smp_open opened. */
void sim_smp_close(struct sim *sim);

/*
 * Runs the powered-on CPUs until one of them ends the run (exit, fault, error, check ...) or every
 * CPU waits with nothing to wake it (a halt, recorded on the CPU that waited last). Returns the
 * CPU whose stop is the run's outcome.
 */
struct emu_cpu *sim_smp_run(struct sim *sim);

/* The index of the CPU that makes the current call (its PE's index). */
unsigned sim_smp_current(const struct sim *sim);

/*
 * CPU k powers on: before its first instruction (what TF-A's SPMD does on a CPU's warm boot).
 * The firmware's power state becomes ON.
 */
void sim_smp_cpu_start(struct sim *sim, unsigned k);

#endif
