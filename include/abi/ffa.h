/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * FF-A constants and typed accessors: versions, error codes, endpoint IDs, partition
 * properties, feature IDs and the register fields of the calls (FF-A v1.2 (DEN0077A)).
 * Handlers use these helpers instead of raw shifts and masks.
 */
#ifndef ABI_FFA_H
#define ABI_FFA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "abi/ids.h"
#include "abi/regs.h"

/* Versions: bit 31 MBZ, bits 30:16 major, 15:0 minor (FF-A v1.2 (DEN0077A) §13.2.1). */
#define FFA_VERSION_1_0 0x10000u
#define FFA_VERSION_1_1 0x10001u
#define FFA_VERSION_1_2 0x10002u
#define FFA_VERSION_1_3 0x10003u
#define FFA_VERSION_MBZ_BIT (UINT32_C(1) << 31)

static inline uint32_t ffa_version_make(uint16_t major, uint16_t minor)
{
	return ((uint32_t)(major & 0x7fffu) << 16) | minor;
}

static inline uint16_t ffa_version_major(uint32_t version)
{
	return (uint16_t)((version >> 16) & 0x7fffu);
}

static inline uint16_t ffa_version_minor(uint32_t version)
{
	return (uint16_t)(version & 0xffffu);
}

/* A well-formed version value: bit 31 clear. */
static inline bool ffa_version_valid(uint32_t version)
{
	return (version & FFA_VERSION_MBZ_BIT) == 0;
}

/*
 * A caller at version `caller` can use a callee at `callee`: same major, caller's minor not
 * above the callee's (FF-A v1.2 (DEN0077A) §13.2.1).
 */
static inline bool ffa_version_compatible(uint32_t callee, uint32_t caller)
{
	return ffa_version_valid(caller) &&
	       ffa_version_major(caller) == ffa_version_major(callee) &&
	       ffa_version_minor(caller) <= ffa_version_minor(callee);
}

/* Parses "1.2" or a number (0x10002). False if it is neither. */
bool ffa_version_parse(const char *text, uint32_t *version);

/* Formats a version as "1.2" (or "0x80000000" when bit 31 is set). Returns buf. */
const char *ffa_version_format(uint32_t version, char *buf, size_t size);

/* FFA_ERROR codes (enum ffa_error) are defined in abi/fids.h, shared with the guest SDK. */

/* "NOT_SUPPORTED" ... "NOT_READY", or NULL for a code that is not one. */
const char *ffa_error_name(int32_t code);

/* The code for a name ("BUSY" or "FFA_BUSY"). False if there is none. */
bool ffa_error_parse(const char *name, int32_t *code);

/* Endpoint IDs (FF-A v1.2 (DEN0077A) §6.1). */
#define FFA_ID_NS_PHYS 0x0000u /* the normal world's physical instance */
#define FFA_ID_SPMC_DEFAULT 0x8000u
#define FFA_ID_SPMD 0xffffu
#define FFA_ID_SECURE_BIT 0x8000u

/* True for a secure endpoint ID (bit 15 set). */
static inline bool ffa_id_is_secure(uint16_t id)
{
	return (id & FFA_ID_SECURE_BIT) != 0;
}

/* DIRECT_REQ/RESP x1: source in bits 31:16, destination in 15:0 (§15.2). */
static inline uint16_t ffa_msg_source(uint64_t x1)
{
	return (uint16_t)((x1 >> 16) & 0xffffu);
}

static inline uint16_t ffa_msg_destination(uint64_t x1)
{
	return (uint16_t)(x1 & 0xffffu);
}

static inline uint64_t ffa_msg_ids(uint16_t source, uint16_t destination)
{
	return ((uint64_t)source << 16) | destination;
}

/* FFA_RUN w1: endpoint in 31:16, vCPU in 15:0 (§13.7). */
static inline uint16_t ffa_run_endpoint(uint64_t x1)
{
	return (uint16_t)((x1 >> 16) & 0xffffu);
}

static inline uint16_t ffa_run_vcpu(uint64_t x1)
{
	return (uint16_t)(x1 & 0xffffu);
}

/* DIRECT_REQ x2 flags: bit 31 framework message, bits 7:0 its function (§15.2). */
#define FFA_MSG_FLAG_FRAMEWORK (UINT32_C(1) << 31)

/* Partition properties (FFA_PARTITION_INFO_GET descriptor, §6.2.1, Table 6.2). */
#define FFA_PROP_DIRECT_REQ_RECV (UINT32_C(1) << 0)
#define FFA_PROP_DIRECT_REQ_SEND (UINT32_C(1) << 1)
#define FFA_PROP_INDIRECT_MSG (UINT32_C(1) << 2)
#define FFA_PROP_NOTIFICATIONS (UINT32_C(1) << 3)
#define FFA_PROP_ID_TYPE_SHIFT 4
#define FFA_PROP_ID_TYPE_MASK (UINT32_C(3) << 4)
#define FFA_PROP_ID_TYPE_PE (UINT32_C(0) << 4) /* 0: the ID is of a PE endpoint */
#define FFA_PROP_VM_CREATED (UINT32_C(1) << 6)
#define FFA_PROP_VM_DESTROYED (UINT32_C(1) << 7)
#define FFA_PROP_AARCH64 (UINT32_C(1) << 8)
#define FFA_PROP_DIRECT_REQ2_RECV (UINT32_C(1) << 9)
#define FFA_PROP_DIRECT_REQ2_SEND (UINT32_C(1) << 10)

/*
 * The properties a caller at `version` may see: bits 0-2 for v1.0 callers, no REQ2 bits
 * (9, 10) below v1.2.
 */
uint32_t ffa_props_for_version(uint32_t props, uint32_t version);

/* FFA_FEATURES feature IDs in w1 (bit 31 clear; §13.3). */
#define FFA_FEATURE_NPI 0x1u          /* notification pending interrupt */
#define FFA_FEATURE_SRI 0x2u          /* schedule receiver interrupt */
#define FFA_FEATURE_MEI 0x3u          /* managed exit interrupt */
#define FFA_FEATURE_NOTIFICATION 0x4u /* notification features (v1.3) */

/* FFA_RXTX_MAP: page count in w3 bits 5:0; buffers in 4 KiB pages (§13.11). */
#define FFA_RXTX_PAGE_SIZE 0x1000u
#define FFA_RXTX_PAGE_COUNT_MASK 0x3fu

/* FFA_PARTITION_INFO_GET w5 flags (§13.8): bit 0 returns the count only (v1.1+). */
#define FFA_PARTITION_INFO_COUNT_ONLY 0x1u

/* FFA_CONSOLE_LOG w1 bits 7:0: character count; up to 24 (SMC32) or 128 (SMC64) (§13.36). */
#define FFA_CONSOLE_LOG_MAX_32 24u
#define FFA_CONSOLE_LOG_MAX_64 128u

/* An FFA_ERROR answer: w0 FFA_ERROR, w1 0, w2 the code, x3-x7 zero. */
static inline struct ffa_value ffa_error_value(int32_t code)
{
	struct ffa_value v = {{0}};

	v.x[0] = FFA_ERROR_32;
	v.x[2] = (uint32_t)code;
	return v;
}

/* An FFA_SUCCESS_32 answer with w2 (other registers zero). */
static inline struct ffa_value ffa_success_value(uint32_t w2)
{
	struct ffa_value v = {{0}};

	v.x[0] = FFA_SUCCESS_32;
	v.x[2] = w2;
	return v;
}

/* True when v is an FFA_ERROR answer with the given code. */
static inline bool ffa_value_is_error(const struct ffa_value *v, int32_t code)
{
	return (uint32_t)v->x[0] == FFA_ERROR_32 && (int32_t)(uint32_t)v->x[2] == code;
}

#endif
