/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Normal-world VMs other than the normal world's own instance (ID 0), as the SPMC learns of
 * them from a hypervisor: a VM gets a place (one of SPMC_NOTIF_VM_SLOTS, Hafnium's nwd_vms of
 * src/ffa/spmc/vm.c) when the hypervisor creates its notification bitmap or forwards its
 * RX/TX buffers (FFA_RXTX_MAP_64 with the endpoint RX/TX descriptor, FF-A v1.2 (DEN0077A)
 * §13.6), and loses it when it has neither. While its buffers are mapped the VM is an endpoint
 * of the SPMC (non-secure, never a caller: the hypervisor calls for it as endpoint 0), with
 * its own RX buffer ownership, so that partitions can send it indirect messages.
 */
#include <stdio.h>
#include <string.h>

#include "spmc/internal.h"
#include "spmc/notif.h"

struct spmc_endpoint *spmc_vm_find(struct spmc *spmc, uint16_t id)
{
	if (id == FFA_ID_NS_PHYS || ffa_id_is_secure(id) ||
	    spmc_notif_vm_slot(spmc, id, false) == NULL)
		return NULL;
	/* A VM with a place but no endpoint yet (only its bitmap was created) gets one, without
	 * buffers, as Hafnium's slot is a whole VM with an empty mailbox. */
	return spmc_vm_create(spmc, id);
}

/* An endpoint of a VM that lost its place, to be reused (endpoints are never removed: their
 * slots in spmc->endpoints are stable for the console and the reports). */
static struct spmc_endpoint *vm_unused_endpoint(struct spmc *spmc)
{
	for (unsigned i = 0; i < spmc->endpoint_count; i++) {
		struct spmc_endpoint *ep = &spmc->endpoints[i];

		if (!ep->secure && ep->id != FFA_ID_NS_PHYS &&
		    spmc_notif_vm_slot(spmc, ep->id, false) == NULL)
			return ep;
	}
	return NULL;
}

struct spmc_endpoint *spmc_vm_create(struct spmc *spmc, uint16_t id)
{
	struct spmc_endpoint *ep;
	struct spmc_endpoint *nw;
	char name[SPMC_NAME_MAX];

	if (id == FFA_ID_NS_PHYS || ffa_id_is_secure(id))
		return NULL;
	ep = spmc_find_endpoint(spmc, id);
	if (ep == NULL)
		ep = vm_unused_endpoint(spmc);
	if (spmc_notif_vm_slot(spmc, id, true) == NULL)
		return NULL;
	snprintf(name, sizeof(name), "vm%u", id);
	if (ep == NULL) {
		ep = spmc_add_endpoint(spmc, id, name, false);
		if (ep == NULL) {
			spmc_vm_release(spmc, id);
			return NULL;
		}
	} else if (ep->id != id) {
		/* A former VM's endpoint: its memory (the non-secure RAM) stays, the rest is
		 * this VM's. */
		ep->id = id;
		snprintf(ep->name, sizeof(ep->name), "%s", name);
		memset(&ep->rxtx, 0, sizeof(ep->rxtx));
	}
	/* Hafnium gives the VMs it learns of the hypervisor's version (ffa_vm_init). */
	nw = spmc_find_endpoint(spmc, FFA_ID_NS_PHYS);
	ep->version = nw != NULL ? spmc_caller_version(spmc, nw) : spmc->cfg.version;
	ep->version_set = true;
	ep->negotiation_over = true;
	return ep;
}

void spmc_vm_release(struct spmc *spmc, uint16_t id)
{
	struct spmc_endpoint *ep = spmc_find_endpoint(spmc, id);

	if (id == FFA_ID_NS_PHYS || ffa_id_is_secure(id))
		return;
	if ((ep != NULL && ep->rxtx.mapped) || spmc_notif_enabled(spmc, id))
		return;
	spmc_notif_vm_slot_free(spmc, id);
}
