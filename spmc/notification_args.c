/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The argument checks of the notification calls (FF-A v1.2 (DEN0077A) §10, §13.12-13.17:
 * FFA_NOTIFICATION_BITMAP_CREATE, _DESTROY, _BIND, _UNBIND, _SET, _GET) as Hafnium makes them
 * before it looks at any notification state. Notifications themselves are not modelled: a call
 * whose arguments pass answers NOT_SUPPORTED, and FFA_FEATURES reports none of them. Other
 * personalities (pers->notification_arg_checks false) answer NOT_SUPPORTED to all of them.
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
 * Real Hafnium v2.15 answers exactly these (probe_hafnium_v13 on QEMU); calls that pass them
 * reach its notification state, which here is absent.
 */
#include "spmc/internal.h"

/* FFA_NOTIFICATION_SET w2 (§13.16): bit 0 per-vCPU, bit 1 delay SRI, 31:16 vCPU ID. */
#define NOTIF_SET_PER_VCPU (UINT32_C(1) << 0)
#define NOTIF_SET_DELAY_SRI (UINT32_C(1) << 1)
#define NOTIF_SET_VCPU_SHIFT 16
#define NOTIF_SET_MBZ 0x0000fffcu
/* FFA_NOTIFICATION_GET w2 (§13.17): bitmaps asked for; bits 31:4 MBZ. */
#define NOTIF_GET_VM (UINT32_C(1) << 1)
#define NOTIF_GET_HYP (UINT32_C(1) << 3)
#define NOTIF_GET_MBZ 0xfffffff0u

static struct ffa_value notif_invalid(void)
{
	return ffa_error_value(FFA_INVALID_PARAMETERS);
}

/* What a call whose arguments passed answers: the state is not modelled. */
static struct ffa_value notif_unmodelled(void)
{
	return ffa_error_value(FFA_NOT_SUPPORTED);
}

static uint64_t notif_bitmap(const struct ffa_value *args)
{
	return ((uint64_t)(uint32_t)args->x[4] << 32) | (uint32_t)args->x[3];
}

/* BITMAP_CREATE and _DESTROY: the normal world's, for normal-world IDs. */
static struct ffa_value notif_bitmap_call(const struct spmc_endpoint *caller,
					  const struct ffa_value *args)
{
	if (caller->secure)
		return ffa_error_value(FFA_NOT_SUPPORTED);
	if (ffa_id_is_secure((uint16_t)args->x[1]))
		return notif_invalid();
	return notif_unmodelled();
}

/* BIND and UNBIND: flags (BIND only), the ends, the bitmap. */
static struct ffa_value notif_bind_call(const struct spmc_endpoint *caller,
					const struct ffa_value *args, bool bind)
{
	uint16_t sender = ffa_msg_source(args->x[1]);
	uint16_t receiver = ffa_msg_destination(args->x[1]);

	if (bind && (uint32_t)args->x[2] != 0)
		return notif_invalid();
	if (sender == receiver)
		return notif_invalid();
	if (caller->secure ? receiver != caller->id
			   : !ffa_id_is_secure(sender) || ffa_id_is_secure(receiver))
		return notif_invalid();
	if (notif_bitmap(args) == 0)
		return notif_invalid();
	return notif_unmodelled();
}

static struct ffa_value notif_set_call(const struct spmc_endpoint *caller,
				       const struct ffa_value *args)
{
	uint16_t sender = ffa_msg_source(args->x[1]);
	uint16_t receiver = ffa_msg_destination(args->x[1]);
	uint32_t flags = (uint32_t)args->x[2];

	if ((flags & NOTIF_SET_PER_VCPU) != 0 || (flags >> NOTIF_SET_VCPU_SHIFT) != 0 ||
	    (flags & NOTIF_SET_MBZ) != 0)
		return notif_invalid();
	if (sender == receiver)
		return notif_invalid();
	if (caller->secure ? sender != caller->id
			   : ffa_id_is_secure(sender) || !ffa_id_is_secure(receiver))
		return notif_invalid();
	if (notif_bitmap(args) == 0)
		return notif_invalid();
	/* The delay-SRI flag belongs to the secure virtual instance (§13.16). */
	if (!ffa_id_is_secure(sender) && (flags & NOTIF_SET_DELAY_SRI) != 0)
		return notif_invalid();
	return notif_unmodelled();
}

static struct ffa_value notif_get_call(const struct spmc_endpoint *caller,
				       const struct ffa_value *args)
{
	uint16_t receiver = ffa_msg_destination(args->x[1]);
	uint32_t flags = (uint32_t)args->x[2];
	bool own = caller->secure ? receiver == caller->id : !ffa_id_is_secure(receiver);

	if ((flags & NOTIF_GET_MBZ) != 0 || !own)
		return notif_invalid();
	if (!ffa_id_is_secure(receiver) && (flags & (NOTIF_GET_VM | NOTIF_GET_HYP)) != 0)
		return notif_invalid();
	return notif_unmodelled();
}

struct ffa_value spmc_notification_call(struct spmc *spmc, struct spmc_endpoint *caller,
					const struct ffa_value *args)
{
	uint32_t fid = ffa_fid_strip_hint((uint32_t)args->x[0]);

	if (!spmc->cfg.personality->notification_arg_checks)
		return notif_unmodelled();
	switch (fid) {
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
		return notif_unmodelled();
	}
}
