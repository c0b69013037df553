/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Scenarios (docs/scenarios.md): an FF-A conversation written as a YAML file, replayed
 * in-process against a simulated system without a guest, and recorded from a guest run.
 *
 * A scenario names a system (a system file or an inline one, with `set:` overrides) and a list
 * of steps: calls from the host or a partition with the registers expected back, writes and
 * checks of guest memory, separate guest runs, events (the hypervisor's finalisation) and
 * behaviour switches. Replay executes the steps in order against one simulation per file and
 * reports each as a TAP test point (and optionally JUnit XML); recording watches every call
 * the host makes during sim_run() and writes a scenario whose replay gives the same answers.
 */
#ifndef SCENARIOS_SCENARIO_H
#define SCENARIOS_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "abi/memdesc.h"
#include "abi/regs.h"
#include "common/diag.h"
#include "emu/cpu.h"
#include "sim/sim.h"
#include "sim/system.h"

#define SCN_MAX_SETS 32      /* `set:` overrides of one scenario */
#define SCN_SET_TEXT_MAX 256 /* one "KEY=VALUE" */
#define SCN_LABEL_MAX 160    /* a step's one-line description */
#define SCN_DATA_MAX 65536   /* bytes of one write or check step */
#define SCN_MAX_CONSOLE 32   /* console lines a run step expects */
#define SCN_CONSOLE_LINE_MAX 256
#define SCN_MAX_DESCRIPTORS 16 /* partition descriptors a check step expects */
#define SCN_MAX_SWITCHES 16    /* settings of one switch step */
#define SCN_MAX_HANDLES 32     /* names of saved handles (`handle: save NAME`) in one file */
#define SCN_HANDLE_NAME_MAX 32
#define SCN_MAX_RANGES 16 /* constituents of a transaction a step writes or expects */

/* Exit statuses of a replay: all passed, a step failed, an input error. */
#define SCN_STATUS_PASS 0
#define SCN_STATUS_FAIL 1
#define SCN_STATUS_USAGE 2

enum scn_step_kind {
	SCN_STEP_CALL,   /* an SMC/HVC from the host, or an FF-A call from a partition */
	SCN_STEP_WRITE,  /* bytes into guest memory */
	SCN_STEP_CHECK,  /* guest memory against bytes or partition descriptors */
	SCN_STEP_RUN,    /* a guest binary in a separate run of the scenario's system */
	SCN_STEP_EVENT,  /* an event of the system: the hypervisor's finalisation */
	SCN_STEP_SWITCH, /* changes a hypervisor switch or the SPMC's personality */
	SCN_STEP_ACCESS  /* checks the access an endpoint has to a page */
};

/* A memory handle a step names: a number, or one saved by an earlier step ($NAME). */
struct scn_handle_ref {
	bool saved;    /* else value */
	unsigned slot; /* of struct scn_scenario's handle_names, when saved */
	uint64_t value;
};

/* A register a call fills with a saved handle when it runs: all of it, or one 32-bit word. */
enum scn_handle_part { SCN_HANDLE_WHOLE, SCN_HANDLE_LO, SCN_HANDLE_HI };

struct scn_handle_arg {
	uint8_t reg;
	enum scn_handle_part part;
	unsigned slot;
};

/* What one result register must hold: (actual & mask) == value, unless any. */
struct scn_reg_expect {
	bool set;
	bool any;
	uint64_t value;
	uint64_t mask;
};

struct scn_call {
	bool from_host; /* else an FF-A call of partition from_id, into the SPMC */
	uint16_t from_id;
	enum ffa_conduit conduit; /* host calls only */
	struct ffa_value args;    /* x0-x17; registers not given are zero */
	struct scn_reg_expect expect[FFA_REG_COUNT];
	uint32_t unchanged; /* registers (bit n = xn) that must keep their argument value */
	bool expect_stop;   /* the call ends the run (PSCI SYSTEM_OFF): no answer */
	/* Memory calls: the total and fragment length registers to fill with the length of the
	 * descriptor the last write step wrote (0: none), and the registers that take a saved
	 * handle ($NAME, $NAME.lo, $NAME.hi; the handle field's two words). */
	uint8_t length_reg, frag_length_reg;
	struct scn_handle_arg handle_args[FFA_REG_COUNT];
	unsigned handle_arg_count;
	/* `expect: {handle: save NAME}` / `handle: $NAME` or a number: the handle of the answer
	 * (w2/w3 after FFA_SUCCESS, w1/w2 after FFA_MEM_FRAG_RX or FFA_MEM_FRAG_TX). */
	bool handle_save;
	bool handle_check;
	struct scn_handle_ref handle; /* the slot to save into, or the value to compare */
};

/* A partition descriptor expected in memory (FF-A v1.2 (DEN0077A) §13.8). */
struct scn_descriptor {
	uint16_t id;
	bool exec_ctx_set;
	uint16_t exec_ctx_count;
	bool props_set;
	uint32_t props;
	bool uuid_set;
	uint8_t uuid[16];
};

/*
 * A memory transaction descriptor (FF-A v1.2 (DEN0077A) §10.11) or relinquish descriptor a write
 * step writes by name, or a retrieve response a check step expects field by field.
 */
struct scn_memdesc {
	bool relinquish; /* else a transaction */
	struct ffa_mem_txn txn;
	struct ffa_mem_range ranges[SCN_MAX_RANGES];
	unsigned range_count;
	struct ffa_mem_relinquish rel;
	struct scn_handle_ref handle; /* of txn or rel */
	bool layout_set;              /* else the layout of the writer's or reader's version */
	/* check: the fields given (SCN_MEMDESC_*), the others are not compared. */
	uint32_t given;
};

#define SCN_MEMDESC_SENDER (1u << 0)
#define SCN_MEMDESC_HANDLE (1u << 1)
#define SCN_MEMDESC_TAG (1u << 2)
#define SCN_MEMDESC_FLAGS (1u << 3)
#define SCN_MEMDESC_ATTRIBUTES (1u << 4)
#define SCN_MEMDESC_RECEIVERS (1u << 5)
#define SCN_MEMDESC_RANGES (1u << 6)

/* write and check steps: guest physical memory. */
/*
 * A partition message (`message:` of write and check, docs/scenarios.md "Indirect messages"):
 * its header fields and payload. Written: offset and size default to the header of the layout
 * and the payload's length; checked: only the fields given are compared.
 */
struct scn_msg {
	uint16_t sender, receiver;
	bool sender_set, receiver_set;
	uint32_t offset, size;
	bool offset_set, size_set;
	uint8_t uuid[16];
	bool uuid_set;
	uint8_t *payload; /* NULL: none given */
	size_t payload_len;
	uint32_t layout; /* the header's version (1.1: no UUID); 0: the endpoint's */
};

struct scn_memory {
	/* The address, or, when buffer_set, the TX (write) or RX (check) buffer the SPMC has
	 * mapped for endpoint buffer_ep (`tx: NAME`, `rx: NAME`). */
	bool buffer_set;
	uint16_t buffer_ep;
	struct scn_memdesc *desc; /* `transaction:`, `relinquish:`, `descriptor:`; else NULL */
	struct scn_msg *msg;      /* `message:`; else NULL */
	uint64_t address;
	uint8_t *bytes; /* write: the data; check: the bytes expected (NULL for descriptors) */
	size_t size;
	struct scn_descriptor descriptors[SCN_MAX_DESCRIPTORS];
	unsigned descriptor_count;
	uint32_t layout; /* the descriptors' layout: FFA_VERSION_1_0 (8 bytes) or 1.1 (24) */
};

struct scn_run {
	char image[EMU_PATH_MAX]; /* resolved against the scenario's folder */
	bool status_set;
	int status;
	char console[SCN_MAX_CONSOLE][SCN_CONSOLE_LINE_MAX];
	unsigned console_count;
};

struct scn_event {
	bool expect_set; /* `expect: true/false`: whether the finalisation happened now */
	bool expect;
};

struct scn_switch {
	/* Hypervisor switch settings, checked and resolved when the file is read: switch index
	 * (enum hyp_switch) and value index, applied in order. */
	struct cfg_switch_delta hyp[SCN_MAX_SWITCHES];
	unsigned hyp_count;
	const struct spmc_personality *personality; /* NULL: unchanged */
};

/* An access step: what an endpoint may do to the page holding address. */
struct scn_access {
	uint64_t address;
	uint16_t endpoint;
	uint32_t expect; /* SPMC_MEM_READ | SPMC_MEM_WRITE: none, ro or rw */
};

struct scn_step {
	enum scn_step_kind kind;
	unsigned line, column;     /* of the step in its file */
	char label[SCN_LABEL_MAX]; /* "call FFA_VERSION from host (smc)" */
	union {
		struct scn_call call;
		struct scn_memory mem;
		/* A run step's 8 KiB of expected console lines, allocated for run steps only:
		 * every step has the union's size, and a long scenario has thousands of steps. */
		struct scn_run *run;
		struct scn_event event;
		struct scn_switch sw;
		struct scn_access access;
	} u;
};

/* An image a system can name as builtin:NAME, and a system a scenario can name the same way. */
struct scn_builtin_system {
	const char *name; /* "default" for `system: builtin:default` */
	const void *data;
	size_t size;
};

/* What loading and running scenarios may use besides the files. */
struct scn_options {
	/* Overrides applied after the scenario's own `set:` list (a matrix's variations). */
	const char *const *sets;
	unsigned set_count;
	const struct sim_builtin_image *builtin_images;
	unsigned builtin_image_count;
	const struct scn_builtin_system *builtin_systems;
	unsigned builtin_system_count;
};

struct scn_scenario {
	char file[DIAG_FILE_MAX];
	char description[SIM_DESCRIPTION_MAX];
	char system_path[EMU_PATH_MAX]; /* the system file, or "builtin:NAME", or "" when inline */
	char sets[SCN_MAX_SETS][SCN_SET_TEXT_MAX];
	unsigned set_count;
	struct sim_system *system; /* loaded with the sets applied */
	struct scn_step *steps;
	unsigned step_count;
	struct scn_options opts;
	/* The handles steps save (`handle: save NAME`), by slot. */
	char handle_names[SCN_MAX_HANDLES][SCN_HANDLE_NAME_MAX];
	unsigned handle_count;
};

/*
 * Loads and checks a scenario file: its system (loaded and checked too, with the scenario's
 * and opts' overrides), every step, and the partitions the steps name. Returns false with
 * *err positioned in the scenario file ("FILE:LINE:COLUMN: steps[2].call.expect.x0: ...") or in
 * the system file. On success release it with scn_free(). opts may be NULL.
 */
bool scn_load(const char *path, const struct scn_options *opts, struct scn_scenario *scn,
	      struct diag *err);

/* As scn_load(), from size bytes in memory; name is what messages call it. */
bool scn_load_buffer(const char *name, const void *data, size_t size,
		     const struct scn_options *opts, struct scn_scenario *scn, struct diag *err);

/* Releases what scn_load() allocated. Harmless on a zeroed scenario. */
void scn_free(struct scn_scenario *scn);

/* A running scenario: its simulation, built without a guest unless one is asked for. */
struct scn_session {
	const struct scn_scenario *scn;
	struct sim *sim;
	char *console; /* the simulation's console and notes, captured */
	size_t console_size;
	FILE *console_out;
	char *notes;
	size_t notes_size;
	FILE *notes_out;
	struct hyp_pkvm_config hyp; /* the hypervisor's configuration the simulation points to */
	/* Handles saved by steps, by slot of the scenario's handle_names. */
	uint64_t handles[SCN_MAX_HANDLES];
	bool handle_set[SCN_MAX_HANDLES];
	uint32_t last_desc_len; /* of the descriptor the last write step wrote; 0: none yet */
};

/*
 * Opens the scenario's simulation: its system without a guest (the steps make the calls),
 * console and notes captured. False with *err.
 */
bool scn_session_open(struct scn_session *s, const struct scn_scenario *scn, struct diag *err);

/* How a session's simulation is opened, beyond its scenario's system. */
struct scn_session_options {
	const char *guest_path; /* the normal-world image; NULL: see system_guest */
	bool system_guest;      /* with guest_path NULL: the system's image if it names one */
	FILE *console;          /* console output; NULL: captured in the session */
	FILE *notes;            /* notes and reports; NULL: captured in the session */
	bool check;             /* the conformance checker on the guest's calls, and notes */
};

/*
 * As scn_session_open(), with a guest that can run (sim_run(s->sim)) when o names one, and
 * console and notes where o says. o NULL: as scn_session_open().
 */
bool scn_session_open_with(struct scn_session *s, const struct scn_scenario *scn,
			   const struct scn_session_options *o, struct diag *err);

/*
 * Makes one call as a call step does (c's from_host, from_id, conduit and args; the
 * expectations are not used): *after gets x0-x17 as the caller sees them after the call.
 * *stopped when the handler ended the run instead of answering (the stop is cleared so that
 * more calls can follow). False with a line on report when nothing can take the call.
 */
bool scn_session_call(struct scn_session *s, const struct scn_call *c, struct ffa_value *after,
		      bool *stopped, FILE *report);

/* Closes the simulation. */
void scn_session_close(struct scn_session *s);

/*
 * Executes step i. Returns true when it passed; otherwise writes what went wrong to report
 * (one or more lines, no prefix): for a call the call, expected and actual registers side by
 * side in hex with FF-A names decoded.
 */
bool scn_step_execute(struct scn_session *s, unsigned i, FILE *report);

/* Replay's choices. */
struct scn_replay_options {
	struct scn_options scn;
	const char *junit_path; /* also write JUnit XML here (NULL: no) */
	unsigned shard_index;   /* K of --shard K/N, 1-based */
	unsigned shard_count;   /* N; 0: every file */
	FILE *progress;         /* a progress bar here when it is a terminal (NULL: none) */
	FILE *errors;           /* input errors; NULL: stderr */
};

/*
 * Replays files[0..count) (the shard's share of them, as scn_shard_plan splits them): loads every
 * selected file first (an input error is printed to opts->errors and returns
 * SCN_STATUS_USAGE before anything runs), then runs each scenario's steps in a simulation of
 * its own and writes TAP to out: the plan "1..N" (N steps in all), one "ok"/"not ok" line per
 * step naming FILE:LINE and the step, diagnostics of failures as "# " lines. Returns
 * SCN_STATUS_PASS, or SCN_STATUS_FAIL when a step failed (or the JUnit file cannot be
 * written). opts may be NULL.
 */
int scn_replay(const char *const *files, unsigned count, const struct scn_replay_options *opts,
	       FILE *out);

/* Parses "K/N" (1 <= K <= N). False with *err ("--shard 3/2: ...") otherwise. */
bool scn_shard_parse(const char *text, unsigned *index, unsigned *count, struct diag *err);

/*
 * Splits files among shard_count shards balanced by step count (steps[i] for file i):
 * longest file first, each to the shard with the fewest steps so far, ties to the lowest
 * shard. Writes each file's shard (1-based) into shard_of. Deterministic: every shard of a CI
 * run computes the same split from the same file list.
 */
void scn_shard_assign(const unsigned *steps, unsigned count, unsigned shard_count,
		      unsigned *shard_of);

/*
 * Counts the steps of a scenario file from its YAML alone (the `steps` list; the system and
 * the steps themselves are not checked): what planning shards needs, cheaply. False with *err
 * when the file is not YAML or has no `steps` list.
 */
bool scn_count_steps(const char *path, unsigned *steps, struct diag *err);

/*
 * Counts every file's steps (steps[i], scn_count_steps) and splits them with scn_shard_assign:
 * each shard reads every file's YAML, and loads and checks only its own files. False with
 * *err at the first file that cannot be counted.
 */
bool scn_shard_plan(const char *const *files, unsigned count, const struct scn_options *opts,
		    unsigned shard_count, unsigned *shard_of, unsigned *steps, struct diag *err);

/*
 * `ffa-sim replay --list`: prints "K/N<TAB>STEPS<TAB>FILE" for each file of the selected
 * shard (every file without --shard), then "# shard K/N: F file(s), S step(s)" for every
 * shard. Returns SCN_STATUS_PASS, or SCN_STATUS_USAGE on an input error.
 */
int scn_replay_list(const char *const *files, unsigned count, const struct scn_replay_options *opts,
		    FILE *out);

/* One call the host made and the registers it got back. */
struct scn_recorded_call {
	enum ffa_conduit conduit;
	struct ffa_value before;
	struct ffa_value after;
};

/*
 * A recorder: attached to a simulation before sim_run(), it sees every call of the host CPU
 * (chaining to the observer installed before it, the conformance checker) and keeps it.
 */
struct scn_recorder {
	struct sim *sim;
	struct emu_call_observer previous;
	struct scn_recorded_call *calls;
	size_t count;
	size_t capacity;
	bool out_of_memory;
};

/* Attaches rec (zeroed or fresh) to sim's host CPU. */
void scn_recorder_attach(struct scn_recorder *rec, struct sim *sim);

/* Detaches rec, putting back the observer it replaced. The calls stay for writing. */
void scn_recorder_detach(struct scn_recorder *rec);

/* Frees the recorded calls. */
void scn_recorder_free(struct scn_recorder *rec);

/* What a recorded scenario says about its system. */
struct scn_record_source {
	const char *system;      /* the system file as the run named it, or "builtin:NAME" */
	const char *const *sets; /* the run's overrides (its --set, and options turned into sets) */
	unsigned set_count;
	const char *description; /* NULL: one naming the guest */
	const char *guest;       /* the guest the run had, for the header comment (may be NULL) */
};

/*
 * Writes the recorded conversation as a scenario to out: the system and sets, then one call
 * step per call with every argument register that is not zero and all of x0-x17 of the answer
 * as expectations. False with *err when nothing can be written or the recording ran out of
 * memory.
 */
bool scn_recorder_write(const struct scn_recorder *rec, const struct scn_record_source *src,
			FILE *out, struct diag *err);

#endif
