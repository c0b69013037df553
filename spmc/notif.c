/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Notifications (FF-A v1.2 (DEN0077A) §10; the calls §13.12-13.19): bitmaps per receiver,
 * bindings of notifications to senders, pending bits, the framework notifications, the schedule
 * receiver interrupt (SRI) and FFA_NOTIFICATION_INFO_GET, as each real SPMC models them
 * (spmc_personality.notif_model):
 *
 * - Hafnium (src/api.c api_ffa_notification_*, src/ffa/spmc/notifications.c, src/vm.c): a
 *   bitmap per partition with notification-support, per normal-world VM created by the normal
 *   world (VM 0 always has a slot; other VMs take one of SPMC_NOTIF_VM_SLOTS), senders bound per
 *   notification and per class of sender (partitions, VMs), global notifications only (the
 *   per-vCPU flag is INVALID_PARAMETERS: Hafnium removed per-vCPU notifications, and its
 *   FFA_FEATURES(4) says so), the SRI on every successful set unless delayed, INFO_GET in its
 *   SMC64 form only, listing each receiver whose pending notifications were not yet reported.
 *   The argument checks it makes first are spmc/notification_args.c.
 * - OP-TEE as the S-EL1 SPMC (core/arch/arm/kernel/thread_spmc.c): VM 0's bitmap only; BIND
 *   records bound bits without a sender; FFA_NOTIFICATION_SET is not a normal-world call
 *   (NOT_SUPPORTED) and OP-TEE's own partitions cannot make these calls (its partition
 *   handler answers INVALID_PARAMETERS to functions it does not know); GET returns the
 *   partitions' bitmap only; INFO_GET in both forms, reporting VM 0 while anything is pending.
 * - TF-A's EL3 SPMC implements none of it (the rows' absent_in: NOT_SUPPORTED).
 */
#include "spmc/internal.h"

#include <string.h>

#include "abi/notif.h"

/* Hafnium's vCPU count of VM 0, the other world's VM: MAX_CPUS of its QEMU target (8: GET of vCPU 7
 * works there, of vCPU 8 is INVALID_PARAMETERS, the probe_notif recordings). */
#define NOTIF_VM0_VCPUS 8u

static uint64_t notif_bit(unsigned i)
{
	return UINT64_C(1) << i;
}

static void notif_bitmap_reset(struct spmc_notif_bitmap *b, uint16_t id)
{
	memset(b, 0, sizeof(*b));
	b->id = id;
	for (unsigned i = 0; i < SPMC_NOTIF_COUNT; i++) {
		b->from_sp.sender[i] = SPMC_NOTIF_UNBOUND;
		b->from_vm.sender[i] = SPMC_NOTIF_UNBOUND;
	}
}

/* A partition's bitmap: fresh state the first time it is looked at. */
static struct spmc_notif_bitmap *notif_sp_bitmap(struct spmc_endpoint *ep)
{
	if (ep->notif.id != ep->id || !ep->notif.enabled) {
		notif_bitmap_reset(&ep->notif, ep->id);
		ep->notif.enabled = true;
		ep->notif.vcpu_count = ep->exec_ctx_count;
	}
	return &ep->notif;
}

/*
 * A normal-world VM's slot (Hafnium's nwd_vms entry: its notification state, and the VM's place
 * while the SPMC holds its RX/TX buffers), or NULL when it has none; VM 0 always has one. With
 * create, a VM without one takes a free slot (NULL when all SPMC_NOTIF_VM_SLOTS are taken).
 */
struct spmc_notif_bitmap *spmc_notif_vm_slot(struct spmc *spmc, uint16_t id, bool create)
{
	struct spmc_notif_bitmap *free_slot = NULL;

	if (id == FFA_ID_NS_PHYS)
		return &spmc->notif.vm0;
	if (ffa_id_is_secure(id))
		return NULL;
	for (unsigned i = 0; i < SPMC_NOTIF_VM_SLOTS; i++) {
		if (spmc->notif.vms[i].id == id)
			return &spmc->notif.vms[i];
		if (free_slot == NULL && spmc->notif.vms[i].id == FFA_ID_NS_PHYS)
			free_slot = &spmc->notif.vms[i];
	}
	if (!create || free_slot == NULL)
		return NULL;
	notif_bitmap_reset(free_slot, id);
	free_slot->vcpu_count = NOTIF_VM0_VCPUS;
	return free_slot;
}

void spmc_notif_vm_slot_free(struct spmc *spmc, uint16_t id)
{
	struct spmc_notif_bitmap *b = spmc_notif_vm_slot(spmc, id, false);

	if (b != NULL && id != FFA_ID_NS_PHYS)
		notif_bitmap_reset(b, FFA_ID_NS_PHYS);
}

static struct spmc_notif_bitmap *notif_vm_find(struct spmc *spmc, uint16_t id)
{
	return spmc_notif_vm_slot(spmc, id, false);
}

/*
 * The receiver's bitmap: a partition with notification-support, or a VM with a slot. NULL when
 * there is no such receiver; *enabled tells whether its notifications are enabled.
 */
static struct spmc_notif_bitmap *notif_receiver(struct spmc *spmc, uint16_t id, bool *enabled)
{
	struct spmc_notif_bitmap *b;

	if (ffa_id_is_secure(id)) {
		struct spmc_endpoint *ep = spmc_find_endpoint(spmc, id);

		if (ep == NULL || !ep->secure)
			return NULL;
		*enabled = (ep->props & FFA_PROP_NOTIFICATIONS) != 0;
		return *enabled ? notif_sp_bitmap(ep) : &ep->notif;
	}
	b = notif_vm_find(spmc, id);
	*enabled = b != NULL && b->enabled;
	return b;
}

bool spmc_notif_enabled(const struct spmc *spmc, uint16_t id)
{
	bool enabled = false;

	if (spmc->cfg.personality->notif_model == SPMC_NOTIF_OPTEE)
		return id == FFA_ID_NS_PHYS;
	notif_receiver((struct spmc *)spmc, id, &enabled);
	return enabled;
}

bool spmc_notif_framework_pending(const struct spmc *spmc, uint16_t id)
{
	bool enabled = false;
	const struct spmc_notif_bitmap *b = notif_receiver((struct spmc *)spmc, id, &enabled);

	/* A VM's framework notifications need no bitmap (spmc_notif_set_framework). */
	return b != NULL && (enabled || !ffa_id_is_secure(id)) && b->fwk_pending != 0;
}

void spmc_notif_init(struct spmc *spmc)
{
	notif_bitmap_reset(&spmc->notif.vm0, FFA_ID_NS_PHYS);
	/* OP-TEE keeps VM 0's state from boot; Hafnium enables it on BITMAP_CREATE. */
	spmc->notif.vm0.enabled = false;
	spmc->notif.vm0.vcpu_count = NOTIF_VM0_VCPUS;
}

void spmc_notif_set_ops(struct spmc *spmc, const struct spmc_notif_ops *ops)
{
	memset(&spmc->notif.ops, 0, sizeof(spmc->notif.ops));
	if (ops != NULL)
		spmc->notif.ops = *ops;
}

/*
 * The schedule receiver interrupt to the normal world's CPU (the simulator runs the normal world
 * on CPU 0), FFA_FEATURES feature 2's interrupt ID.
 */
static void notif_raise_sri(struct spmc *spmc)
{
	spmc->notif.sri_delayed = false;
	spmc->notif.sri_raised++;
	if (spmc->notif.ops.raise_sri != NULL)
		spmc->notif.ops.raise_sri(spmc->notif.ops.ctx, 0, spmc->cfg.personality->sri_intid);
}

void spmc_notif_return_to_nw(struct spmc *spmc)
{
	if (spmc->notif.sri_delayed)
		notif_raise_sri(spmc);
}

/* The sender's class: notifications from partitions, or from normal-world VMs. */
static struct spmc_notif_from *notif_from(struct spmc_notif_bitmap *b, uint16_t sender)
{
	return ffa_id_is_secure(sender) ? &b->from_sp : &b->from_vm;
}

/* Every notification of `bits` is bound to `sender` (SPMC_NOTIF_UNBOUND: to nobody). */
static bool notif_bound_to(const struct spmc_notif_from *from, uint64_t bits, uint16_t sender)
{
	for (unsigned i = 0; i < SPMC_NOTIF_COUNT; i++) {
		if ((bits & notif_bit(i)) != 0 && from->sender[i] != sender)
			return false;
	}
	return true;
}

/* What a notification call answers when it works. */
static struct ffa_value notif_ok(void)
{
	return ffa_success_value(0);
}

static struct ffa_value notif_error(enum ffa_error err)
{
	return ffa_error_value(err);
}

/* ---- Hafnium ---- */

/* BITMAP_CREATE (w1 VM ID, w2 vCPU count): VM 0's bitmap, or a free slot (§13.12). */
static struct ffa_value hf_bitmap_create(struct spmc *spmc, const struct ffa_value *args)
{
	uint16_t id = (uint16_t)args->x[1];
	struct spmc_notif_bitmap *b = spmc_notif_vm_slot(spmc, id, true);

	/* Every slot is taken (Hafnium's ffa_vm_nwd_alloc finds none). */
	if (b == NULL)
		return notif_error(FFA_NO_MEMORY);
	if (b->enabled)
		return notif_error(FFA_DENIED);
	/* A VM's state outlives its bitmap: an RX-buffer-full notification pended before the
	 * create (for VM 0, or for a VM whose buffers the hypervisor forwarded) stays, as Hafnium
	 * only sets the slot's enabled flag. */
	b->enabled = true;
	b->vcpu_count = id == FFA_ID_NS_PHYS ? NOTIF_VM0_VCPUS : (uint16_t)args->x[2];
	return notif_ok();
}

/*
 * BITMAP_DESTROY (w1 VM ID; §13.13): DENIED for a VM without a bitmap or with notifications from
 * partitions pending. Hafnium checks the pending bits through a mask written ~0U, which a
 * 64-bit bitmap reads as notifications 0-31 only: pending notifications 32-63 do not stop it.
 * Bindings do not stop it either; they go with the bitmap.
 */
static struct ffa_value hf_bitmap_destroy(struct spmc *spmc, const struct ffa_value *args)
{
	uint16_t id = (uint16_t)args->x[1];
	struct spmc_notif_bitmap *b = notif_vm_find(spmc, id);

	if (b == NULL || !b->enabled)
		return notif_error(FFA_DENIED);
	if ((b->from_sp.pending & UINT32_MAX) != 0)
		return notif_error(FFA_DENIED);
	notif_bitmap_reset(b, id);
	if (id == FFA_ID_NS_PHYS)
		b->vcpu_count = NOTIF_VM0_VCPUS;
	/* The slot goes when the VM has no buffers at the SPMC either (Hafnium's
	 * ffa_vm_nwd_free). */
	spmc_vm_release(spmc, id);
	return notif_ok();
}

/*
 * The receiver's state checks BIND and UNBIND share, after the arguments (§13.14, §13.15):
 * INVALID_PARAMETERS for an unknown receiver, NOT_SUPPORTED for one below v1.1 or without
 * notifications, INVALID_PARAMETERS for an unknown partition sender of a bind.
 */
static enum ffa_error hf_bind_receiver(struct spmc *spmc, uint16_t sender, uint16_t receiver,
				       bool bind, struct spmc_notif_bitmap **out)
{
	struct spmc_endpoint *rep = ffa_id_is_secure(receiver)
					    ? spmc_find_endpoint(spmc, receiver)
					    : spmc_find_endpoint(spmc, FFA_ID_NS_PHYS);
	bool enabled = false;
	struct spmc_notif_bitmap *b = notif_receiver(spmc, receiver, &enabled);

	if (b == NULL)
		return FFA_INVALID_PARAMETERS;
	if (rep != NULL && spmc_caller_version(spmc, rep) < FFA_VERSION_1_1)
		return FFA_NOT_SUPPORTED;
	if (!enabled)
		return FFA_NOT_SUPPORTED;
	if (bind && ffa_id_is_secure(sender) && spmc_find_endpoint(spmc, sender) == NULL)
		return FFA_INVALID_PARAMETERS;
	*out = b;
	return FFA_OK;
}

/* BIND/UNBIND (w1 sender 31:16, receiver 15:0; w2 flags; w3/w4 bitmap). */
static struct ffa_value hf_bind(struct spmc *spmc, const struct ffa_value *args, bool bind)
{
	uint16_t sender = ffa_msg_source(args->x[1]);
	uint16_t receiver = ffa_msg_destination(args->x[1]);
	uint64_t bits = spmc_notif_bitmap_arg(args);
	struct spmc_notif_bitmap *b = NULL;
	struct spmc_notif_from *from;
	enum ffa_error err = hf_bind_receiver(spmc, sender, receiver, bind, &b);

	if (err != FFA_OK)
		return notif_error(err);
	from = notif_from(b, sender);
	/* Bits already bound to anyone (bind), or not all bound to this sender (unbind). */
	if (!notif_bound_to(from, bits, bind ? SPMC_NOTIF_UNBOUND : sender))
		return notif_error(FFA_DENIED);
	if ((from->pending & bits) != 0)
		return notif_error(FFA_DENIED);
	for (unsigned i = 0; i < SPMC_NOTIF_COUNT; i++) {
		if ((bits & notif_bit(i)) != 0)
			from->sender[i] = bind ? sender : SPMC_NOTIF_UNBOUND;
	}
	return notif_ok();
}

/* Marks bits pending in a state, and the SRI (now, or at the next return to the normal world). */
static void notif_pend(struct spmc *spmc, uint64_t *pending, uint64_t bits, bool delay_sri)
{
	*pending |= bits;
	if (delay_sri)
		spmc->notif.sri_delayed = true;
	else
		notif_raise_sri(spmc);
}

/*
 * SET (w1 sender 31:16, receiver 15:0; w2 flags; w3/w4 bitmap; §13.16): an unknown receiver is
 * INVALID_PARAMETERS; one without notifications, or bits not bound to the sender, DENIED.
 */
static struct ffa_value hf_set(struct spmc *spmc, const struct ffa_value *args)
{
	uint16_t sender = ffa_msg_source(args->x[1]);
	uint16_t receiver = ffa_msg_destination(args->x[1]);
	uint64_t bits = spmc_notif_bitmap_arg(args);
	bool delay = ((uint32_t)args->x[2] & FFA_NOTIF_SET_DELAY_SRI) != 0;
	bool enabled = false;
	struct spmc_notif_bitmap *b = notif_receiver(spmc, receiver, &enabled);
	struct spmc_notif_from *from;

	if (b == NULL)
		return notif_error(FFA_INVALID_PARAMETERS);
	if (!enabled)
		return notif_error(FFA_DENIED);
	from = notif_from(b, sender);
	if (!notif_bound_to(from, bits, sender))
		return notif_error(FFA_DENIED);
	notif_pend(spmc, &from->pending, bits, delay);
	return notif_ok();
}

/* Takes a state's pending bits: they are the receiver's now, and no longer to be reported. */
static uint64_t notif_take(uint64_t *pending, uint64_t *reported)
{
	uint64_t bits = *pending;

	*pending = 0;
	*reported = 0;
	return bits;
}

/* FFA_SUCCESS_32 with the three bitmaps: x2/x3 partitions', x4/x5 VMs', x6/x7 framework. */
static struct ffa_value notif_get_answer(uint64_t sp, uint64_t vm, uint64_t fwk)
{
	struct ffa_value v = ffa_success_value((uint32_t)sp);

	v.x[3] = (uint32_t)(sp >> 32);
	v.x[4] = (uint32_t)vm;
	v.x[5] = (uint32_t)(vm >> 32);
	v.x[6] = (uint32_t)fwk;
	v.x[7] = (uint32_t)(fwk >> 32);
	return v;
}

/*
 * GET (w1 vCPU 31:16, receiver 15:0; w2 the bitmaps; §13.17): a vCPU at or past the receiver's
 * count is INVALID_PARAMETERS; the bitmaps asked for are returned and cleared. The SPM and the
 * hypervisor flag both return the framework bitmap. A VM without a bitmap slot is
 * INVALID_PARAMETERS here; real Hafnium stops on an assertion (CHECK) there.
 */
static struct ffa_value hf_get(struct spmc *spmc, const struct ffa_value *args)
{
	uint16_t receiver = ffa_msg_destination(args->x[1]);
	uint16_t vcpu = ffa_msg_source(args->x[1]);
	uint32_t flags = (uint32_t)args->x[2];
	bool enabled = false;
	struct spmc_notif_bitmap *b = notif_receiver(spmc, receiver, &enabled);
	uint64_t sp = 0, vm = 0, fwk = 0;

	if (b == NULL)
		return notif_error(FFA_INVALID_PARAMETERS);
	if (vcpu >= (enabled ? b->vcpu_count : NOTIF_VM0_VCPUS))
		return notif_error(FFA_INVALID_PARAMETERS);
	if (flags & FFA_NOTIF_GET_SP)
		sp = notif_take(&b->from_sp.pending, &b->from_sp.info_reported);
	if (flags & FFA_NOTIF_GET_VM)
		vm = notif_take(&b->from_vm.pending, &b->from_vm.info_reported);
	if (flags & (FFA_NOTIF_GET_SPM | FFA_NOTIF_GET_HYP))
		fwk = notif_take(&b->fwk_pending, &b->fwk_info_reported);
	return notif_get_answer(sp, vm, fwk);
}

/* The ID list FFA_NOTIFICATION_INFO_GET builds (§13.19). */
struct notif_info {
	uint16_t ids[FFA_NOTIF_INFO_MAX_IDS_64];
	unsigned count;
	unsigned max;
	bool more; /* a receiver with unreported notifications did not fit */
};

/* Bits pending and not yet reported in a state; marks them reported when `mark`. */
static uint64_t notif_unreported(uint64_t pending, uint64_t *reported, bool mark)
{
	uint64_t bits = pending & ~*reported;

	if (mark)
		*reported |= bits;
	return bits;
}

/*
 * Adds a receiver to the list when it has pending notifications not yet reported (Hafnium: the
 * framework's, then the partitions', then the VMs'), each as a list of its ID alone (global
 * notifications: no vCPU IDs), and marks them reported; a receiver that does not fit sets `more`.
 */
static void notif_info_add(struct notif_info *info, struct spmc_notif_bitmap *b, bool mark_all)
{
	bool fits = info->count < info->max;
	bool mark = fits || mark_all;
	uint64_t bits = notif_unreported(b->fwk_pending, &b->fwk_info_reported, mark) |
			notif_unreported(b->from_sp.pending, &b->from_sp.info_reported, mark) |
			notif_unreported(b->from_vm.pending, &b->from_vm.info_reported, mark);

	if (bits == 0)
		return;
	if (!fits) {
		info->more = true;
		return;
	}
	info->ids[info->count++] = b->id;
}

/*
 * The answer: FFA_SUCCESS (the call's width) with w2 = more | lists << 7 (every list holds an ID
 * alone: sizes 0), the IDs packed from x3 up, `per_reg` to a register.
 */
static struct ffa_value notif_info_answer(const struct notif_info *info, bool smc64)
{
	struct ffa_value v = {{0}};
	unsigned per_reg = smc64 ? 4u : 2u;

	v.x[0] = smc64 ? FFA_SUCCESS_64 : FFA_SUCCESS_32;
	v.x[2] = (info->more ? FFA_NOTIF_INFO_MORE_PENDING : 0) |
		 ((info->count & FFA_NOTIF_INFO_LISTS_MASK) << FFA_NOTIF_INFO_LISTS_SHIFT);
	for (unsigned i = 0; i < info->count; i++)
		v.x[3 + i / per_reg] |= (uint64_t)info->ids[i] << (16 * (i % per_reg));
	return v;
}

/*
 * INFO_GET_64 (§13.19) from the normal world (Hafnium: only the primary scheduler; a partition
 * gets NOT_SUPPORTED): partitions first, in the order they were added, then VM 0, then the other
 * VMs by slot; NO_DATA when nothing is left to report.
 */
static struct ffa_value hf_info_get(struct spmc *spmc, const struct spmc_endpoint *caller)
{
	struct notif_info info = {.max = FFA_NOTIF_INFO_MAX_IDS_64};

	if (caller->secure)
		return notif_error(FFA_NOT_SUPPORTED);
	for (unsigned i = 0; i < spmc->endpoint_count; i++) {
		struct spmc_endpoint *ep = &spmc->endpoints[i];

		if (ep->secure && (ep->props & FFA_PROP_NOTIFICATIONS) != 0)
			notif_info_add(&info, notif_sp_bitmap(ep), false);
	}
	/* VM 0 is listed with or without a bitmap (Hafnium's other-world VM always is): an
	 * RX-buffer-full notification may be pending for it without one. */
	notif_info_add(&info, &spmc->notif.vm0, false);
	/* Every VM with a slot, bitmap or not (Hafnium's ffa_vm_notifications_info_get): an
	 * RX-buffer-full notification may be pending for one whose buffers were forwarded. */
	for (unsigned i = 0; i < SPMC_NOTIF_VM_SLOTS; i++) {
		if (spmc->notif.vms[i].id != FFA_ID_NS_PHYS)
			notif_info_add(&info, &spmc->notif.vms[i], false);
	}
	if (info.count == 0)
		return notif_error(FFA_NO_DATA);
	return notif_info_answer(&info, true);
}

static struct ffa_value notif_hafnium(struct spmc *spmc, struct spmc_endpoint *caller,
				      const struct ffa_value *args, uint32_t fid)
{
	enum ffa_error err;

	if (fid == FFA_NOTIFICATION_INFO_GET_64)
		return hf_info_get(spmc, caller);
	err = spmc_notif_hafnium_args(caller, args);
	if (err != FFA_OK)
		return notif_error(err);
	switch (fid) {
	case FFA_NOTIFICATION_BITMAP_CREATE:
		return hf_bitmap_create(spmc, args);
	case FFA_NOTIFICATION_BITMAP_DESTROY:
		return hf_bitmap_destroy(spmc, args);
	case FFA_NOTIFICATION_BIND:
		return hf_bind(spmc, args, true);
	case FFA_NOTIFICATION_UNBIND:
		return hf_bind(spmc, args, false);
	case FFA_NOTIFICATION_SET:
		return hf_set(spmc, args);
	case FFA_NOTIFICATION_GET:
		return hf_get(spmc, args);
	default:
		return notif_error(FFA_NOT_SUPPORTED);
	}
}

/* ---- OP-TEE ---- */

/* OP-TEE's registers that must be zero for a call: w5-w7, and for the bitmap calls w3-w4 too. */
static bool optee_mbz(const struct ffa_value *args, unsigned from)
{
	for (unsigned i = from; i <= 7; i++) {
		if ((uint32_t)args->x[i] != 0)
			return false;
	}
	return true;
}

/*
 * BITMAP_CREATE/DESTROY: w1 31:16 and w3-w7 zero, and the VM must be 0 (no NS virtualisation),
 * else INVALID_PARAMETERS; create twice DENIED; destroy with bits bound or pending DENIED.
 */
static struct ffa_value optee_bitmap(struct spmc *spmc, const struct ffa_value *args, bool create)
{
	struct spmc_notif_bitmap *b = &spmc->notif.vm0;

	if (ffa_msg_source(args->x[1]) != 0 || !optee_mbz(args, 3) ||
	    ffa_msg_destination(args->x[1]) != FFA_ID_NS_PHYS)
		return notif_error(FFA_INVALID_PARAMETERS);
	if (create) {
		if (b->enabled)
			return notif_error(FFA_DENIED);
		b->enabled = true;
		return notif_ok();
	}
	/* Destroy clears the whole state, whether or not it was created. */
	if (b->from_sp.pending != 0 || !notif_bound_to(&b->from_sp, UINT64_MAX, SPMC_NOTIF_UNBOUND))
		return notif_error(FFA_DENIED);
	notif_bitmap_reset(b, FFA_ID_NS_PHYS);
	return notif_ok();
}

/*
 * BIND/UNBIND: w5-w7 zero (UNBIND: w2 too) else INVALID_PARAMETERS; BIND with any flag DENIED
 * (global notifications only); receiver VM 0 only; the sender is not looked at (OP-TEE binds
 * bits, not senders): bits already bound DENIED (bind), bits pending DENIED (unbind). No bitmap
 * needs to exist first.
 */
static struct ffa_value optee_bind(struct spmc *spmc, const struct ffa_value *args, bool bind)
{
	struct spmc_notif_bitmap *b = &spmc->notif.vm0;
	uint64_t bits = spmc_notif_bitmap_arg(args);
	uint16_t sender = ffa_msg_source(args->x[1]);

	if (!optee_mbz(args, 5) || (!bind && (uint32_t)args->x[2] != 0))
		return notif_error(FFA_INVALID_PARAMETERS);
	if (bind && (uint32_t)args->x[2] != 0)
		return notif_error(FFA_DENIED);
	if (ffa_msg_destination(args->x[1]) != FFA_ID_NS_PHYS)
		return notif_error(FFA_INVALID_PARAMETERS);
	if (bind ? !notif_bound_to(&b->from_sp, bits, SPMC_NOTIF_UNBOUND)
		 : (b->from_sp.pending & bits) != 0)
		return notif_error(FFA_DENIED);
	for (unsigned i = 0; i < SPMC_NOTIF_COUNT; i++) {
		if ((bits & notif_bit(i)) != 0)
			b->from_sp.sender[i] = bind ? (sender == SPMC_NOTIF_UNBOUND ? 0 : sender)
						    : SPMC_NOTIF_UNBOUND;
	}
	return notif_ok();
}

/* GET: w5-w7 zero; without the partitions' flag an empty answer; VM 0 only; w2/w3 the bitmap. */
static struct ffa_value optee_get(struct spmc *spmc, const struct ffa_value *args)
{
	struct spmc_notif_bitmap *b = &spmc->notif.vm0;

	if (!optee_mbz(args, 5))
		return notif_error(FFA_INVALID_PARAMETERS);
	if (((uint32_t)args->x[2] & FFA_NOTIF_GET_SP) == 0)
		return notif_ok();
	if (ffa_msg_destination(args->x[1]) != FFA_ID_NS_PHYS)
		return notif_error(FFA_INVALID_PARAMETERS);
	return notif_get_answer(notif_take(&b->from_sp.pending, &b->from_sp.info_reported), 0, 0);
}

/*
 * INFO_GET_32/64: w1-w7 zero; VM 0 while anything is pending (OP-TEE reports it again on every
 * call until the bits are taken); the SMC32 form packs two IDs to a register.
 */
static struct ffa_value optee_info_get(struct spmc *spmc, const struct ffa_value *args, bool smc64)
{
	struct notif_info info = {.max = smc64 ? FFA_NOTIF_INFO_MAX_IDS_64
					       : FFA_NOTIF_INFO_MAX_IDS_32};

	if (!optee_mbz(args, 1))
		return notif_error(FFA_INVALID_PARAMETERS);
	if (spmc->notif.vm0.from_sp.pending != 0)
		info.ids[info.count++] = FFA_ID_NS_PHYS;
	if (info.count == 0)
		return notif_error(FFA_NO_DATA);
	return notif_info_answer(&info, smc64);
}

static struct ffa_value notif_optee(struct spmc *spmc, struct spmc_endpoint *caller,
				    const struct ffa_value *args, uint32_t fid)
{
	/* OP-TEE's partition handler (spmc_sp_handler.c) knows none of these functions. */
	if (caller->secure)
		return notif_error(FFA_INVALID_PARAMETERS);
	switch (fid) {
	case FFA_NOTIFICATION_BITMAP_CREATE:
		return optee_bitmap(spmc, args, true);
	case FFA_NOTIFICATION_BITMAP_DESTROY:
		return optee_bitmap(spmc, args, false);
	case FFA_NOTIFICATION_BIND:
		return optee_bind(spmc, args, true);
	case FFA_NOTIFICATION_UNBIND:
		return optee_bind(spmc, args, false);
	case FFA_NOTIFICATION_GET:
		return optee_get(spmc, args);
	case FFA_NOTIFICATION_INFO_GET_32:
		return optee_info_get(spmc, args, false);
	case FFA_NOTIFICATION_INFO_GET_64:
		return optee_info_get(spmc, args, true);
	default:
		/* FFA_NOTIFICATION_SET is not a normal-world call in OP-TEE's SPMC. */
		return notif_error(FFA_NOT_SUPPORTED);
	}
}

struct ffa_value spmc_notification_call(struct spmc *spmc, struct spmc_endpoint *caller,
					const struct ffa_value *args)
{
	uint32_t fid = ffa_fid_strip_hint((uint32_t)args->x[0]);

	switch (spmc->cfg.personality->notif_model) {
	case SPMC_NOTIF_HAFNIUM:
		return notif_hafnium(spmc, caller, args, fid);
	case SPMC_NOTIF_OPTEE:
		return notif_optee(spmc, caller, args, fid);
	case SPMC_NOTIF_NONE:
		break;
	}
	return notif_error(FFA_NOT_SUPPORTED);
}

bool spmc_notif_offered(const struct spmc *spmc, const struct spmc_endpoint *caller, uint32_t fid)
{
	switch (spmc->cfg.personality->notif_model) {
	case SPMC_NOTIF_HAFNIUM:
		/* FFA_NOTIFICATION_INFO_GET is the primary scheduler's alone. */
		return fid != FFA_NOTIFICATION_INFO_GET_64 || !caller->secure;
	case SPMC_NOTIF_OPTEE:
		/* OP-TEE's FFA_FEATURES lists them all, to partitions too. */
		return true;
	case SPMC_NOTIF_NONE:
		break;
	}
	return false;
}

void spmc_notif_inject_npi(struct spmc *spmc, struct spmc_endpoint *ep)
{
	const struct spmc_notif_bitmap *b = &ep->notif;

	if (spmc->cfg.personality->notif_model != SPMC_NOTIF_HAFNIUM || !ep->secure || ep->el0 ||
	    !spmc_notif_enabled(spmc, ep->id) || b->id != ep->id)
		return;
	if (b->from_sp.pending == 0 && b->from_vm.pending == 0 && b->fwk_pending == 0)
		return;
	spmc_intr_pend_npi(ep);
}

enum ffa_error spmc_notif_set_framework(struct spmc *spmc, uint16_t receiver, uint64_t bits,
					bool delay_sri)
{
	bool enabled = false;
	struct spmc_notif_bitmap *b;

	if (bits == 0 || (bits & ~(SPMC_NOTIF_FWK_RX_FULL_SPM | SPMC_NOTIF_FWK_RX_FULL_HYP)) != 0)
		return FFA_INVALID_PARAMETERS;
	if (spmc->cfg.personality->notif_model != SPMC_NOTIF_HAFNIUM)
		return FFA_DENIED;
	b = notif_receiver(spmc, receiver, &enabled);
	if (b == NULL)
		return FFA_INVALID_PARAMETERS;
	/* A partition needs notifications enabled; a VM does not: Hafnium pends "RX buffer full"
	 * for any VM receiver, implying that a VM that mapped an RX buffer takes it. */
	if (!enabled && ffa_id_is_secure(receiver))
		return FFA_DENIED;
	notif_pend(spmc, &b->fwk_pending, bits, delay_sri);
	return FFA_OK;
}
