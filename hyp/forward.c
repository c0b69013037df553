/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The forwarding hypervisor (`guest: vm`, profile `forwarding`): the guest is a VM with its own
 * FF-A ID (vm-id, 1 by default, Hafnium's primary VM), not the hypervisor's endpoint 0 as pKVM's
 * host is. The hypervisor answers the VM's calls as Hafnium's hypervisor does (src/api.c and
 * src/ffa/hypervisor/): it refuses what a VM may not do, and makes the calls to the SPMC for the
 * VM with the VM's ID where FF-A v1.2 (DEN0077A) has the hypervisor supply it:
 *
 * - FFA_RXTX_MAP_64: the VM's buffers go to the SPMC in the endpoint RX/TX descriptor, written in
 *   the hypervisor's own TX buffer, with FFA_RXTX_MAP_64(0, 0, 0) (§13.6, Hafnium's
 *   ffa_setup_rxtx_map_forward); FFA_RXTX_UNMAP with the VM's ID in w1 bits 31:16.
 * - FFA_MSG_SEND2: with the VM's ID in w1 bits 31:16 (§15.1, ffa_indirect_msg_send2_forward).
 * - FFA_RX_RELEASE: with the VM's ID in w1 (§13.5, ffa_setup_rx_release_forward); before it
 *   writes the VM's RX buffer itself (partition information), FFA_RX_ACQUIRE of the VM's
 *   buffer (§13.4, ffa_setup_acquire_receiver_rx).
 * - Notifications: the VM's bitmap is created when the VM starts (its first FFA_VERSION), and
 *   its BIND, UNBIND, SET and GET name its own ID; GET of the VM and hypervisor bitmaps, which
 *   the hypervisor keeps itself, returns none (it hosts one VM).
 * - Direct messages: the VM's ID as the sender.
 *
 * Memory sharing from a VM (the descriptor's sender would be the VM) is not modelled: those calls
 * answer NOT_SUPPORTED.
 */
#include <string.h>

#include "abi/msghdr.h"
#include "abi/notif.h"
#include "abi/rxtxdesc.h"
#include "hyp/internal.h"

/* FFA_RX_RELEASE w1 bits 15:0: the VM whose buffer the hypervisor releases (§13.5). */
#define FWD_RX_RELEASE_ID_MASK 0xffffu

uint16_t hyp_vm_id(const struct hyp_pkvm *hyp)
{
	return hyp->cfg.vm_id != 0 ? hyp->cfg.vm_id : HYP_DEFAULT_VM_ID;
}

bool hyp_forwarding(const struct hyp_pkvm *hyp)
{
	return hyp->cfg.sw[HYP_SW_GUEST] == HYP_GUEST_VM;
}

/* A call to the SPMC with w0 and w1 (the rest zero). */
static struct ffa_value fwd_call(struct hyp_pkvm *hyp, uint32_t fid, uint64_t w1)
{
	struct ffa_value args = {{0}};

	args.x[0] = fid;
	args.x[1] = w1;
	return hyp_call_firmware(hyp, &args);
}

void hyp_vm_start(struct hyp_pkvm *hyp)
{
	struct ffa_value args = {{0}}, res;

	if (!hyp_forwarding(hyp) || hyp->vm_bitmap)
		return;
	/* Hafnium's hypervisor creates each VM's bitmap at the SPMC when the VM is set up; the
	 * simulated VM has one vCPU. An SPMC without VM notifications refuses it: noted. */
	args.x[0] = FFA_NOTIFICATION_BITMAP_CREATE;
	args.x[1] = hyp_vm_id(hyp);
	args.x[2] = 1;
	res = hyp_call_firmware(hyp, &args);
	if (res.x[0] == FFA_SUCCESS_32) {
		hyp->vm_bitmap = true;
		return;
	}
	hyp_note(hyp,
		 "FFA_NOTIFICATION_BITMAP_CREATE for VM %u was refused (x2 0x%llx): the VM has "
		 "no notifications",
		 hyp_vm_id(hyp), (unsigned long long)res.x[2]);
}

/*
 * The VM's FFA_RXTX_MAP_64: its pages checked as the host's are (hyp_vm_buffers_ok), then
 * described to the SPMC. The SPMC's refusal goes back to the VM.
 */
static struct ffa_value fwd_rxtx_map(struct hyp_pkvm *hyp, const struct ffa_value *args)
{
	uint64_t tx = args->x[1], rx = args->x[2];
	uint32_t pages = (uint32_t)args->x[3];
	struct ffa_rxtx_desc desc = {
		.endpoint = hyp_vm_id(hyp), .rx = rx, .tx = tx, .pages = pages};
	uint8_t buf[FFA_RXTX_DESC_SIZE];
	struct spmc_mem_owner own;
	struct ffa_value res;
	int32_t err;

	if (pages != HYP_PKVM_MBOX_PAGES || !hyp_vm_buffers_ok(hyp, tx, rx))
		return hyp_error(hyp, FFA_INVALID_PARAMETERS);
	if (hyp->host_buffers.mapped)
		return hyp_error(hyp, FFA_DENIED);
	err = hyp_map_own(hyp);
	if (err != FFA_OK)
		return hyp_error(hyp, err);
	if (ffa_rxtx_desc_write(buf, sizeof(buf), &desc) == 0 ||
	    !hyp_memory_owner(hyp, true, &own) ||
	    spmc_mem_write(&hyp->wiring.memory, &own, hyp->own.tx, buf, sizeof(buf)) != SPMC_MEM_OK)
		return hyp_error(hyp, FFA_ABORTED);
	res = fwd_call(hyp, FFA_RXTX_MAP_64, 0);
	if (res.x[0] != FFA_SUCCESS_32)
		return res;
	hyp->host_buffers.mapped = true;
	hyp->host_buffers.tx = tx;
	hyp->host_buffers.rx = rx;
	return hyp_success(0);
}

/* The VM's FFA_RXTX_UNMAP: w1 must be 0 at a virtual instance (Hafnium's api_ffa_rxtx_unmap). */
static struct ffa_value fwd_rxtx_unmap(struct hyp_pkvm *hyp, const struct ffa_value *args)
{
	struct ffa_value res;

	if ((uint32_t)args->x[1] != 0 || !hyp->host_buffers.mapped)
		return hyp_error(hyp, FFA_INVALID_PARAMETERS);
	res = fwd_call(hyp, FFA_RXTX_UNMAP, (uint64_t)hyp_vm_id(hyp) << FFA_RXTX_UNMAP_ID_SHIFT);
	if (res.x[0] != FFA_SUCCESS_32)
		return res;
	memset(&hyp->host_buffers, 0, sizeof(hyp->host_buffers));
	return hyp_success(0);
}

/*
 * The VM's FFA_PARTITION_INFO_GET: the hypervisor takes the VM's RX buffer from the SPMC
 * (FFA_RX_ACQUIRE; refused while the VM still owns it: BUSY, as Hafnium's hypervisor answers a
 * full mailbox), relays the descriptors through its own buffers, and releases its own RX buffer.
 * The VM owns its buffer until its FFA_RX_RELEASE, which gives it back to the SPMC.
 */
static struct ffa_value fwd_partition_info(struct hyp_pkvm *hyp, const struct ffa_value *args)
{
	struct ffa_value res, acq;

	if (!hyp->host_buffers.mapped)
		return hyp_error(hyp, FFA_BUSY);
	acq = fwd_call(hyp, FFA_RX_ACQUIRE, hyp_vm_id(hyp));
	if (acq.x[0] != FFA_SUCCESS_32)
		return hyp_error(hyp, FFA_BUSY);
	res = hyp_host_partition_info(hyp, args);
	/* The descriptors were copied (or nothing was asked for): the hypervisor's RX buffer goes
	 * back to the SPMC, and so does the VM's when the VM got nothing to read. */
	if (res.x[0] == FFA_SUCCESS_32)
		(void)fwd_call(hyp, FFA_RX_RELEASE, FFA_ID_NS_PHYS);
	if (res.x[0] != FFA_SUCCESS_32 || (uint32_t)res.x[2] == 0 ||
	    ((uint32_t)args->x[5] & FFA_PARTITION_INFO_COUNT_ONLY) != 0)
		(void)fwd_call(hyp, FFA_RX_RELEASE, hyp_vm_id(hyp));
	return res;
}

/*
 * The VM's FFA_MSG_SEND2, checked as Hafnium's hypervisor checks it (api_ffa_msg_send2 at the
 * VM's instance) before it forwards it: w1 bits 31:16 are 0 from a VM, the VM has buffers, the
 * header's sender is the VM and its receiver another endpoint, no flags; a receiver that is not
 * a partition is another VM of this hypervisor, which hosts none (INVALID_PARAMETERS: not found).
 */
static struct ffa_value fwd_msg_send2(struct hyp_pkvm *hyp, const struct ffa_value *args)
{
	uint16_t vm = hyp_vm_id(hyp);
	uint8_t raw[FFA_MSG_HDR_SIZE_1_2];
	struct spmc_mem_owner host;
	struct ffa_msg_hdr hdr;

	if (((uint32_t)args->x[1] >> FFA_MSG_SEND2_SENDER_SHIFT) != 0)
		return hyp_error(hyp, FFA_INVALID_PARAMETERS);
	if (!hyp->host_buffers.mapped)
		return hyp_error(hyp, FFA_DENIED);
	if (!hyp_memory_owner(hyp, false, &host) ||
	    spmc_mem_read(&hyp->wiring.memory, &host, hyp->host_buffers.tx, raw, sizeof(raw)) !=
		    SPMC_MEM_OK ||
	    !ffa_msg_hdr_read(raw, sizeof(raw), &hdr))
		return hyp_error(hyp, FFA_ABORTED);
	if (hdr.sender != vm || hdr.receiver == hdr.sender || (uint32_t)args->x[2] != 0)
		return hyp_error(hyp, FFA_INVALID_PARAMETERS);
	if (!ffa_id_is_secure(hdr.receiver))
		return hyp_error(hyp, FFA_INVALID_PARAMETERS);
	return fwd_call(hyp, FFA_MSG_SEND2, (uint64_t)vm << FFA_MSG_SEND2_SENDER_SHIFT);
}

/* The VM's FFA_RX_RELEASE: w1 MBZ from a VM; released at the SPMC with the VM's ID. */
static struct ffa_value fwd_rx_release(struct hyp_pkvm *hyp, const struct ffa_value *args)
{
	if (((uint32_t)args->x[1] & FWD_RX_RELEASE_ID_MASK) != 0)
		return hyp_error(hyp, FFA_INVALID_PARAMETERS);
	return fwd_call(hyp, FFA_RX_RELEASE, hyp_vm_id(hyp));
}

/*
 * The VM's notification calls: the IDs the call names must be the VM's where the VM is the
 * receiver (BIND, UNBIND, GET) or the sender (SET), else INVALID_PARAMETERS, as Hafnium's
 * hypervisor checks a VM's IDs (api_ffa_notification_*: "sender/receiver must be the caller");
 * the other end must be a partition (notifications between VMs are the hypervisor's own, and it
 * hosts one VM). GET asks the SPMC for the partitions' and the SPM's bitmaps only; the VMs' and
 * the hypervisor's are the hypervisor's, and empty.
 */
static struct ffa_value fwd_notification(struct hyp_pkvm *hyp, uint32_t fid,
					 const struct ffa_value *args)
{
	uint16_t vm = hyp_vm_id(hyp);
	uint16_t hi = ffa_msg_source(args->x[1]), lo = ffa_msg_destination(args->x[1]);
	struct ffa_value fwd = *args;

	switch (fid) {
	case FFA_NOTIFICATION_BIND:
	case FFA_NOTIFICATION_UNBIND:
		if (lo != vm || !ffa_id_is_secure(hi))
			return hyp_error(hyp, FFA_INVALID_PARAMETERS);
		break;
	case FFA_NOTIFICATION_SET:
		if (hi != vm || !ffa_id_is_secure(lo))
			return hyp_error(hyp, FFA_INVALID_PARAMETERS);
		break;
	case FFA_NOTIFICATION_GET:
		if (lo != vm)
			return hyp_error(hyp, FFA_INVALID_PARAMETERS);
		fwd.x[2] &= ~(uint64_t)(FFA_NOTIF_GET_VM | FFA_NOTIF_GET_HYP);
		break;
	case FFA_NOTIFICATION_BITMAP_CREATE:
	case FFA_NOTIFICATION_BITMAP_DESTROY:
		/* The hypervisor's calls, not a VM's (Hafnium: NOT_SUPPORTED at a VM). */
		return hyp_error(hyp, FFA_NOT_SUPPORTED);
	default:
		break;
	}
	return hyp_call_firmware(hyp, &fwd);
}

/* Direct requests: the sender (x1 bits 31:16) is the VM (Hafnium: INVALID_PARAMETERS). */
static struct ffa_value fwd_direct_req(struct hyp_pkvm *hyp, const struct ffa_value *args)
{
	if (ffa_msg_source(args->x[1]) != hyp_vm_id(hyp))
		return hyp_error(hyp, FFA_INVALID_PARAMETERS);
	return hyp_call_firmware(hyp, args);
}

/* Functions a VM may not call, or that the forwarding hypervisor does not model for one. */
static bool fwd_refused(uint32_t fid)
{
	switch (fid) {
	case FFA_RX_ACQUIRE: /* the hypervisor's alone (§13.4) */
	case FFA_RXTX_MAP_32:
	case FFA_MSG_SEND_DIRECT_RESP_32:
	case FFA_MSG_SEND_DIRECT_RESP_64:
	case FFA_MSG_SEND_DIRECT_RESP2_64:
	case FFA_MSG_WAIT_32:
	case FFA_MEM_SHARE_32:
	case FFA_MEM_SHARE_64:
	case FFA_MEM_LEND_32:
	case FFA_MEM_LEND_64:
	case FFA_MEM_DONATE_32:
	case FFA_MEM_DONATE_64:
	case FFA_MEM_RETRIEVE_REQ_32:
	case FFA_MEM_RETRIEVE_REQ_64:
	case FFA_MEM_RELINQUISH:
	case FFA_MEM_RECLAIM:
	case FFA_MEM_FRAG_RX:
	case FFA_MEM_FRAG_TX:
		return true;
	default:
		return false;
	}
}

enum hyp_outcome hyp_vm_call(struct hyp_pkvm *hyp, uint32_t fid, const struct ffa_value *args,
			     struct ffa_value *res)
{
	if (fwd_refused(fid)) {
		*res = hyp_error(hyp, FFA_NOT_SUPPORTED);
		return HYP_HANDLED;
	}
	switch (fid) {
	case FFA_FEATURES:
		if (fwd_refused((uint32_t)args->x[1]) ||
		    (uint32_t)args->x[1] == FFA_NOTIFICATION_BITMAP_CREATE ||
		    (uint32_t)args->x[1] == FFA_NOTIFICATION_BITMAP_DESTROY) {
			*res = hyp_error(hyp, FFA_NOT_SUPPORTED);
			return HYP_HANDLED;
		}
		return HYP_PASS_THROUGH;
	case FFA_ID_GET:
		*res = hyp_success(hyp_vm_id(hyp));
		return HYP_HANDLED;
	case FFA_RXTX_MAP_64:
		*res = fwd_rxtx_map(hyp, args);
		return HYP_HANDLED;
	case FFA_RXTX_UNMAP:
		*res = fwd_rxtx_unmap(hyp, args);
		return HYP_HANDLED;
	case FFA_PARTITION_INFO_GET:
		*res = fwd_partition_info(hyp, args);
		return HYP_HANDLED;
	case FFA_MSG_SEND2:
		*res = fwd_msg_send2(hyp, args);
		return HYP_HANDLED;
	case FFA_RX_RELEASE:
		*res = fwd_rx_release(hyp, args);
		return HYP_HANDLED;
	case FFA_MSG_SEND_DIRECT_REQ_32:
	case FFA_MSG_SEND_DIRECT_REQ_64:
	case FFA_MSG_SEND_DIRECT_REQ2_64:
		*res = fwd_direct_req(hyp, args);
		return HYP_HANDLED;
	case FFA_NOTIFICATION_BITMAP_CREATE:
	case FFA_NOTIFICATION_BITMAP_DESTROY:
	case FFA_NOTIFICATION_BIND:
	case FFA_NOTIFICATION_UNBIND:
	case FFA_NOTIFICATION_SET:
	case FFA_NOTIFICATION_GET:
		*res = fwd_notification(hyp, fid, args);
		return HYP_HANDLED;
	default:
		/* FFA_RUN, FFA_SPM_ID_GET, FFA_CONSOLE_LOG, FFA_NOTIFICATION_INFO_GET (the VM is
		 * the primary scheduler), discovery by registers: to the SPMC as they are. */
		return HYP_PASS_THROUGH;
	}
}
