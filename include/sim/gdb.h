/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The GDB stub (sim/gdb.c, sim/gdb_target.c, sim/gdb_monitor.c; docs/observability.md,
 * "Debugging with gdb"): the GDB remote serial protocol over TCP on 127.0.0.1, one client.
 * Every engine that runs guest code is a thread (each normal-world CPU, each execution context
 * of each partition binary); stopping in one stops the whole system, since every engine runs
 * nested in the one thread of the simulation. `ffa-sim run --gdb PORT [--gdb-wait]`.
 */
#ifndef SIM_GDB_H
#define SIM_GDB_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "common/diag.h"

struct sim;
struct sim_gdb;
struct sim_obs;

/* The exit status of a run the debugger ended (`kill`). */
#define SIM_GDB_STATUS_KILLED 7

struct sim_gdb_config {
	unsigned port;       /* TCP port on 127.0.0.1; 0: any free port (printed as a note) */
	bool wait;           /* --gdb-wait: stop before the first instruction until gdb continues */
	FILE *notes;         /* where the listening note goes (NULL: stderr) */
	struct sim_obs *obs; /* the FF-A call record `monitor ffa-log` prints (NULL: none) */
};

/*
 * Opens the stub for an opened simulation: listens on 127.0.0.1:port and attaches to every
 * engine (a poll at block boundaries, which notices a connection and Ctrl-C) and to the calls
 * (`monitor break-on`). NULL with *err when the port cannot be had (in use, out of range).
 */
struct sim_gdb *sim_gdb_open(struct sim *sim, const struct sim_gdb_config *cfg, struct diag *err);

/*
 * Before the run: with wait, accepts the client and serves it, the system stopped before its
 * first instruction, until it continues or steps. False when the client killed the run then.
 */
bool sim_gdb_start(struct sim_gdb *gdb);

/* After the run: tells a client still attached that the run ended with status (W). */
void sim_gdb_finish(struct sim_gdb *gdb, int status);

/* True when the client killed the run. */
bool sim_gdb_killed(const struct sim_gdb *gdb);

/* Detaches from the simulation, closes the sockets and frees the stub (NULL: nothing). */
void sim_gdb_close(struct sim_gdb *gdb);

#endif
