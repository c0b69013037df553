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
 * descriptors' UUID is zero under Hafnium and carries the UUID under TF-A and OP-TEE, as each
 * answers.
 */
#include <stdlib.h>
#include <string.h>

#include "abi/partinfo.h"
#include "spmc/internal.h"

/* The most descriptors one query can produce. */
#define PINFO_MAX (SPMC_MAX_ENDPOINTS * SPMC_MAX_UUIDS)
/*
 * The version from which a partition is listed once per UUID: v1.1, the first whose descriptor
 * carries a UUID (24 bytes, FF-A v1.2 (DEN0077A) §13.8) and whose manifest binding lets one
 * partition expose several. Hafnium's own code treats several UUIDs per partition as a v1.2
 * addition; every personality here uses v1.1 (docs/ffa-support.md, FFA_PARTITION_INFO_GET).
 */
#define PINFO_MULTI_UUID_VERSION FFA_VERSION_1_1

/*
 * The descriptor layout a caller at `version` gets: the v1.0 one for a v1.0 caller; from v1.1
 * the SPMC's own layout when it is v1.3, as Hafnium v2.15 writes its 48-byte descriptor to every
 * v1.1+ caller and lets w3 tell the size (FF-A v1.3 (DEN0077A) §14.8: a caller reads the size it
 * is told); else the caller's.
 */
static uint32_t pinfo_layout(const struct spmc *spmc, uint32_t version)
{
	if (version >= FFA_VERSION_1_1 && spmc->cfg.version >= FFA_VERSION_1_3)
		return spmc->cfg.version;
	return version;
}

/*
 * The layout of FFA_PARTITION_INFO_GET_REGS answers: Hafnium v2.15 answers in its own v1.3
 * form (six registers a partition, descriptor size 48) whatever the caller's version; an SPMC
 * of v1.2 and older in the v1.2 form.
 */
static uint32_t pinfo_regs_layout(const struct spmc *spmc)
{
	return spmc->cfg.version >= FFA_VERSION_1_3 ? spmc->cfg.version : FFA_VERSION_1_2;
}

/*
 * Writes one descriptor in `layout`, masked for a caller at `version`. Under
 * partition-props-mask=none the properties go out unmasked, as Hafnium wrote them before it
 * masked them by the caller's version (the v1.2 mask keeps every bit; FF-A v1.2 (DEN0077A)
 * §13.8).
 */
static size_t pinfo_write(const struct spmc *spmc, uint8_t *buf, const struct ffa_partinfo *info,
			  uint32_t layout, uint32_t version)
{
	if (spmc->cfg.sw[SPMC_SW_PARTITION_PROPS_MASK] == SPMC_PROPS_MASK_NONE)
		version = FFA_VERSION_1_2;
	return ffa_partinfo_write_layout(buf, info, layout, version);
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
	/* No partition has an image UUID here: Nil, as OP-TEE's under Hafnium v2.15. */
	memset(out->image_uuid, 0, FFA_UUID_SIZE);
	out->ffa_version = ep->version;
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
	bool fill = any || spmc->cfg.personality->pinfo_named_uuid_filled;
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
			pinfo_fill(&out[n++], ep, fill ? ep->uuids[u] : nil);
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
	uint32_t layout = pinfo_layout(spmc, version);
	size_t size = ffa_partinfo_size(layout);
	size_t rx_size, len = 0;
	enum ffa_error err;
	uint8_t *buf;
	unsigned count;
	struct ffa_value v;

	ffa_uuid_from_regs32(args->x[1], args->x[2], args->x[3], args->x[4], uuid);
	/*
	 * w5: bit 0 asks for the count only (v1.1+), the other bits are MBZ. FF-A v1.0 has no
	 * flags: w5 is MBZ, and a v1.0 caller setting bit 0 gets INVALID_PARAMETERS (why Linux
	 * stopped sending the flag to v1.0 firmware). TF-A and OP-TEE ignore the other bits.
	 */
	if (version < FFA_VERSION_1_1 && !spmc_ungated(spmc)
		    ? flags != 0
		    : spmc->cfg.personality->pinfo_flags_mbz &&
			      (flags & ~FFA_PARTITION_INFO_COUNT_ONLY) != 0)
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	count = pinfo_collect(spmc, uuid, version, found);
	/* A UUID no partition implements (or no partition at all, as TF-A answers); OP-TEE
	 * answers with an empty list instead. */
	if (count == 0 && !spmc->cfg.personality->pinfo_unknown_uuid_empty)
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	/* Count only: no descriptors, no RX buffer, w3 zero. */
	if (flags & FFA_PARTITION_INFO_COUNT_ONLY)
		return ffa_success_value(count);
	/* The descriptors go to the caller's RX buffer, which must be mapped and free. */
	/*
	 * TF-A and Hafnium clear the whole buffer around the descriptors; OP-TEE leaves the rest
	 * as it was. The buffer is written through the caller's own memory (spmc_rx_fill), which
	 * also answers BUSY for a buffer not mapped or still owned, NO_MEMORY for one too small.
	 */
	rx_size = count * size;
	if (spmc->cfg.personality->rx_zero_rest &&
	    (size_t)rxtx->page_count * FFA_RXTX_PAGE_SIZE > rx_size)
		rx_size = (size_t)rxtx->page_count * FFA_RXTX_PAGE_SIZE;
	buf = calloc(1, rx_size > 0 ? rx_size : 1);
	if (buf == NULL)
		return ffa_error_value(FFA_ABORTED);
	for (unsigned i = 0; i < count; i++)
		len += pinfo_write(spmc, buf + len, &found[i], layout, version);
	err = spmc_rx_fill(spmc, caller, buf, rx_size);
	free(buf);
	if (err != FFA_OK)
		return ffa_error_value(err);

	v = ffa_success_value(count);
	/* w3: the descriptor size, from v1.1; v1.0 has no such field, so it stays zero there
	 * (TF-A), but Hafnium writes 8 (v2.15 on QEMU). */
	if (version >= FFA_VERSION_1_1 ||
	    (spmc->cfg.personality->partinfo_v1_0_size && spmc->cfg.version >= FFA_VERSION_1_3))
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
	uint32_t layout = pinfo_regs_layout(spmc);
	unsigned per = ffa_partinfo_regs_per_partition(layout);
	uint8_t uuid[FFA_UUID_SIZE];
	uint64_t regs[FFA_PARTINFO_REGS_MAX];
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
	/* x3-x17 hold five v1.2 descriptors or two v1.3 ones. */
	n = count - start;
	if (n > FFA_PARTINFO_REGS_SLOTS / per)
		n = FFA_PARTINFO_REGS_SLOTS / per;
	current = (uint16_t)(start + n - 1);

	v.x[0] = FFA_SUCCESS_64;
	v.x[2] = ffa_partinfo_regs_x2((uint16_t)(count - 1), current, 0,
				      (uint16_t)ffa_partinfo_size(layout));
	/* The UUID registers are zero when the caller named a UUID, as in the RX-buffer form. */
	/* Hafnium v2.15 masks the properties of the v1.0 RX-buffer descriptor only: the v1.3
	 * register form carries them whole (the v1.2 mask keeps every bit). */
	if (layout >= FFA_VERSION_1_3)
		version = FFA_VERSION_1_2;
	for (unsigned i = 0; i < n; i++) {
		ffa_partinfo_to_regs_layout(&found[start + i], layout,
					    pinfo_mask_version(spmc, version),
					    ffa_uuid_is_null(uuid), regs);
		memcpy(&v.x[3 + per * i], regs, per * sizeof(regs[0]));
	}
	return v;
}
