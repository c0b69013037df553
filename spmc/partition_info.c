/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Partition discovery: FFA_PARTITION_INFO_GET (FF-A v1.2 (DEN0077A) §13.8), answered through
 * the caller's RX buffer, and FFA_PARTITION_INFO_GET_REGS (§13.9), answered in x3-x17.
 *
 * The secure partitions are listed in the order they were added, the caller included when it
 * is one (Hafnium and TF-A both list every partition). A partition appears once per UUID it
 * implements for a v1.2 caller and once (its first UUID) for older ones: Hafnium's rule, since
 * one partition exposing several UUIDs is a v1.2 addition. A partition without a UUID is listed
 * once, with a Nil UUID, when all partitions are asked for. When the caller names a UUID, the
 * descriptors' UUID is zero (Hafnium and TF-A, and what TF-A's tests expect).
 */
#include <string.h>

#include "abi/partinfo.h"
#include "spmc/internal.h"

/* The most descriptors one query can produce. */
#define PINFO_MAX (SPMC_MAX_ENDPOINTS * SPMC_MAX_UUIDS)
/*
 * The version from which a partition is listed once per UUID: v1.1, as ffa-abi.md records
 * ("A partition with n UUIDs appears n times (1.1+)"). Hafnium's own code treats several UUIDs
 * per partition as a v1.2 addition; the reference's record is the behaviour modelled here.
 */
#define PINFO_MULTI_UUID_VERSION FFA_VERSION_1_1

/*
 * Writes one descriptor in the layout of `version`. Under partition-props-mask=none the
 * properties go out unmasked, as Hafnium wrote them before it masked them by the caller's
 * version: the descriptor is written in the v1.2 layout (whose masking keeps every bit) and
 * cut to the caller's size, the v1.0 layout being the first 8 bytes of the v1.1 one
 * (FF-A v1.2 (DEN0077A) §13.8).
 */
static size_t pinfo_write(const struct spmc *spmc, uint8_t *buf, const struct ffa_partinfo *info,
			  uint32_t version)
{
	uint8_t full[FFA_PARTINFO_SIZE_V1_1];
	size_t size = ffa_partinfo_size(version);

	if (spmc->cfg.sw[SPMC_SW_PARTITION_PROPS_MASK] != SPMC_PROPS_MASK_NONE)
		return ffa_partinfo_write(buf, info, version);
	ffa_partinfo_write(full, info, FFA_VERSION_1_2);
	memcpy(buf, full, size);
	return size;
}

/* The version whose mask GET_REGS applies: the caller's, or v1.2 (no mask) under none. */
static uint32_t pinfo_mask_version(const struct spmc *spmc, uint32_t version)
{
	if (spmc->cfg.sw[SPMC_SW_PARTITION_PROPS_MASK] == SPMC_PROPS_MASK_NONE)
		return FFA_VERSION_1_2;
	return version;
}

static void pinfo_fill(struct ffa_partinfo *out, const struct spmc_endpoint *ep,
		       const uint8_t *uuid)
{
	out->id = ep->id;
	out->exec_ctx_count = ep->exec_ctx_count;
	out->props = ep->props;
	memcpy(out->uuid, uuid, FFA_UUID_SIZE);
}

/*
 * Fills out[] with the partitions matching `uuid` (Nil: all) as a caller at `version` sees
 * them. Returns their number.
 */
static unsigned pinfo_collect(const struct spmc *spmc, const uint8_t uuid[FFA_UUID_SIZE],
			      uint32_t version, struct ffa_partinfo out[PINFO_MAX])
{
	static const uint8_t nil[FFA_UUID_SIZE];
	bool any = ffa_uuid_is_null(uuid);
	unsigned n = 0;

	for (unsigned i = 0; i < spmc->endpoint_count; i++) {
		const struct spmc_endpoint *ep = &spmc->endpoints[i];

		/* Hafnium does not list a partition that failed to boot (vm_is_discoverable). */
		if (!ep->secure || ep->boot_failed)
			continue;
		if (ep->uuid_count == 0) {
			if (any)
				pinfo_fill(&out[n++], ep, nil);
			continue;
		}
		for (unsigned u = 0; u < ep->uuid_count && u < SPMC_MAX_UUIDS; u++) {
			if (!any && !ffa_uuid_equal(uuid, ep->uuids[u]))
				continue;
			pinfo_fill(&out[n++], ep, any ? ep->uuids[u] : nil);
			if (version < PINFO_MULTI_UUID_VERSION)
				break;
		}
	}
	return n;
}

struct ffa_value spmc_partition_info_get(struct spmc *spmc, struct spmc_endpoint *caller,
					 const struct ffa_value *args)
{
	struct ffa_partinfo found[PINFO_MAX];
	uint32_t version = spmc_caller_version(spmc, caller);
	uint32_t flags = (uint32_t)args->x[5];
	uint8_t uuid[FFA_UUID_SIZE];
	struct spmc_rxtx *rxtx = &caller->rxtx;
	size_t size = ffa_partinfo_size(version);
	uint8_t *buf;
	unsigned count;
	struct ffa_value v;

	ffa_uuid_from_regs32(args->x[1], args->x[2], args->x[3], args->x[4], uuid);
	/*
	 * w5: bit 0 asks for the count only (v1.1+), the other bits are MBZ. FF-A v1.0 has no
	 * flags: w5 is MBZ, and a v1.0 caller setting bit 0 gets INVALID_PARAMETERS (why Linux
	 * stopped sending the flag to v1.0 firmware).
	 */
	if (version < FFA_VERSION_1_1 ? flags != 0 : (flags & ~FFA_PARTITION_INFO_COUNT_ONLY) != 0)
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	count = pinfo_collect(spmc, uuid, version, found);
	/* A UUID no partition implements (or no partition at all, as TF-A answers). */
	if (count == 0)
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	/* Count only: no descriptors, no RX buffer, w3 zero. */
	if (flags & FFA_PARTITION_INFO_COUNT_ONLY)
		return ffa_success_value(count);
	/* The descriptors go to the caller's RX buffer, which must be mapped and free. */
	if (!rxtx->mapped || rxtx->rx_full)
		return ffa_error_value(FFA_BUSY);
	if ((uint64_t)count * size > (uint64_t)rxtx->page_count * FFA_RXTX_PAGE_SIZE)
		return ffa_error_value(FFA_NO_MEMORY);
	buf = emu_memory_ptr(spmc->memory, rxtx->rx, count * size, caller->secure);
	/* The buffer was checked when mapped; Hafnium answers ABORTED when its copy fails. */
	if (buf == NULL)
		return ffa_error_value(FFA_ABORTED);
	for (unsigned i = 0; i < count; i++)
		buf += pinfo_write(spmc, buf, &found[i], version);
	rxtx->rx_full = true;

	v = ffa_success_value(count);
	/* w3: the descriptor size, from v1.1; v1.0 has no such field, so it stays zero there
	 * (TF-A; Hafnium writes 8). */
	if (version >= FFA_VERSION_1_1)
		v.x[3] = size;
	return v;
}

struct ffa_value spmc_partition_info_get_regs(struct spmc *spmc, struct spmc_endpoint *caller,
					      const struct ffa_value *args)
{
	struct ffa_partinfo found[PINFO_MAX];
	uint32_t version = spmc_caller_version(spmc, caller);
	uint16_t start = ffa_partinfo_regs_start(args->x[3]);
	uint16_t tag = ffa_partinfo_regs_tag(args->x[3]);
	uint8_t uuid[FFA_UUID_SIZE];
	unsigned count, n;
	uint16_t current;
	struct ffa_value v = {{0}};

	ffa_uuid_from_regs64(args->x[1], args->x[2], uuid);
	/*
	 * The tag lets a caller page through information that may change between calls. Here it
	 * never changes and every answer carries tag 0, so a non-zero tag is one the SPMC did not
	 * hand out: RETRY, as Hafnium and TF-A's SPMD answer.
	 */
	if (tag != 0)
		return ffa_error_value(FFA_RETRY);
	count = pinfo_collect(spmc, uuid, version, found);
	if (count == 0)
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	/* The start index must name a partition (Hafnium, TF-A's SPMD). */
	if (start >= count)
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	n = count - start;
	if (n > FFA_PARTINFO_REGS_PER_CALL)
		n = FFA_PARTINFO_REGS_PER_CALL;
	current = (uint16_t)(start + n - 1);

	v.x[0] = FFA_SUCCESS_64;
	v.x[2] = ffa_partinfo_regs_x2((uint16_t)(count - 1), current, 0,
				      (uint16_t)ffa_partinfo_size(version));
	/* The UUID registers are zero when the caller named a UUID, as in the RX-buffer form. */
	for (unsigned i = 0; i < n; i++)
		ffa_partinfo_to_regs(&found[start + i], pinfo_mask_version(spmc, version),
				     ffa_uuid_is_null(uuid), &v.x[3 + 3 * i]);
	return v;
}
