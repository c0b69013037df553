/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The host's memory sharing (pKVM's do_ffa_mem_xfer, do_ffa_mem_frag_tx and do_ffa_mem_reclaim
 * in Linux's arch/arm64/kvm/hyp/nvhe/ffa.c): the proxy copies the host's descriptor from the
 * host's TX buffer into its own (endpoint 0's TX buffer at the SPMC), checks the constituents
 * it can see in that fragment, marks their pages shared so that the host cannot hand them out
 * twice, and reissues the call to the SPMC; a failure there undoes the marking. It reads the
 * fields pKVM reads, at the offsets pKVM reads them, and nothing else: the rest of the
 * descriptor is the SPMC's to check (FF-A v1.2 (DEN0077A) §10.11).
 *
 * - FFA_MEM_SHARE and FFA_MEM_LEND (both forms, reissued in their 64-bit form): x3 and w4 must
 *   be zero (no dynamically allocated buffer), the first fragment no longer than the total nor
 *   than the proxy's buffer and at least a header and one endpoint memory access descriptor,
 *   one receiver, the host (ID 0) the sender, a composite offset that is not 0 and leaves room
 *   for the composite in the fragment, whole constituents after it: else INVALID_PARAMETERS.
 *   A constituent the host may not share: DENIED, with what was shared undone.
 * - FFA_MEM_FRAG_TX: a fragment is constituents only; one the host may not share aborts the
 *   whole transaction with FFA_MEM_RECLAIM (DENIED to the host).
 * - FFA_MEM_RECLAIM: pKVM keeps no record of transactions, so it asks the SPMC for the
 *   descriptor again with a hypervisor retrieve request (FF-A v1.2 (DEN0077A) §10.4.3),
 *   gathers its fragments (FFA_MEM_FRAG_RX), reclaims, and unshares the constituents listed.
 *
 * Every answer the SPMC gives is returned to the host as it is; the errors the proxy makes are
 * FFA_ERROR frames with its own encoding. The behaviour switches mem-length-check,
 * reclaim-rx-release and mem-access-offset select a point in the history of these paths
 * (docs/hypervisor.md).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "abi/ids.h"
#include "abi/memdesc.h"
#include "hyp/internal.h"

/* The fields pKVM reads: FF-A v1.2 (DEN0077A) §10.11.2 Table 10.20 (the header), §10.10.2
 * Table 10.13 (endpoint memory access descriptor), §10.10.3 Tables 10.14, 10.16. */
#define HYP_MD_SENDER 0u        /* u16 */
#define HYP_MD_HANDLE 8u        /* u64 */
#define HYP_MD_EP_COUNT 28u     /* u32 */
#define HYP_MD_EP_OFFSET 32u    /* u32, v1.1+: offset of the endpoint memory access descriptors */
#define HYP_EMAD_COMPOSITE 4u   /* u32 in an endpoint memory access descriptor */
#define HYP_COMPOSITE_COUNT 4u  /* u32 in a composite: the constituent count */
#define HYP_CONSTITUENT_PAGES 8 /* u32 in a constituent, after its u64 address */

#define HYP_MBOX_SIZE (HYP_PKVM_MBOX_PAGES * HYP_PKVM_PAGE_SIZE)
/* The smallest first fragment pKVM takes: its header struct (the v1.1 layout, 48 bytes) and
 * one endpoint memory access descriptor, whatever the version. */
#define HYP_XFER_MIN (FFA_MEMDESC_HEADER_SIZE_1_1 + FFA_MEMDESC_RECEIVER_SIZE_1_0)

static uint32_t hyp_get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t hyp_get64(const uint8_t *p)
{
	return (uint64_t)hyp_get32(p) | (uint64_t)hyp_get32(p + 4) << 32;
}

/* Constituent i of the array at buf (FF-A v1.2 (DEN0077A) §10.10.3 Table 10.16). */
static struct ffa_mem_range hyp_constituent(const uint8_t *buf, uint32_t i)
{
	const uint8_t *c = buf + (size_t)i * FFA_MEMDESC_CONSTITUENT_SIZE;

	return (struct ffa_mem_range){hyp_get64(c), hyp_get32(c + HYP_CONSTITUENT_PAGES)};
}

/*
 * Where pKVM looks for the first endpoint memory access descriptor: after the header of the
 * version in use (ffa_mem_desc_offset()), 32 bytes for v1.0 and 48 from v1.1, never at the
 * header's own offset field.
 */
static uint32_t hyp_emad_offset(const struct hyp_pkvm *hyp)
{
	return hyp->version <= FFA_VERSION_1_0 ? FFA_MEMDESC_HEADER_SIZE_1_0
					       : FFA_MEMDESC_HEADER_SIZE_1_1;
}

/* The pages of a constituent, as pKVM turns it into a page frame and a page count. */
static bool hyp_range_pages(struct ffa_mem_range r, uint64_t *base, uint64_t *size)
{
	/* hyp_phys_to_pfn() drops the offset in the page; the SPMC refuses such an address. */
	*base = r.address & ~(uint64_t)(HYP_PKVM_PAGE_SIZE - 1);
	*size = (uint64_t)r.page_count * FFA_MEM_PAGE_SIZE;
	return *size % HYP_PKVM_PAGE_SIZE == 0 && *base + *size >= *base;
}

static bool hyp_overlaps(uint64_t a, uint64_t a_size, uint64_t b, uint64_t b_size)
{
	return a < b + b_size && b < a + a_size;
}

bool hyp_mem_shared(const struct hyp_pkvm *hyp, uint64_t base, uint64_t size)
{
	for (unsigned i = 0; i < hyp->shared.count; i++)
		if (hyp_overlaps(base, size, hyp->shared.ranges[i].base,
				 hyp->shared.ranges[i].size))
			return true;
	return false;
}

/* True when a byte of [base, base + size) is shared already, with the SPMC or the proxy. */
static bool hyp_shared_already(const struct hyp_pkvm *hyp, uint64_t base, uint64_t size)
{
	if (hyp_mem_shared(hyp, base, size))
		return true;
	/* The host's RX/TX pages are shared with the proxy (__pkvm_host_share_hyp). */
	return hyp->host_buffers.mapped &&
	       (hyp_overlaps(base, size, hyp->host_buffers.tx, HYP_MBOX_SIZE) ||
		hyp_overlaps(base, size, hyp->host_buffers.rx, HYP_MBOX_SIZE));
}

/*
 * One constituent's pages to shared, as __pkvm_host_share_ffa() does: every page must be the
 * host's own RAM (not the proxy's reserved memory) and in no other sharing. False, nothing
 * changed, when it may not be.
 */
static bool hyp_share_range(struct hyp_pkvm *hyp, const struct spmc_mem_owner *host,
			    struct ffa_mem_range r)
{
	uint64_t base, size;

	if (!hyp_range_pages(r, &base, &size))
		return false;
	if (size == 0)
		return true;
	if (spmc_mem_check(&hyp->wiring.memory, host, base, size, SPMC_MEM_RW) != SPMC_MEM_OK ||
	    hyp_shared_already(hyp, base, size))
		return false;
	if (spmc_mem_owner_add(&hyp->shared, base, size, SPMC_MEM_RW) != SPMC_MEM_OK)
		return false;
	/* Constituents page by page (a fragmented share) stay one range. */
	spmc_mem_owner_coalesce(&hyp->shared);
	return true;
}

/* One constituent's pages back to the host alone (__pkvm_host_unshare_ffa): every page must
 * be shared. */
static bool hyp_unshare_range(struct hyp_pkvm *hyp, struct ffa_mem_range r)
{
	uint64_t base, size;

	if (!hyp_range_pages(r, &base, &size))
		return false;
	if (size == 0)
		return true;
	if (!spmc_mem_owns(&hyp->shared, base, size, SPMC_MEM_RW))
		return false;
	return spmc_mem_owner_remove(&hyp->shared, base, size) == SPMC_MEM_OK;
}

/* Unshares the first n constituents; the number unshared (stops at the first failure). */
static uint32_t hyp_unshare_first(struct hyp_pkvm *hyp, const uint8_t *ranges, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		if (!hyp_unshare_range(hyp, hyp_constituent(ranges, i)))
			break;
	return i;
}

/*
 * Shares n constituents (pKVM's ffa_host_share_ranges): all or none. FFA_OK, or FFA_DENIED
 * with the ones shared before the refused one unshared again.
 */
static int32_t hyp_share_ranges(struct hyp_pkvm *hyp, const char *what, const uint8_t *ranges,
				uint32_t n)
{
	struct spmc_mem_owner host;
	struct ffa_mem_range r;
	uint32_t i;

	if (!hyp_memory_owner(hyp, false, &host))
		return FFA_DENIED;
	for (i = 0; i < n; i++)
		if (!hyp_share_range(hyp, &host, hyp_constituent(ranges, i)))
			break;
	if (i == n)
		return FFA_OK;
	r = hyp_constituent(ranges, i);
	hyp_note(hyp,
		 "%s: constituent %" PRIu32 " (0x%" PRIx64 ", %" PRIu32
		 " pages) is not the host's to share (not its RAM, the proxy's memory, or shared "
		 "already): DENIED",
		 what, i, r.address, r.page_count);
	if (hyp_unshare_first(hyp, ranges, i) != i)
		hyp_note(hyp, "%s: undoing the constituents before it failed", what);
	return FFA_DENIED;
}

/* Unshares n constituents (pKVM's ffa_host_unshare_ranges): on a failure the ones unshared
 * are shared again and the call says so. */
static void hyp_unshare_ranges(struct hyp_pkvm *hyp, const char *what, const uint8_t *ranges,
			       uint32_t n)
{
	struct spmc_mem_owner host;
	uint32_t done = hyp_unshare_first(hyp, ranges, n);

	if (done == n)
		return;
	hyp_note(hyp,
		 "%s: constituent %" PRIu32 " was not shared: the host's pages stay as they were",
		 what, done);
	if (!hyp_memory_owner(hyp, false, &host))
		return;
	for (uint32_t i = 0; i < done; i++)
		(void)hyp_share_range(hyp, &host, hyp_constituent(ranges, i));
}

/* A memory call the proxy refuses itself. */
static struct ffa_value hyp_mem_refuse(struct hyp_pkvm *hyp, int32_t code)
{
	hyp->mem_refused++;
	return hyp_error(hyp, code);
}

/* The proxy's own call about a handle (FFA_MEM_RECLAIM, FFA_MEM_FRAG_TX, FFA_MEM_FRAG_RX):
 * the handle in w1/w2 (FF-A v1.2 (DEN0077A) §10.2.1), then w3 and w4. */
static struct ffa_value hyp_call_handle(struct hyp_pkvm *hyp, uint32_t fid, uint32_t handle_lo,
					uint32_t handle_hi, uint32_t w3, uint32_t w4)
{
	struct ffa_value args = {{0}};

	args.x[0] = fid;
	args.x[1] = handle_lo;
	args.x[2] = handle_hi;
	args.x[3] = w3;
	args.x[4] = w4;
	return hyp_call_firmware(hyp, &args);
}

/*
 * Copies a fragment of the host's TX buffer into the proxy's own (endpoint 0's at the SPMC)
 * and into buf. False when either is out of reach (both were checked when mapped).
 */
static bool hyp_copy_host_tx(struct hyp_pkvm *hyp, uint8_t *buf, uint32_t len)
{
	struct spmc_mem_owner own, host;

	return hyp_memory_owner(hyp, true, &own) && hyp_memory_owner(hyp, false, &host) &&
	       spmc_mem_read(&hyp->wiring.memory, &host, hyp->host_buffers.tx, buf, len) ==
		       SPMC_MEM_OK &&
	       spmc_mem_write(&hyp->wiring.memory, &own, hyp->own.tx, buf, len) == SPMC_MEM_OK;
}

struct ffa_value hyp_host_mem_xfer(struct hyp_pkvm *hyp, uint32_t fid64,
				   const struct ffa_value *args)
{
	const char *what = fid64 == FFA_MEM_LEND_64 ? "FFA_MEM_LEND" : "FFA_MEM_SHARE";
	uint32_t len = (uint32_t)args->x[1], fraglen = (uint32_t)args->x[2];
	uint32_t offset, nr_bytes, nr_ranges, emad;
	uint8_t buf[HYP_MBOX_SIZE];
	struct ffa_value fwd = {{0}}, res;
	int32_t code;

	/* x3 (address) and w4 (page count) name a dynamically allocated buffer: pKVM has none. */
	if (args->x[3] != 0 || (uint32_t)args->x[4] != 0 || fraglen > len ||
	    fraglen > HYP_MBOX_SIZE || fraglen < HYP_XFER_MIN)
		return hyp_mem_refuse(hyp, FFA_INVALID_PARAMETERS);
	if (!hyp->host_buffers.mapped)
		return hyp_mem_refuse(hyp, FFA_INVALID_PARAMETERS);
	/* "KVM: arm64: Add memory length checks and remove inline in do_ffa_mem_xfer": a
	 * descriptor the reclaim path cannot gather back would leave the pages shared forever. */
	if (hyp->cfg.sw[HYP_SW_MEM_LENGTH_CHECK] == HYP_MEM_LENGTH_DESC_BUFFER &&
	    len > HYP_PKVM_DESC_BUF_SIZE)
		return hyp_mem_refuse(hyp, FFA_NO_MEMORY);
	if (!hyp_copy_host_tx(hyp, buf, fraglen))
		return hyp_mem_refuse(hyp, FFA_ABORTED);

	/* "KVM: arm64: Validate the offset to the mem access descriptor": the SPMC reads the
	 * descriptor where the header's offset says; the proxy must check the same one. */
	emad = hyp_emad_offset(hyp);
	if (hyp->cfg.sw[HYP_SW_MEM_ACCESS_OFFSET] == HYP_MEM_ACCESS_CHECKED &&
	    hyp->version >= FFA_VERSION_1_1 && hyp_get32(buf + HYP_MD_EP_OFFSET) != emad)
		return hyp_mem_refuse(hyp, FFA_INVALID_PARAMETERS);
	offset = hyp_get32(buf + emad + HYP_EMAD_COMPOSITE);
	if (offset == 0 || hyp_get32(buf + HYP_MD_EP_COUNT) != 1 ||
	    (uint16_t)(buf[HYP_MD_SENDER] | buf[HYP_MD_SENDER + 1] << 8) != FFA_ID_NS_PHYS)
		return hyp_mem_refuse(hyp, FFA_INVALID_PARAMETERS);
	/* The composite must fit in the fragment: "KVM: arm64: Check the untrusted offset in
	 * FF-A memory share" takes the sum without wrapping; before, it was a u32 sum. */
	if (hyp->cfg.sw[HYP_SW_COMPOSITE_OFFSET_CHECK] == HYP_COMPOSITE_OVERFLOW_CHECKED
		    ? (uint64_t)offset + FFA_MEMDESC_COMPOSITE_SIZE > fraglen
		    : (uint32_t)(offset + FFA_MEMDESC_COMPOSITE_SIZE) > fraglen)
		return hyp_mem_refuse(hyp, FFA_INVALID_PARAMETERS);
	/* The bytes from the constituents to the end of the fragment: pKVM's pointer difference,
	 * kept in a u32. */
	nr_bytes = (uint32_t)((uint64_t)fraglen - offset - FFA_MEMDESC_COMPOSITE_SIZE);
	if (nr_bytes % FFA_MEMDESC_CONSTITUENT_SIZE != 0)
		return hyp_mem_refuse(hyp, FFA_INVALID_PARAMETERS);
	nr_ranges = nr_bytes / FFA_MEMDESC_CONSTITUENT_SIZE;
	if ((uint64_t)offset + FFA_MEMDESC_COMPOSITE_SIZE + nr_bytes > fraglen) {
		/* Only with the wrapped sum: the constituents lie 4 GiB past the proxy's buffer,
		 * and pKVM's read of them faults at EL2. */
		snprintf(hyp->panic, sizeof(hyp->panic),
			 "pkvm: hypervisor panic: %s: composite offset 0x%" PRIx32
			 " wrapped the fragment check; reading %" PRIu32
			 " constituents 4 GiB past the proxy's buffer faulted at EL2",
			 what, offset, nr_ranges);
		return hyp_error(hyp, FFA_ABORTED);
	}
	code = hyp_share_ranges(hyp, what, buf + offset + FFA_MEMDESC_COMPOSITE_SIZE, nr_ranges);
	if (code != FFA_OK)
		return hyp_mem_refuse(hyp, code);

	fwd.x[0] = fid64;
	fwd.x[1] = len;
	fwd.x[2] = fraglen;
	res = hyp_call_firmware(hyp, &fwd);
	/* More fragments to come: the SPMC must ask for the next one at the right offset. */
	if (fraglen != len ? res.x[0] != FFA_MEM_FRAG_RX || res.x[3] != fraglen
			   : res.x[0] != FFA_SUCCESS_32)
		hyp_unshare_ranges(hyp, what, buf + offset + FFA_MEMDESC_COMPOSITE_SIZE, nr_ranges);
	return res;
}

struct ffa_value hyp_host_mem_frag_tx(struct hyp_pkvm *hyp, const struct ffa_value *args)
{
	uint32_t handle_lo = (uint32_t)args->x[1], handle_hi = (uint32_t)args->x[2];
	uint32_t fraglen = (uint32_t)args->x[3], endpoint = (uint32_t)args->x[4];
	uint8_t buf[HYP_MBOX_SIZE];
	struct ffa_value res;
	uint32_t nr_ranges;

	if (fraglen > HYP_MBOX_SIZE || fraglen % FFA_MEMDESC_CONSTITUENT_SIZE != 0 ||
	    !hyp->host_buffers.mapped)
		return hyp_mem_refuse(hyp, FFA_INVALID_PARAMETERS);
	if (!hyp_copy_host_tx(hyp, buf, fraglen))
		return hyp_mem_refuse(hyp, FFA_ABORTED);
	nr_ranges = fraglen / FFA_MEMDESC_CONSTITUENT_SIZE;
	if (hyp_share_ranges(hyp, "FFA_MEM_FRAG_TX", buf, nr_ranges) != FFA_OK) {
		/*
		 * The transaction is abandoned: pKVM reclaims it at the SPMC. The pages of the
		 * fragments sent before stay marked shared (pKVM no longer has their list).
		 */
		res = hyp_call_handle(hyp, FFA_MEM_RECLAIM, handle_lo, handle_hi, 0, 0);
		if (res.x[0] != FFA_SUCCESS_32)
			hyp_note(hyp,
				 "FFA_MEM_FRAG_TX: reclaiming the abandoned transaction failed");
		return hyp_mem_refuse(hyp, FFA_DENIED);
	}
	res = hyp_call_handle(hyp, FFA_MEM_FRAG_TX, handle_lo, handle_hi, fraglen, endpoint);
	if (res.x[0] != FFA_SUCCESS_32 && res.x[0] != FFA_MEM_FRAG_RX)
		hyp_unshare_ranges(hyp, "FFA_MEM_FRAG_TX", buf, nr_ranges);
	return res;
}

/* FFA_RX_RELEASE of the proxy's RX buffer at the SPMC, when the reclaim-rx-release switch
 * says so ("KVM: arm64: FFA: Release hyp rx buffer"). */
static void hyp_release_own_rx(struct hyp_pkvm *hyp)
{
	struct ffa_value args = {{0}};

	if (hyp->cfg.sw[HYP_SW_RECLAIM_RX_RELEASE] != HYP_RECLAIM_RX_RELEASED)
		return;
	args.x[0] = FFA_RX_RELEASE;
	(void)hyp_call_firmware(hyp, &args);
}

/* Reads a fragment of the SPMC's answer from the proxy's RX buffer into buf. */
static bool hyp_read_own_rx(struct hyp_pkvm *hyp, uint8_t *buf, uint32_t len)
{
	struct spmc_mem_owner own;

	return hyp_memory_owner(hyp, true, &own) &&
	       spmc_mem_read(&hyp->wiring.memory, &own, hyp->own.rx, buf, len) == SPMC_MEM_OK;
}

/* The proxy's hypervisor retrieve request for a handle, in its TX buffer: a header with the
 * host as the sender and the handle, nothing else (pKVM's do_ffa_mem_reclaim). */
static bool hyp_write_retrieve_req(struct hyp_pkvm *hyp, uint64_t handle)
{
	uint8_t req[FFA_MEMDESC_HEADER_SIZE_1_1] = {0};
	struct spmc_mem_owner own;

	for (unsigned i = 0; i < 8; i++)
		req[HYP_MD_HANDLE + i] = (uint8_t)(handle >> (8 * i));
	return hyp_memory_owner(hyp, true, &own) &&
	       spmc_mem_write(&hyp->wiring.memory, &own, hyp->own.tx, req, sizeof(req)) ==
		       SPMC_MEM_OK;
}

/*
 * Gathers the rest of a retrieve response after its first fragment (fraglen bytes in desc)
 * with FFA_MEM_FRAG_RX. FFA_OK, or the error for the host.
 */
static int32_t hyp_gather_fragments(struct hyp_pkvm *hyp, uint32_t handle_lo, uint32_t handle_hi,
				    uint8_t *desc, uint32_t len, uint32_t fraglen)
{
	struct ffa_value res;

	for (uint32_t fragoff = fraglen; fragoff < len; fragoff += fraglen) {
		res = hyp_call_handle(hyp, FFA_MEM_FRAG_RX, handle_lo, handle_hi, fragoff,
				      FFA_ID_NS_PHYS);
		if (res.x[0] != FFA_MEM_FRAG_TX)
			return FFA_INVALID_PARAMETERS;
		fraglen = (uint32_t)res.x[3];
		/* pKVM copies whatever length the SPMC names; the simulator stops at a fragment
		 * that is empty or would not fit rather than loop or overrun. */
		if (fraglen == 0 || fraglen > HYP_MBOX_SIZE ||
		    fraglen > HYP_PKVM_DESC_BUF_SIZE - fragoff) {
			hyp_note(hyp,
				 "FFA_MEM_RECLAIM: the SPMC's fragment at %" PRIu32 " is %" PRIu32
				 " bytes: ABORTED",
				 fragoff, fraglen);
			hyp_release_own_rx(hyp);
			return FFA_ABORTED;
		}
		if (!hyp_read_own_rx(hyp, desc + fragoff, fraglen))
			return FFA_ABORTED;
		hyp_release_own_rx(hyp);
	}
	return FFA_OK;
}

struct ffa_value hyp_host_mem_reclaim(struct hyp_pkvm *hyp, const struct ffa_value *args)
{
	uint32_t handle_lo = (uint32_t)args->x[1], handle_hi = (uint32_t)args->x[2];
	uint32_t flags = (uint32_t)args->x[3];
	static const uint32_t req_len = FFA_MEMDESC_HEADER_SIZE_1_1;
	uint8_t desc[HYP_PKVM_DESC_BUF_SIZE];
	struct ffa_value fwd = {{0}}, res;
	uint32_t len, fraglen, offset, count, fits;
	int32_t code;

	if (!hyp_write_retrieve_req(hyp, ffa_mem_handle(handle_lo, handle_hi)))
		return hyp_error(hyp, FFA_ABORTED);
	fwd.x[0] = FFA_MEM_RETRIEVE_REQ_64;
	fwd.x[1] = req_len;
	fwd.x[2] = req_len;
	res = hyp_call_firmware(hyp, &fwd);
	/* An unknown handle, a busy SPMC: its answer is the host's. */
	if (res.x[0] != FFA_MEM_RETRIEVE_RESP)
		return res;
	len = (uint32_t)res.x[1];
	fraglen = (uint32_t)res.x[2];
	/* The SPMC is trusted, but an answer that looks bogus is not used. */
	/* pKVM reads the composite offset straight from its RX page, then checks. */
	if (!hyp_read_own_rx(hyp, desc, HYP_MBOX_SIZE)) {
		hyp_release_own_rx(hyp);
		return hyp_error(hyp, FFA_ABORTED);
	}
	offset = hyp_get32(desc + hyp_emad_offset(hyp) + HYP_EMAD_COMPOSITE);
	if (offset > len || fraglen > HYP_MBOX_SIZE) {
		hyp_release_own_rx(hyp);
		return hyp_error(hyp, FFA_ABORTED);
	}
	if (len > HYP_PKVM_DESC_BUF_SIZE) {
		hyp_note(hyp,
			 "FFA_MEM_RECLAIM: the descriptor of handle 0x%" PRIx64 " is %" PRIu32
			 " bytes, more than the proxy's %u-byte buffer: NO_MEMORY",
			 ffa_mem_handle(handle_lo, handle_hi), len, HYP_PKVM_DESC_BUF_SIZE);
		hyp_release_own_rx(hyp);
		return hyp_error(hyp, FFA_NO_MEMORY);
	}
	hyp_release_own_rx(hyp);
	code = hyp_gather_fragments(hyp, handle_lo, handle_hi, desc, len, fraglen);
	if (code != FFA_OK)
		return hyp_error(hyp, code);

	res = hyp_call_handle(hyp, FFA_MEM_RECLAIM, handle_lo, handle_hi, flags, 0);
	if (res.x[0] != FFA_SUCCESS_32)
		return res;
	/* The constituents the composite lists, as far as the gathered descriptor holds them. */
	if ((uint64_t)offset + FFA_MEMDESC_COMPOSITE_SIZE > len) {
		hyp_note(hyp, "FFA_MEM_RECLAIM: the composite lies outside the descriptor");
		return res;
	}
	count = hyp_get32(desc + offset + HYP_COMPOSITE_COUNT);
	fits = (len - offset - FFA_MEMDESC_COMPOSITE_SIZE) / FFA_MEMDESC_CONSTITUENT_SIZE;
	if (count > fits) {
		hyp_note(hyp,
			 "FFA_MEM_RECLAIM: %" PRIu32 " constituents listed, %" PRIu32 " present",
			 count, fits);
		count = fits;
	}
	hyp_unshare_ranges(hyp, "FFA_MEM_RECLAIM", desc + offset + FFA_MEMDESC_COMPOSITE_SIZE,
			   count);
	return res;
}
