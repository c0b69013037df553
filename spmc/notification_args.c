/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The argument checks of the notification calls (FF-A v1.2 (DEN0077A) §10, §13.12-13.17:
 * FFA_NOTIFICATION_BITMAP_CREATE, _DESTROY, _BIND, _UNBIND, _SET, _GET) as Hafnium makes them
 * before it looks at any notification state: the front of the hafnium personality's model
 * (spmc/notif.c), which goes on to the receiver's state when they pass.
 *
 * The checks, in Hafnium's order (each failure INVALID_PARAMETERS unless said otherwise), for
 * the normal world (ID 0, Hafnium's hypervisor ID) and for partitions:
 * - BITMAP_CREATE/DESTROY (w1 VM ID): only the normal world calls them (a partition:
 *   NOT_SUPPORTED); w1 must be a normal-world ID (bit 15 clear).
 * - BIND (w1 sender 31:16, receiver 15:0; w2 flags; w3/w4 bitmap): no flag may be set (the
 *   per-vCPU flag included: Hafnium has no per-vCPU notifications); sender and receiver differ;
 *   a partition binds for itself (receiver = caller); the normal world binds a partition
 *   sender to a normal-world receiver; the bitmap is not empty.
 * - UNBIND: as BIND, with w2 ignored (Hafnium passes no flags to its unbind).
 * - SET (w1 sender 31:16, receiver 15:0; w2 flags; w3/w4 bitmap): no per-vCPU flag (bit 0),
 *   vCPU ID (31:16) zero, bits 15:2 zero; sender and receiver differ; a partition sets from
 *   itself; the normal world sets from a normal-world sender to a partition; the bitmap is
 *   not empty; the delay-SRI flag (bit 1) only from a partition.
 * - GET (w1 vCPU 31:16, receiver 15:0; w2 flags): bits 31:4 zero; a partition gets its own,
 *   the normal world those of a normal-world receiver; and for a normal-world receiver neither
 *   the VM (bit 1) nor the hypervisor (bit 3) bitmap, which a hypervisor keeps itself.
 * Real Hafnium v2.15 answers exactly these (probe_hafnium_v13 on QEMU).
 */
#include "abi/notif.h"
#include "spmc/internal.h"

uint64_t spmc_notif_bitmap_arg(const struct ffa_value *args)
{
	return ((uint64_t)(uint32_t)args->x[4] << 32) | (uint32_t)args->x[3];
}

/* BITMAP_CREATE and _DESTROY: the normal world's, for normal-world IDs. */
static enum ffa_error notif_bitmap_call(const struct spmc_endpoint *caller,
					const struct ffa_value *args)
{
	if (caller->secure)
		return FFA_NOT_SUPPORTED;
	if (ffa_id_is_secure((uint16_t)args->x[1]))
		return FFA_INVALID_PARAMETERS;
	return FFA_OK;
}

/* BIND and UNBIND: flags (BIND only), the ends, the bitmap. */
static enum ffa_error notif_bind_call(const struct spmc_endpoint *caller,
				      const struct ffa_value *args, bool bind)
{
	uint16_t sender = ffa_msg_source(args->x[1]);
	uint16_t receiver = ffa_msg_destination(args->x[1]);

	if (bind && (uint32_t)args->x[2] != 0)
		return FFA_INVALID_PARAMETERS;
	if (sender == receiver)
		return FFA_INVALID_PARAMETERS;
	if (caller->secure ? receiver != caller->id
			   : !ffa_id_is_secure(sender) || ffa_id_is_secure(receiver))
		return FFA_INVALID_PARAMETERS;
	if (spmc_notif_bitmap_arg(args) == 0)
		return FFA_INVALID_PARAMETERS;
	return FFA_OK;
}

static enum ffa_error notif_set_call(const struct spmc_endpoint *caller,
				     const struct ffa_value *args)
{
	uint16_t sender = ffa_msg_source(args->x[1]);
	uint16_t receiver = ffa_msg_destination(args->x[1]);
	uint32_t flags = (uint32_t)args->x[2];

	if ((flags & FFA_NOTIF_FLAG_PER_VCPU) != 0 || (flags >> FFA_NOTIF_SET_VCPU_SHIFT) != 0 ||
	    (flags & FFA_NOTIF_SET_MBZ) != 0)
		return FFA_INVALID_PARAMETERS;
	if (sender == receiver)
		return FFA_INVALID_PARAMETERS;
	if (caller->secure ? sender != caller->id
			   : ffa_id_is_secure(sender) || !ffa_id_is_secure(receiver))
		return FFA_INVALID_PARAMETERS;
	if (spmc_notif_bitmap_arg(args) == 0)
		return FFA_INVALID_PARAMETERS;
	/* The delay-SRI flag belongs to the secure virtual instance (§13.16). */
	if (!ffa_id_is_secure(sender) && (flags & FFA_NOTIF_SET_DELAY_SRI) != 0)
		return FFA_INVALID_PARAMETERS;
	return FFA_OK;
}

static enum ffa_error notif_get_call(const struct spmc_endpoint *caller,
				     const struct ffa_value *args)
{
	uint16_t receiver = ffa_msg_destination(args->x[1]);
	uint32_t flags = (uint32_t)args->x[2];
	bool own = caller->secure ? receiver == caller->id : !ffa_id_is_secure(receiver);

	if ((flags & FFA_NOTIF_GET_MBZ) != 0 || !own)
		return FFA_INVALID_PARAMETERS;
	if (!ffa_id_is_secure(receiver) && (flags & (FFA_NOTIF_GET_VM | FFA_NOTIF_GET_HYP)) != 0)
		return FFA_INVALID_PARAMETERS;
	return FFA_OK;
}

enum ffa_error spmc_notif_hafnium_args(const struct spmc_endpoint *caller,
				       const struct ffa_value *args)
{
	switch (ffa_fid_strip_hint((uint32_t)args->x[0])) {
	case FFA_NOTIFICATION_BITMAP_CREATE:
	case FFA_NOTIFICATION_BITMAP_DESTROY:
		return notif_bitmap_call(caller, args);
	case FFA_NOTIFICATION_BIND:
		return notif_bind_call(caller, args, true);
	case FFA_NOTIFICATION_UNBIND:
		return notif_bind_call(caller, args, false);
	case FFA_NOTIFICATION_SET:
		return notif_set_call(caller, args);
	case FFA_NOTIFICATION_GET:
		return notif_get_call(caller, args);
	default:
		return FFA_OK;
	}
}
