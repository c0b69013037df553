/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RX/TX buffers: FFA_RXTX_MAP (FF-A v1.2 (DEN0077A) §13.6), FFA_RXTX_UNMAP (§13.7) and
 * FFA_RX_RELEASE (§13.5). An endpoint maps one pair of buffers in its own RAM; the SPMC writes
 * into the RX buffer (partition information) and the endpoint then owns it until it releases
 * it. Where the spec leaves the error open, the answers are Hafnium's (src/api.c,
 * api_vm_configure_pages, api_ffa_rxtx_unmap, api_release_mailbox).
 */
#include <string.h>

#include "abi/rxtxdesc.h"
#include "common/observers.h"
#include "spmc/internal.h"
#include "spmc/notif.h"

/* FFA_RXTX_MAP w3: bits 31:6 are reserved, MBZ (§13.6). */
#define RXTX_MAP_W3_MBZ (~(uint32_t)FFA_RXTX_PAGE_COUNT_MASK)
/* FFA_RX_RELEASE w1 bits 15:0: the endpoint whose buffer a hypervisor releases (§13.5). */
#define RX_RELEASE_ID_MASK 0xffffu

static bool rxtx_overlap(uint64_t a, uint64_t a_size, uint64_t b, uint64_t b_size)
{
	return a < b + b_size && b < a + a_size;
}

/*
 * Where an endpoint's buffers may lie (the spec leaves the error open, FF-A v1.2 (DEN0077A)
 * §13.6): every byte owned by the endpoint (the TX buffer readable and writable, the RX buffer
 * readable, as Hafnium asks of the stage-2 mapping) and held by RAM the SPMC can write. A
 * partition naming memory it does not own gets INVALID_PARAMETERS (Hafnium's
 * api_vm_configure_pages); the normal world naming memory outside its own gets the
 * personality's answer (Hafnium: DENIED, "not mapped in NWd VM").
 */
static enum ffa_error rxtx_placement(const struct spmc *spmc, const struct spmc_endpoint *caller,
				     uint64_t tx, uint64_t rx, uint64_t size)
{
	enum spmc_mem_status st =
		spmc_mem_check(&spmc->memory, &caller->mem, tx, size, SPMC_MEM_RW);

	if (st == SPMC_MEM_OK)
		st = spmc_mem_check(&spmc->memory, &caller->mem, rx, size, SPMC_MEM_READ);
	/* The SPMC writes the RX buffer: it must be RAM even when the endpoint only reads it. */
	if (st == SPMC_MEM_OK && !spmc_mem_backed(&spmc->memory, rx, size, true))
		st = SPMC_MEM_NOT_BACKED;
	if (st == SPMC_MEM_OK)
		return FFA_OK;
	if (!caller->secure && st != SPMC_MEM_NOT_BACKED)
		return spmc->cfg.personality->rxtx_foreign_nw;
	return FFA_INVALID_PARAMETERS;
}

/* True when [addr, addr + size) overlaps a buffer another endpoint has mapped. */
static bool rxtx_used_by_other(const struct spmc *spmc, const struct spmc_endpoint *caller,
			       uint64_t addr, uint64_t size)
{
	for (unsigned i = 0; i < spmc->endpoint_count; i++) {
		const struct spmc_endpoint *ep = &spmc->endpoints[i];
		uint64_t ep_size = (uint64_t)ep->rxtx.page_count * FFA_RXTX_PAGE_SIZE;

		if (ep == caller || !ep->rxtx.mapped)
			continue;
		if (rxtx_overlap(addr, size, ep->rxtx.tx, ep_size) ||
		    rxtx_overlap(addr, size, ep->rxtx.rx, ep_size))
			return true;
	}
	return false;
}

/* Maps buffers for `owner` (the caller, or the VM a hypervisor forwards them for). */
static enum ffa_error rxtx_map_for(struct spmc *spmc, struct spmc_endpoint *owner, uint64_t tx,
				   uint64_t rx, uint32_t w3)
{
	uint32_t pages = w3 & FFA_RXTX_PAGE_COUNT_MASK;
	uint64_t size = (uint64_t)pages * FFA_RXTX_PAGE_SIZE;
	enum ffa_error err;

	/* One pair per endpoint: a second map is DENIED (Hafnium and TF-A both). */
	if (owner->rxtx.mapped)
		return FFA_DENIED;
	/* Malformed buffers are INVALID_PARAMETERS, in Hafnium's order: page count (reserved bits
	 * of w3 too: Hafnium compares the whole w3 with its page count; TF-A ignores them),
	 * alignment, TX and RX overlapping, then where they lie. */
	if ((w3 & RXTX_MAP_W3_MBZ) != 0 || pages == 0 || pages > SPMC_RXTX_MAX_PAGES)
		return FFA_INVALID_PARAMETERS;
	if (tx % FFA_RXTX_PAGE_SIZE != 0 || rx % FFA_RXTX_PAGE_SIZE != 0)
		return FFA_INVALID_PARAMETERS;
	if (rxtx_overlap(tx, size, rx, size))
		return FFA_INVALID_PARAMETERS;
	err = rxtx_placement(spmc, owner, tx, rx, size);
	if (err != FFA_OK)
		return err;
	/* Pages another endpoint took as buffers are no longer exclusively the caller's. */
	if (rxtx_used_by_other(spmc, owner, tx, size) || rxtx_used_by_other(spmc, owner, rx, size))
		return FFA_INVALID_PARAMETERS;

	owner->rxtx.mapped = true;
	owner->rxtx.tx = tx;
	owner->rxtx.rx = rx;
	owner->rxtx.page_count = pages;
	owner->rxtx.rx_full = false;
	owner->rxtx.rx_acquired = false;
	return FFA_OK;
}

/*
 * FFA_RXTX_MAP_64 from the normal world with x1, x2 and w3 zero: a hypervisor forwards the
 * buffers of one of its VMs, described by the endpoint RX/TX descriptor at the start of its own
 * TX buffer (FF-A v1.2 (DEN0077A) §13.6, include/abi/rxtxdesc.h), as Hafnium's hypervisor does
 * and its SPMC takes it (api_get_rxtx_description): without a TX buffer of the caller, or with
 * a descriptor whose offsets are not 8-byte aligned, INVALID_PARAMETERS; a VM the SPMC has no
 * slot left for, DENIED; then the checks of any map, for the VM.
 */
static enum ffa_error rxtx_map_forwarded(struct spmc *spmc, struct spmc_endpoint *caller)
{
	uint8_t raw[FFA_RXTX_PAGE_SIZE];
	uint64_t len = (uint64_t)caller->rxtx.page_count * FFA_RXTX_PAGE_SIZE;
	struct ffa_rxtx_desc desc;
	struct spmc_endpoint *owner;
	bool created = false;
	enum ffa_error err;

	if (!caller->rxtx.mapped)
		return FFA_INVALID_PARAMETERS;
	if (len > sizeof(raw))
		len = sizeof(raw);
	if (spmc_mem_read(&spmc->memory, &caller->mem, caller->rxtx.tx, raw, len) != SPMC_MEM_OK)
		return FFA_ABORTED;
	if (ffa_rxtx_desc_read(raw, (size_t)len, &desc) != FFA_RXTX_DESC_OK)
		return FFA_INVALID_PARAMETERS;
	if (desc.endpoint == FFA_ID_NS_PHYS || ffa_id_is_secure(desc.endpoint)) {
		/* Hafnium looks its own endpoints up by that ID (ffa_vm_find_locked_create). */
		owner = spmc_find_endpoint(spmc, desc.endpoint);
	} else {
		created = spmc_notif_vm_slot(spmc, desc.endpoint, false) == NULL;
		owner = spmc_vm_create(spmc, desc.endpoint);
	}
	if (owner == NULL)
		return FFA_DENIED;
	err = rxtx_map_for(spmc, owner, desc.tx, desc.rx, desc.pages);
	if (err != FFA_OK && created)
		spmc_vm_release(spmc, desc.endpoint);
	return err;
}

struct ffa_value spmc_rxtx_map(struct spmc *spmc, struct spmc_endpoint *caller,
			       const struct ffa_value *args)
{
	bool smc64 = ffa_fid_is_smc64((uint32_t)args->x[0]);
	/* The SMC32 form carries 32-bit addresses in w1/w2; the upper halves are not its. */
	uint64_t tx = smc64 ? args->x[1] : (uint32_t)args->x[1];
	uint64_t rx = smc64 ? args->x[2] : (uint32_t)args->x[2];
	uint32_t w3 = (uint32_t)args->x[3];
	enum ffa_error err;

	if (!caller->secure && tx == 0 && rx == 0 && w3 == 0) {
		/* TF-A's EL3 SPMC refuses zero addresses first ("Mapping RX/TX Buffers on behalf
		 * of VM not supported") and OP-TEE a zero page count, both before a second map is
		 * DENIED: INVALID_PARAMETERS. */
		err = spmc->cfg.personality->nwd_vms ? rxtx_map_forwarded(spmc, caller)
						     : FFA_INVALID_PARAMETERS;
	} else
		err = rxtx_map_for(spmc, caller, tx, rx, w3);
	return err == FFA_OK ? ffa_success_value(0) : ffa_error_value(err);
}

struct ffa_value spmc_rxtx_unmap(struct spmc *spmc, struct spmc_endpoint *caller,
				 const struct ffa_value *args)
{
	uint32_t w1 = (uint32_t)args->x[1];
	uint16_t vm = (uint16_t)(w1 >> FFA_RXTX_UNMAP_ID_SHIFT);
	struct spmc_endpoint *owner = caller;

	/*
	 * w1 bits 31:16 name the endpoint whose buffers go: only a hypervisor at the non-secure
	 * physical instance names another one (a VM whose buffers it forwarded), every other
	 * caller passes 0 (§13.7; Linux's arm_ffa driver was fixed to stop passing its own ID).
	 * Bits 15:0 are MBZ. Hafnium and TF-A answer INVALID_PARAMETERS, also to a partition
	 * naming its own ID, and Hafnium to a hypervisor naming a VM it has no buffers of
	 * (api_ffa_rxtx_unmap).
	 */
	if ((w1 & ~((uint32_t)UINT16_MAX << FFA_RXTX_UNMAP_ID_SHIFT)) != 0 ||
	    (vm != 0 && (caller->secure || !spmc->cfg.personality->nwd_vms)))
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	if (vm != 0) {
		owner = spmc_vm_find(spmc, vm);
		if (owner == NULL)
			return ffa_error_value(FFA_INVALID_PARAMETERS);
	}
	/* Nothing mapped: INVALID_PARAMETERS (Hafnium; TF-A's current EL3 SPMC too). */
	if (!owner->rxtx.mapped)
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	memset(&owner->rxtx, 0, sizeof(owner->rxtx));
	spmc_vm_release(spmc, vm);
	return ffa_success_value(0);
}

/*
 * Whose RX buffer an FFA_RX_RELEASE releases: the caller's, or (w1 bits 15:0, from the normal
 * world under a personality that reads them) a VM's whose buffers a hypervisor forwarded.
 * NULL: INVALID_PARAMETERS (a partition naming an ID, or a VM the SPMC does not know).
 */
static struct spmc_endpoint *rx_release_target(struct spmc *spmc, struct spmc_endpoint *caller,
					       uint32_t w1)
{
	uint16_t vm = (uint16_t)(w1 & RX_RELEASE_ID_MASK);

	/* TF-A's EL3 SPMC (rx_release_handler) and OP-TEE (spmc_handle_rx_release) ignore w1, as
	 * real TF-A and OP-TEE answered the probe_send2 recordings. */
	if (!spmc->cfg.personality->rx_release_vm_id || vm == 0)
		return caller;
	/* Hafnium: only the hypervisor names a VM ("must be zero" at partitions). */
	if (caller->secure)
		return NULL;
	return spmc_vm_find(spmc, vm);
}

struct ffa_value spmc_rx_release(struct spmc *spmc, struct spmc_endpoint *caller,
				 const struct ffa_value *args)
{
	struct spmc_endpoint *ep = rx_release_target(spmc, caller, (uint32_t)args->x[1]);

	if (ep == NULL)
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	/* A hypervisor gives back the buffer it took with FFA_RX_ACQUIRE (Hafnium's "other world
	 * owned" mailbox, released from the normal world). */
	if (ep->rxtx.mapped && ep->rxtx.rx_acquired) {
		ep->rxtx.rx_acquired = false;
		return ffa_success_value(0);
	}
	/* The endpoint must own its RX buffer (§13.5): DENIED otherwise, also when it has none
	 * (Hafnium's empty mailbox). */
	if (!ep->rxtx.mapped || !ep->rxtx.rx_full)
		return ffa_error_value(FFA_DENIED);
	/* A message whose RX-buffer-full framework notification was not retrieved yet stays
	 * (Hafnium's api_release_mailbox: DENIED while it is pending). */
	if (spmc_notif_framework_pending(spmc, ep->id))
		return ffa_error_value(FFA_DENIED);
	ep->rxtx.rx_full = false;
	return ffa_success_value(0);
}

enum ffa_error spmc_rx_fill(struct spmc *spmc, struct spmc_endpoint *ep, const void *data,
			    uint64_t size)
{
	struct spmc_rxtx *rxtx = &ep->rxtx;

	/* The buffer must be mapped and the SPMC's to write (FF-A v1.2 (DEN0077A) §13.5): not
	 * the endpoint's, nor a hypervisor's that acquired it. */
	if (!rxtx->mapped || rxtx->rx_full || rxtx->rx_acquired)
		return FFA_BUSY;
	if (size > (uint64_t)rxtx->page_count * FFA_RXTX_PAGE_SIZE)
		return FFA_NO_MEMORY;
	if (COMMON_OBSERVERS_BUILT && spmc->mem_observer.fn != NULL)
		spmc->mem_observer.fn(spmc->mem_observer.ctx, ep->id, rxtx->rx, size);
	/* Checked when mapped; Hafnium answers ABORTED when its copy fails all the same. */
	/* Nothing to write (an empty list, as OP-TEE answers an unknown UUID): the buffer is
	 * still handed over. */
	if (size > 0 &&
	    spmc_mem_write(&spmc->memory, &ep->mem, rxtx->rx, data, size) != SPMC_MEM_OK)
		return FFA_ABORTED;
	rxtx->rx_full = true;
	return FFA_OK;
}
