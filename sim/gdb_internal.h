/* SPDX-License-Identifier: BSD-3-Clause */
/* The GDB stub's own state, shared by sim/gdb.c, sim/gdb_target.c and sim/gdb_monitor.c. */
#ifndef SIM_GDB_INTERNAL_H
#define SIM_GDB_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "emu/cpu.h"
#include "emu/debug.h"
#include "sim/gdb.h"
#include "sim/gdb_packets.h"
#include "spmc/spmc.h"

#define GDB_MAX_BREAKS 32
#define GDB_MAX_WATCHES 8
/* Instructions between two looks at the socket while the system runs. */
#define GDB_POLL_INTERVAL (1u << 20)

struct sim_gdb;

/* One engine: a thread for gdb (its ID is its index + 1). */
struct gdb_thread {
	struct sim_gdb *gdb;
	struct emu_cpu *cpu;
	char name[64];
	uint16_t ep_id;             /* a partition's endpoint ID; 0: a normal-world CPU */
	struct emu_debug_hook step; /* every instruction: stepping, or watchpoints set */
	struct emu_debug_hook breaks[GDB_MAX_BREAKS];
	struct emu_debug_hook watches[GDB_MAX_WATCHES];
};

struct gdb_break {
	bool used;
	bool hw; /* Z1: reported as hwbreak */
	uint64_t addr;
};

/* Z2 write, Z3 read, Z4 access. */
struct gdb_watch {
	bool used;
	int type;
	uint64_t addr, len;
};

/* Where the system stopped, which decides how the engine comes back. */
enum gdb_stop_where {
	GDB_AT_START, /* before the first instruction (--gdb-wait) */
	GDB_AT_BLOCK, /* at a block boundary (the poll: Ctrl-C, a connection) */
	GDB_AT_CODE,  /* before an instruction (a code hook: breakpoint, step) */
	GDB_AT_MEM,   /* inside an access (a watchpoint) */
	GDB_AT_CALL   /* a trapped call, or a partition's call with its engine stopped */
};

enum gdb_reason {
	GDB_REASON_ATTACH, /* a client connected: '?' reports it */
	GDB_REASON_INTERRUPT,
	GDB_REASON_STEP,
	GDB_REASON_SWBREAK,
	GDB_REASON_HWBREAK,
	GDB_REASON_WATCH,
	GDB_REASON_BREAK_ON
};

struct gdb_stop {
	enum gdb_stop_where where;
	enum gdb_reason reason;
	unsigned thread; /* index */
	uint64_t pc;
	uint64_t index; /* instruction index at pc (CODE, BLOCK) */
	int watch_type;
	uint64_t watch_addr;
};

struct sim_gdb {
	struct sim *sim;
	struct sim_gdb_config cfg;
	int listen_fd;
	int fd; /* the client; -1: none */
	unsigned port;
	bool noack;
	struct sim_gdb_reader reader;
	uint8_t inbuf[4096];
	size_t in_len, in_pos;
	char *out;   /* framing buffer */
	char *reply; /* a reply's body */

	struct gdb_thread *threads;
	unsigned thread_count;
	/* Per thread: the breakpoint addresses and watchpoints its hooks cover. */
	uint64_t (*hooked_breaks)[GDB_MAX_BREAKS];
	struct gdb_watch (*hooked_watches)[GDB_MAX_WATCHES];
	unsigned g_thread, c_thread; /* Hg / Hc selections (indexes) */

	struct gdb_break breaks[GDB_MAX_BREAKS];
	struct gdb_watch watches[GDB_MAX_WATCHES];
	unsigned watch_count;
	bool hooks_dirty;

	/* The stop being served; resume set by c/s/vCont/D/k. */
	bool stopped;
	struct gdb_stop stop;
	bool resume;
	bool stepping;
	const struct emu_pe *step_pe;
	/* The instruction the resumed engine executes first is not reported again. */
	bool skip;
	const struct emu_cpu *skip_cpu;
	uint64_t skip_pc, skip_index;

	bool killed;
	/* monitor break-on: a function number (bit 30, the SMC64 bit, ignored); 0: none. */
	uint32_t break_on;
	struct emu_dispatch inner;          /* the normal-world CPUs' dispatch we wrap */
	struct spmc_call_observer previous; /* the SPMC's call observer we chain */
};

/* Sends a packet body (framed; in ack mode waits for the '+'). False when the client is gone. */
bool gdb_send(struct sim_gdb *gdb, const char *body, size_t len);
bool gdb_send_str(struct sim_gdb *gdb, const char *body);
/* The stop reply ("T05thread:N;...") of the current stop into buf. */
void gdb_stop_reply_text(const struct sim_gdb *gdb, char *buf, size_t size);
/* Sends text as console output ("O" + hex) while a monitor command runs. */
void gdb_console(struct sim_gdb *gdb, const char *text);

/* The client went away (EOF, error, detach): forget breakpoints, steps and break-on. */
void gdb_drop_client(struct sim_gdb *gdb);

/* sim/gdb_target.c: threads, hooks, stops. */
bool gdb_threads_open(struct sim_gdb *gdb);
void gdb_threads_close(struct sim_gdb *gdb);
struct gdb_thread *gdb_thread_of(struct sim_gdb *gdb, const struct emu_cpu *cpu);
/*
 * Stops the system where st says and serves the client until it resumes; then brings hooks up
 * to date. True when the engine of st's thread must leave and start again at st->pc.
 */
bool gdb_stop_here(struct sim_gdb *gdb, const struct gdb_stop *st);
/* Ends the run from the debugger (`kill`): every engine stops. */
void gdb_kill(struct sim_gdb *gdb);
/* Serves packets until resume (sim/gdb.c). */
void gdb_serve(struct sim_gdb *gdb);
/* Looks at the socket without blocking while the system runs: true when the client asked for a
 * stop (Ctrl-C) or has just connected (*attach). */
bool gdb_poll_socket(struct sim_gdb *gdb, bool *attach);

/* sim/gdb_monitor.c: a monitor command (qRcmd), its text decoded. Sends O packets, then the
 * final reply (OK or E). */
void gdb_monitor(struct sim_gdb *gdb, const char *cmd);

/* True when fid is the function `monitor break-on` waits for. */
bool gdb_break_on_matches(const struct sim_gdb *gdb, uint32_t fid);

#endif
