/* SPDX-License-Identifier: BSD-3-Clause */
/* Helpers shared by the scenario sources; not part of the public interface. */
#ifndef SCENARIOS_INTERNAL_H
#define SCENARIOS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "abi/table.h"
#include "common/yaml_cfg.h"
#include "scenarios/scenario.h"

#define SCN_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Loading state: the scenario, its text (for inline systems) and its document. */
struct scn_parse {
	struct scn_scenario *scn;
	const char *text;
	size_t size;
	struct cfg_doc doc;
	struct diag *err;
	bool desc_written; /* an earlier step writes a descriptor (lengths can default to it) */
};

/* The name of a function ID for labels and reports: its name, or the ID in hex. */
const char *scn_fid_text(uint32_t fid, char *buf, size_t size);

/* The ID of a function name: FF-A (abi/table.h), SMCCC or PSCI (abi/ids.h). */
bool scn_fid_by_name(const char *name, uint32_t *fid);

/*
 * Builds the simulation configuration for sys, as a run of the system file would be, quiet and
 * with the scenario's built-in images; *hyp gets the hypervisor's configuration (cfg points to
 * it). False with *err when the system's hypervisor section is wrong.
 */
bool scn_system_config(const struct sim_system *sys, const struct scn_options *opts,
		       struct sim_config *cfg, struct hyp_pkvm_config *hyp, struct diag *err);

/*
 * Reads a register value: a number (negative decimals in two's complement), a version (1.2),
 * a function name (its ID), an FF-A error name (its 32-bit code). `any` and {value, mask}
 * are for expectations only (allow_expect).
 */
bool scn_read_value(const struct cfg_node *n, bool allow_expect, struct scn_reg_expect *e,
		    struct diag *err);

/* An endpoint: "host", a partition's name or an ID. *host true for the normal world. */
bool scn_read_endpoint(struct scn_parse *p, const struct cfg_node *n, bool *host, uint16_t *id);

/*
 * Memory management (scenarios/parse_mem.c). The named fields of the memory calls (length,
 * fragment-length, buffer, buffer-pages, handle, fragment-offset; flags is read with the
 * others) into c's registers, and the lengths that default to the last descriptor written.
 */
bool scn_read_mem_fields(struct scn_parse *p, const struct cfg_node *call,
			 const struct ffa_call_fields *f, const char *fname, struct scn_call *c);

/*
 * An argument register of a call: a value as scn_read_value() reads it, or a saved handle
 * ($NAME, or one word of it: $NAME.lo, $NAME.hi) put in when the step runs.
 */
bool scn_read_arg(struct scn_parse *p, const struct cfg_node *n, struct scn_call *c, unsigned reg);

/* `expect: {handle: save NAME | $NAME | N}`. */
bool scn_read_handle_expect(struct scn_parse *p, const struct cfg_node *n, struct scn_call *c);

/* The descriptor forms of write (transaction, relinquish) and check (descriptor). */
bool scn_read_memdesc(struct scn_parse *p, const struct cfg_node *n, bool check,
		      struct scn_memory *m);

/*
 * Notifications (scenarios/parse_notif.c): the named fields sender, receiver and notifications of
 * the notification calls, and the expectations bitmaps (GET), ids and more (INFO_GET), which
 * scn_is_notif_expect() names.
 */
bool scn_read_notif_args(struct scn_parse *p, const struct cfg_node *call,
			 const struct ffa_call_fields *f, const char *fname, struct scn_call *c);
bool scn_is_notif_expect(const char *key);
bool scn_read_notif_expect(struct scn_parse *p, const char *key, const struct cfg_node *val,
			   struct scn_call *c);
/* The message form of write and check (scenarios/parse_send2.c). */
bool scn_read_msg(struct scn_parse *p, const struct cfg_node *n, bool check, struct scn_memory *m);

/* An access step. */
bool scn_read_access(struct scn_parse *p, const struct cfg_node *n, struct scn_step *st);

/* Memory management steps (scenarios/exec_mem.c). */
bool scn_exec_memdesc_write(struct scn_session *s, const struct scn_step *st, FILE *report);
bool scn_exec_memdesc_check(struct scn_session *s, const struct scn_step *st, FILE *report);
bool scn_exec_access(struct scn_session *s, const struct scn_step *st, FILE *report);

/* Where a write (TX buffer) or check (RX buffer) step's bytes are (scenarios/exec_mem.c). */
struct scn_place {
	uint64_t addr;
	uint64_t size;    /* the buffer's size, or what the step may use at the address */
	uint32_t version; /* the layout an endpoint there reads and writes */
	uint8_t *bytes;
};
bool scn_place_find(struct scn_session *s, const struct scn_step *st, bool rx, struct scn_place *pl,
		    FILE *report);

/* Indirect-message steps (scenarios/exec_send2.c). */
bool scn_exec_msg_write(struct scn_session *s, const struct scn_step *st, FILE *report);
bool scn_exec_msg_check(struct scn_session *s, const struct scn_step *st, FILE *report);
/* Before a call: fills the lengths and handle a call step takes from earlier steps. False with
 * a line on report when one is missing. */
bool scn_call_resolve(struct scn_session *s, const struct scn_step *st, struct scn_call *c,
		      FILE *report);
/* After a call: checks or saves the handle of the answer. */
bool scn_call_handle(struct scn_session *s, const struct scn_step *st,
		     const struct ffa_value *after, FILE *report);

#endif
