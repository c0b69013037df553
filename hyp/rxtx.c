/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The host's FFA_RXTX_MAP_64 and FFA_RXTX_UNMAP (pKVM's do_ffa_rxtx_map, do_ffa_rxtx_unmap).
 * The proxy keeps the host's buffers to itself: at the SPMC, endpoint 0's buffers are the
 * proxy's own (in its reserved memory), mapped when the host maps its pair, and everything the
 * SPMC writes for endpoint 0 is copied on from there. FF-A v1.2 (DEN0077A) §13.6, §13.7.
 */
#include <string.h>

#include "hyp/internal.h"

/* Why the SPMC refuses the proxy's own buffers with DENIED. */
#define HYP_DENIED_HINT                                                                            \
	": endpoint 0 already has buffers at the SPMC (mapped by the host before the proxy "       \
	"was ready?)"

/* The host's pages must be whole pages of the proxy's page size. */
static bool hyp_page_aligned(uint64_t addr)
{
	return (addr & (HYP_PKVM_PAGE_SIZE - 1)) == 0;
}

bool hyp_memory_owner(const struct hyp_pkvm *hyp, bool reserved, struct spmc_mem_owner *owner)
{
	memset(owner, 0, sizeof(*owner));
	if (reserved)
		return spmc_mem_owner_add(owner, hyp->reserved_base, HYP_PKVM_RESERVED_SIZE,
					  SPMC_MEM_RW) == SPMC_MEM_OK;
	return spmc_mem_owner_add_ram(owner, &hyp->wiring.memory, false) == SPMC_MEM_OK &&
	       spmc_mem_owner_remove(owner, hyp->reserved_base, HYP_PKVM_RESERVED_SIZE) ==
		       SPMC_MEM_OK;
}

/*
 * A buffer the host may share with the proxy: pages the host owns (its non-secure RAM, outside
 * the proxy's reserved memory, not shared or lent to the secure world) that the proxy can read
 * and write; pKVM refuses to share pages the host does not own exclusively
 * (__pkvm_host_share_hyp) with INVALID_PARAMETERS.
 */
static bool hyp_host_buffer_ok(const struct hyp_pkvm *hyp, uint64_t addr)
{
	uint64_t size = (uint64_t)HYP_PKVM_MBOX_PAGES * HYP_PKVM_PAGE_SIZE;
	struct spmc_mem_owner host;

	return !hyp_mem_shared(hyp, addr, size) && hyp_memory_owner(hyp, false, &host) &&
	       spmc_mem_check(&hyp->wiring.memory, &host, addr, size, SPMC_MEM_RW) == SPMC_MEM_OK;
}

int32_t hyp_map_own(struct hyp_pkvm *hyp)
{
	struct ffa_value fwd = {{0}}, res;
	const char *name;
	int32_t code;

	if (hyp->own.mapped)
		return FFA_OK;
	fwd.x[0] = FFA_RXTX_MAP_64;
	fwd.x[1] = hyp->own.tx;
	fwd.x[2] = hyp->own.rx;
	fwd.x[3] = HYP_PKVM_MBOX_PAGES;
	res = hyp_call_firmware(hyp, &fwd);
	if (res.x[0] != FFA_SUCCESS_32) {
		code = (int32_t)(uint32_t)res.x[2];
		name = ffa_error_name(code);
		hyp->own_map_error = code;
		hyp_note(hyp,
			 "the proxy's own FFA_RXTX_MAP_64 (TX 0x%llx, RX 0x%llx) was refused with "
			 "%s%s",
			 (unsigned long long)hyp->own.tx, (unsigned long long)hyp->own.rx,
			 name != NULL ? name : "an unknown error",
			 code == FFA_DENIED ? HYP_DENIED_HINT : "");
		return code;
	}
	hyp->own.mapped = true;
	hyp->own_map_error = 0;
	return FFA_OK;
}

bool hyp_vm_buffers_ok(const struct hyp_pkvm *hyp, uint64_t tx, uint64_t rx)
{
	return hyp_page_aligned(tx) && hyp_page_aligned(rx) && tx != rx &&
	       hyp_host_buffer_ok(hyp, tx) && hyp_host_buffer_ok(hyp, rx);
}

/* Unmaps the proxy's own buffers at the SPMC (FFA_RXTX_UNMAP for ID 0). */
static void hyp_unmap_own(struct hyp_pkvm *hyp)
{
	struct ffa_value args = {{0}};

	args.x[0] = FFA_RXTX_UNMAP;
	args.x[1] = FFA_ID_NS_PHYS;
	(void)hyp_call_firmware(hyp, &args);
	hyp->own.mapped = false;
}

struct ffa_value hyp_host_rxtx_map(struct hyp_pkvm *hyp, const struct ffa_value *args)
{
	uint64_t tx = args->x[1], rx = args->x[2];
	uint32_t pages = (uint32_t)args->x[3];
	int32_t code;

	/* Exactly the proxy's own buffer size: it relays through buffers of that size. */
	if (pages != HYP_PKVM_MBOX_PAGES * HYP_PKVM_PAGE_SIZE / FFA_RXTX_PAGE_SIZE)
		return hyp_error(hyp, FFA_INVALID_PARAMETERS);
	if (!hyp_page_aligned(tx) || !hyp_page_aligned(rx))
		return hyp_error(hyp, FFA_INVALID_PARAMETERS);
	if (hyp->host_buffers.mapped)
		return hyp_error(hyp, FFA_DENIED);

	/* The proxy's own buffers go to the SPMC first. */
	code = hyp_map_own(hyp);
	if (code != FFA_OK)
		return hyp_error(hyp, code);

	/* Sharing the host's pages with the proxy fails for pages it cannot own (or one page
	 * twice): the proxy's buffers go again. */
	if (!hyp_vm_buffers_ok(hyp, tx, rx)) {
		hyp_unmap_own(hyp);
		return hyp_error(hyp, FFA_INVALID_PARAMETERS);
	}
	hyp->host_buffers.mapped = true;
	hyp->host_buffers.tx = tx;
	hyp->host_buffers.rx = rx;
	return hyp_success(0);
}

struct ffa_value hyp_host_rxtx_unmap(struct hyp_pkvm *hyp, const struct ffa_value *args)
{
	/* w1 names the endpoint: only the host's own ID, 0 (its bits 15:0 included). */
	if ((uint32_t)args->x[1] != FFA_ID_NS_PHYS)
		return hyp_error(hyp, FFA_INVALID_PARAMETERS);
	if (!hyp->host_buffers.mapped)
		return hyp_error(hyp, FFA_INVALID_PARAMETERS);
	hyp->host_buffers.mapped = false;
	hyp->host_buffers.tx = 0;
	hyp->host_buffers.rx = 0;
	hyp_unmap_own(hyp);
	return hyp_success(0);
}
