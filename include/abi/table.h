/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The one table of FF-A functions (FF-A v1.2 (DEN0077A) §13, Table 13.1, plus the v1.3 IDs known
 * but not modelled). Each row is one calling-convention form: FFA_RXTX_MAP_32 and
 * FFA_RXTX_MAP_64 are two rows. Dispatch, FFA_FEATURES, the conformance checker, traces and
 * scenario files all read it, so adding a function is one row here plus one handler.
 */
#ifndef ABI_TABLE_H
#define ABI_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Register masks over x0-x17: bit n is xn. */
#define FFA_REGS(first, last) ((uint32_t)((((uint64_t)1 << ((last) + 1)) - 1) & ~(((uint64_t)1 << (first)) - 1)))

struct ffa_func {
	uint32_t fid;     /* function ID (bit 30 set for the SMC64 form) */
	const char *name; /* "FFA_RXTX_MAP_64"; SMC32-only functions carry no suffix */
	uint32_t since;   /* the FF-A version that introduced it */
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
};

/* The row of a function ID (SVE hint ignored), or NULL for an ID the table does not know. */
const struct ffa_func *ffa_func_find(uint32_t fid);

/* The row with a name ("FFA_VERSION", "FFA_MSG_SEND_DIRECT_REQ_64"; case-insensitive), or NULL. */
const struct ffa_func *ffa_func_by_name(const char *name);

/* Iteration: the number of rows and row i. */
size_t ffa_func_count(void);
const struct ffa_func *ffa_func_at(size_t i);

#endif
