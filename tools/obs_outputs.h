/* SPDX-License-Identifier: BSD-3-Clause */
/* The observability options shared by `ffa-sim run` and `ffa-sim replay` (tools/obs_outputs.c). */
#ifndef TOOLS_OBS_OUTPUTS_H
#define TOOLS_OBS_OUTPUTS_H

#include <stdbool.h>

#include "sim/insn_trace.h"
#include "sim/obs.h"
#include "sim/sim.h"

enum obs_stats { OBS_STATS_NONE, OBS_STATS_TEXT, OBS_STATS_JSON };

/* What the options ask for, and the recorder that serves them. */
struct obs_outputs {
	const char *ffa_path; /* --trace ffa[=FILE]: "-" is stderr */
	const char *json_path;
	const char *timeline_path;
	const char *sequence_path; /* .mmd or .svg */
	enum obs_stats stats;
	bool insn_on;
	struct sim_insn_filter insn;
	struct sim_insn_trace insn_trace;
	struct sim_obs obs;
	bool failed;      /* an output could not be written */
	bool keep_record; /* record the calls without an output asking (--gdb's monitor ffa-log) */
};

/* obs_outputs_option()'s answers besides an exit status. */
#define OBS_GO (-1)
#define OBS_NOT_MINE (-2)

/*
 * Reads one option (its long name without the dashes, its value or NULL) of command cmd:
 * OBS_GO, OBS_NOT_MINE (another option, or `--trace FILE`), or the usage error's exit status.
 */
int obs_outputs_option(struct obs_outputs *o, const char *cmd, const char *opt, const char *arg);

/* True when an option asked for a recorder. */
bool obs_outputs_wanted(const struct obs_outputs *o);

/* The recorder for sim_config.obs, or NULL when nothing asks for one. */
struct sim_obs *obs_outputs_recorder(struct obs_outputs *o);

/*
 * Sets cfg's before_boot so that the instruction trace, when asked for, covers the partitions
 * from their first instruction (their boot).
 */
void obs_outputs_configure(struct obs_outputs *o, struct sim_config *cfg);

/* Once the simulation is open: starts the instruction trace when asked for. */
void obs_outputs_start(struct obs_outputs *o, struct sim *sim);

/* Once the run ended (the simulation still open): writes the outputs. Returns status, or the
 * usage status when one cannot be written. */
int obs_outputs_finish(struct obs_outputs *o, int status);

/* Frees what the outputs hold. */
void obs_outputs_free(struct obs_outputs *o);

#endif
