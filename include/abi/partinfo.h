/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Partition-information descriptors (FF-A v1.2 (DEN0077A) §13.8, FFA_PARTITION_INFO_GET) and
 * their register form (§13.9, FFA_PARTITION_INFO_GET_REGS).
 *
 * In memory, little-endian:
 *   v1.0:      offset 0 u16 partition ID, 2 u16 execution-context count, 4 u32 properties
 *              (8 bytes);
 *   v1.1/v1.2: the same, then offset 8 the UUID's 16 bytes in text order (24 bytes);
 *   v1.3:      the same, then offset 24 the image UUID's 16 bytes, offset 40 u32 the
 *              partition's FF-A version, offset 44 u32 reserved (48 bytes; FF-A v1.3
 *              (DEN0077A) §14.8, Table 6.1).
 * In registers (GET_REGS): three per partition up to v1.2, {ID | count << 16 | properties
 * << 32, UUID bytes 0-7, UUID bytes 8-15} (abi/uuid.h, the 64-bit form); six from v1.3, adding
 * the image UUID's two halves and the partition's FF-A version.
 */
#ifndef ABI_PARTINFO_H
#define ABI_PARTINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "abi/uuid.h"

#define FFA_PARTINFO_SIZE_V1_0 8u
#define FFA_PARTINFO_SIZE_V1_1 24u /* also v1.2 */
#define FFA_PARTINFO_SIZE_V1_3 48u

/* One partition as discovery reports it. */
struct ffa_partinfo {
	uint16_t id;
	uint16_t exec_ctx_count;
	uint32_t props; /* FFA_PROP_*, unmasked: writing masks them for the reader's version */
	uint8_t uuid[FFA_UUID_SIZE];       /* the protocol (service) UUID */
	uint8_t image_uuid[FFA_UUID_SIZE]; /* v1.3: the partition image's UUID (Nil: none) */
	uint32_t ffa_version;              /* v1.3: the partition's FF-A version */
};

/* The descriptor size of the layout of `version`: 8 bytes for v1.0, 24 for v1.1 and v1.2, 48
 * from v1.3. */
size_t ffa_partinfo_size(uint32_t version);

/*
 * Writes one descriptor in the layout of `layout` at buf (ffa_partinfo_size(layout) bytes),
 * with the properties masked for a reader at `reader` (ffa_props_for_version()). An SPMC may
 * write a newer layout than its reader knows, which then reads the size it was told (FF-A v1.3
 * (DEN0077A) §14.8, as Hafnium v2.15 does for every v1.1+ caller). Returns the bytes written.
 */
size_t ffa_partinfo_write_layout(void *buf, const struct ffa_partinfo *info, uint32_t layout,
				 uint32_t reader);

/*
 * Writes one descriptor in the layout of `version` at buf (ffa_partinfo_size(version) bytes),
 * with the properties masked by ffa_props_for_version() (a v1.0 reader sees bits 0-2 only, a
 * v1.1 reader no DIRECT_REQ2 bits). Returns the number of bytes written.
 */
size_t ffa_partinfo_write(void *buf, const struct ffa_partinfo *info, uint32_t version);

/* Reads one descriptor in the layout of `version` from buf (fields the layout lacks are
 * zero). */
void ffa_partinfo_read(const void *buf, uint32_t version, struct ffa_partinfo *info);

/* The most GET_REGS registers one partition takes (the v1.3 form). */
#define FFA_PARTINFO_REGS_MAX 6u

/* GET_REGS registers per partition in the layout of `version`: 3 up to v1.2, 6 from v1.3. */
unsigned ffa_partinfo_regs_per_partition(uint32_t version);

/*
 * The three GET_REGS registers of one partition for a reader at `version` (properties masked
 * as by ffa_partinfo_write). with_uuid false leaves the UUID registers zero, as when the
 * caller asked for one UUID.
 */
void ffa_partinfo_to_regs(const struct ffa_partinfo *info, uint32_t version, bool with_uuid,
			  uint64_t regs[3]);

/*
 * The GET_REGS registers of one partition in the layout of `layout`
 * (ffa_partinfo_regs_per_partition(layout) of them), properties masked for a reader at
 * `reader`. with_uuid false leaves the protocol UUID zero, as when the caller asked for one
 * UUID; the image UUID and version are written whatever was asked (Hafnium v2.15).
 */
void ffa_partinfo_to_regs_layout(const struct ffa_partinfo *info, uint32_t layout, uint32_t reader,
				 bool with_uuid, uint64_t regs[FFA_PARTINFO_REGS_MAX]);

/* The partition described by three GET_REGS registers. */
void ffa_partinfo_from_regs(const uint64_t regs[3], struct ffa_partinfo *info);

/* The partition described by the GET_REGS registers of the layout of `layout`. */
void ffa_partinfo_from_regs_layout(const uint64_t *regs, uint32_t layout,
				   struct ffa_partinfo *info);

/* FFA_PARTITION_INFO_GET_REGS x3 of the request: start index 15:0, tag 31:16 (§13.9). */
static inline uint16_t ffa_partinfo_regs_start(uint64_t x3)
{
	return (uint16_t)(x3 & 0xffffu);
}

static inline uint16_t ffa_partinfo_regs_tag(uint64_t x3)
{
	return (uint16_t)((x3 >> 16) & 0xffffu);
}

static inline uint64_t ffa_partinfo_regs_request(uint16_t start, uint16_t tag)
{
	return ((uint64_t)tag << 16) | start;
}

/*
 * x2 of a GET_REGS answer: last index 15:0, index of the last partition in this answer 31:16,
 * tag 47:32, descriptor size 63:48 (§13.9).
 */
static inline uint64_t ffa_partinfo_regs_x2(uint16_t last, uint16_t current, uint16_t tag,
					    uint16_t size)
{
	return (uint64_t)last | ((uint64_t)current << 16) | ((uint64_t)tag << 32) |
	       ((uint64_t)size << 48);
}

static inline uint16_t ffa_partinfo_regs_last(uint64_t x2)
{
	return (uint16_t)(x2 & 0xffffu);
}

static inline uint16_t ffa_partinfo_regs_current(uint64_t x2)
{
	return (uint16_t)((x2 >> 16) & 0xffffu);
}

static inline uint16_t ffa_partinfo_regs_answer_tag(uint64_t x2)
{
	return (uint16_t)((x2 >> 32) & 0xffffu);
}

static inline uint16_t ffa_partinfo_regs_size(uint64_t x2)
{
	return (uint16_t)((x2 >> 48) & 0xffffu);
}

/* Partitions per GET_REGS answer: x3-x17 hold five triples (up to v1.2). */
#define FFA_PARTINFO_REGS_PER_CALL 5u
/* The registers x3-x17 that carry GET_REGS descriptors. */
#define FFA_PARTINFO_REGS_SLOTS 15u

#endif
