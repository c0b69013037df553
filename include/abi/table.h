/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The one table of FF-A functions (FF-A v1.2 (DEN0077A) §13, Table 13.1, plus the v1.3 IDs known
 * but not modelled). Each row is one calling-convention form: FFA_RXTX_MAP_32 and
 * FFA_RXTX_MAP_64 are two rows, with their own index (enum ffa_func_idx). This table holds the
 * ABI's columns; the SPMC (spmc/spmc.c) and the hypervisor proxy (hyp/filter.c) hold their own
 * columns in arrays indexed by the same enum. Dispatch, FFA_FEATURES, the conformance checker,
 * traces and scenario files all read it, so adding a function is one row here (and its ID in
 * abi/fids.h's list) plus one handler.
 */
#ifndef ABI_TABLE_H
#define ABI_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "abi/fids.h"

/* Register masks over x0-x17: bit n is xn. */
#define FFA_REGS(first, last)                                                                      \
	((uint32_t)((((uint64_t)1 << ((last) + 1)) - 1) & ~(((uint64_t)1 << (first)) - 1)))

/* The index of each row: FFA_IDX_VERSION, FFA_IDX_RXTX_MAP_64, ... (abi/fids.h's list). */
enum ffa_func_idx {
#define FFA_IDX_ENTRY(n) FFA_IDX_##n,
	FFA_FUNC_LIST(FFA_IDX_ENTRY)
#undef FFA_IDX_ENTRY
		FFA_FUNC_COUNT
};

/*
 * The named fields a scenario step can give a call instead of raw registers (docs/scenarios.md),
 * as the registers they fill; 0 (false) where the field is not one of the function's.
 */
struct ffa_call_fields {
	uint8_t version;     /* "version": the requested version */
	uint8_t uuid;        /* "uuid": its first register */
	uint8_t uuid_words;  /* 4: four w registers (ffa_uuid_to_regs32); 2: two x registers */
	bool destination;    /* "destination": x1 holds the source and destination IDs */
	uint8_t payload;     /* "payload": its first register ... */
	uint8_t payload_max; /* ... and how many it has */
	uint8_t feature;     /* "feature": the function ID queried */
	uint8_t rxtx;        /* "tx", "rx", "pages": the first of three registers */
	uint8_t flags;       /* "flags" */
	/* Memory management (FF-A v1.2 (DEN0077A) §10.2): "length" (the total length) and
	 * "fragment-length" of a descriptor, "buffer" and "buffer-pages" (an address and page
	 * count, instead of the TX buffer), "handle" (its low word; the high word follows),
	 * "fragment-offset". */
	uint8_t length;
	uint8_t frag_length;
	uint8_t buffer;
	uint8_t handle;
	uint8_t frag_offset;
	/* Notifications (FF-A v1.2 (DEN0077A) §13.14-13.17): "sender" and "receiver" in x1 (31:16,
	 * 15:0), "notifications" a bitmap in this register and the next (low word first). */
	bool notif_ends;
	uint8_t notif_bitmap;
};

struct ffa_func {
	uint32_t fid;          /* function ID (bit 30 set for the SMC64 form) */
	const char *name;      /* "FFA_RXTX_MAP_64"; SMC32-only functions carry no suffix */
	enum ffa_func_idx idx; /* its own index */
	uint32_t since;        /* the FF-A version that introduced it */
	/* Argument registers the call reads (x0 included); the others are reserved, MBZ. */
	uint32_t args;
	/* Registers of its FFA_SUCCESS answer that carry results (x0 included); others MBZ. */
	uint32_t results;
	/* Calling it ends the caller's version-negotiation phase (§13.2.1): every call but
	 * FFA_VERSION itself. The SPMC's version-lock switch decides for FFA_INTERRUPT. */
	bool ends_negotiation;
	/* Known but not modelled by the simulator (the SPMC answers NOT_SUPPORTED). */
	bool not_modelled;
	/* Deprecated since v1.1 (FFA_MSG_POLL, FFA_MSG_SEND). */
	bool deprecated;
	/* An answer, never a request an SPMC handles (FFA_ERROR, FFA_SUCCESS, FFA_INTERRUPT):
	 * part of every implementation's ABI, so FFA_FEATURES reports it supported. */
	bool answer_only;
	/* It can come back in x0 as the answer to a call: a status (SUCCESS, ERROR, INTERRUPT),
	 * a scheduling hand-over (MSG_WAIT, YIELD, RUN) or a message delivered to the caller
	 * (direct and v1.0 indirect messages, memory-transaction fragments). */
	bool answers_call;
	/* An FFA_ERROR answer to it may name an endpoint and vCPU in w1 (the target information
	 * of FFA_RUN and of the messaging and scheduling interfaces); for other calls w1 is MBZ. */
	bool error_names_target;
	/* The fields a scenario step can name. */
	struct ffa_call_fields fields;
};

/* The row of a function ID (SVE hint ignored), or NULL for an ID the table does not know.
 * Constant time: an array indexed by function number and form. */
const struct ffa_func *ffa_func_find(uint32_t fid);

/*
 * The row of a function ID, or, when the table has no row for that form (an SMC64 FFA_FEATURES),
 * the row of the same function number in the other form: for rules that FF-A states per
 * function whatever the width. NULL when the number has no row at all.
 */
const struct ffa_func *ffa_func_find_any_form(uint32_t fid);

/* The row with an index. */
const struct ffa_func *ffa_func_of(enum ffa_func_idx idx);

/* The row with a name ("FFA_VERSION", "FFA_MSG_SEND_DIRECT_REQ_64"; case-insensitive), or NULL. */
const struct ffa_func *ffa_func_by_name(const char *name);

/* Iteration: the number of rows and row i (row i has index i). */
size_t ffa_func_count(void);
const struct ffa_func *ffa_func_at(size_t i);

#endif
