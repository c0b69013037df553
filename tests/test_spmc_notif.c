/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The notification model (spmc/notif.c): bitmaps, bindings, pending bits, the schedule receiver
 * interrupt, FFA_NOTIFICATION_INFO_GET's list and the framework notifications, as Hafnium and
 * OP-TEE answer them; TF-A's EL3 SPMC has none. Every call poisons the registers it does not
 * use, but for OP-TEE, which wants w5-w7 zero.
 */
#include <criterion/criterion.h>

#include "abi/notif.h"
#include "spmc_helpers.h"

#define SP1 0x8001u
#define SP2 0x8002u
#define NOTIF_PROPS (FFA_PROP_DIRECT_REQ_RECV | FFA_PROP_NOTIFICATIONS)

/* The schedule receiver interrupts raised through the SPMC's ops. */
struct fake_gic {
	unsigned raised;
	unsigned cpu;
	uint32_t intid;
};

static void fake_raise_sri(void *ctx, unsigned cpu, uint32_t intid)
{
	struct fake_gic *g = ctx;

	g->raised++;
	g->cpu = cpu;
	g->intid = intid;
}

struct notif_fixture {
	struct spmc_fixture f;
	struct fake_gic gic;
	struct spmc_endpoint *sp1, *sp2;
};

/* A Hafnium SPMC with two partitions that support notifications and the fake GIC. */
static void nf_init(struct notif_fixture *n, const char *spec)
{
	struct spmc_notif_ops ops = {fake_raise_sri, &n->gic};

	memset(&n->gic, 0, sizeof(n->gic));
	spmc_fixture_init(&n->f, spec);
	n->sp1 = spmc_fixture_add_sp(&n->f, SP1, "sp1", NOTIF_PROPS);
	n->sp2 = spmc_fixture_add_sp(&n->f, SP2, "sp2", NOTIF_PROPS);
	spmc_notif_set_ops(&n->f.spmc, &ops);
}

static struct ffa_value call4(struct notif_fixture *n, struct spmc_endpoint *from, uint32_t fid,
			      uint64_t x1, uint64_t x2, uint64_t bits)
{
	const uint64_t args[4] = {x1, x2, (uint32_t)bits, bits >> 32};

	return spmc_fixture_call(&n->f, from, fid, args, 4);
}

/* x1 of BIND/UNBIND/SET: sender in 31:16, receiver in 15:0. */
static uint64_t ends(uint16_t sender, uint16_t receiver)
{
	return ((uint64_t)sender << 16) | receiver;
}

static struct ffa_value create(struct notif_fixture *n, uint16_t vm, uint16_t vcpus)
{
	return call4(n, n->f.nw, FFA_NOTIFICATION_BITMAP_CREATE, vm, vcpus, 0);
}

static struct ffa_value destroy(struct notif_fixture *n, uint16_t vm)
{
	return spmc_fixture_call1(&n->f, n->f.nw, FFA_NOTIFICATION_BITMAP_DESTROY, vm);
}

static struct ffa_value bind(struct notif_fixture *n, struct spmc_endpoint *from, uint16_t sender,
			     uint16_t receiver, uint64_t bits)
{
	return call4(n, from, FFA_NOTIFICATION_BIND, ends(sender, receiver), 0, bits);
}

static struct ffa_value unbind(struct notif_fixture *n, struct spmc_endpoint *from, uint16_t sender,
			       uint16_t receiver, uint64_t bits)
{
	return call4(n, from, FFA_NOTIFICATION_UNBIND, ends(sender, receiver), 0, bits);
}

static struct ffa_value set(struct notif_fixture *n, struct spmc_endpoint *from, uint16_t sender,
			    uint16_t receiver, uint32_t flags, uint64_t bits)
{
	return call4(n, from, FFA_NOTIFICATION_SET, ends(sender, receiver), flags, bits);
}

static struct ffa_value get(struct notif_fixture *n, struct spmc_endpoint *from, uint32_t receiver,
			    uint32_t flags)
{
	const uint64_t args[2] = {receiver, flags};

	return spmc_fixture_call(&n->f, from, FFA_NOTIFICATION_GET, args, 2);
}

static struct ffa_value info_get(struct notif_fixture *n, struct spmc_endpoint *from, uint32_t fid)
{
	return spmc_fixture_call(&n->f, from, fid, NULL, 0);
}

static void ok(const struct ffa_value *v)
{
	expect_ffa_success(v, 0, false);
}

/* A Hafnium fixture whose VM 0 has its bitmap (4 vCPUs asked for). */
static void nf_init_vm0(struct notif_fixture *n)
{
	struct ffa_value v;

	nf_init(n, "hafnium");
	v = create(n, 0, 4);
	ok(&v);
}

/* GET's answer: the three bitmaps, every other register zero. */
static void expect_bitmaps(const struct ffa_value *v, uint64_t sp, uint64_t vm, uint64_t fwk)
{
	uint32_t used = 0;

	for (unsigned i = 2; i <= 7; i++)
		used |= 1u << i;
	expect_ffa_success(v, used, false);
	cr_expect_eq(v->x[2] | v->x[3] << 32, sp, "sp bitmap %#llx", (unsigned long long)sp);
	cr_expect_eq(v->x[4] | v->x[5] << 32, vm, "vm bitmap");
	cr_expect_eq(v->x[6] | v->x[7] << 32, fwk, "framework bitmap");
}

/* VM 0's bitmap and the slots of other VMs: created once (DENIED twice), destroyed once
 * (DENIED without one); a partition cannot call them; past 16 slots NO_MEMORY. */
Test(notif_hafnium, bitmap_create_destroy)
{
	struct notif_fixture n;
	struct ffa_value v;

	nf_init_vm0(&n);
	v = create(&n, 0, 4);
	expect_ffa_error(&v, FFA_DENIED);
	v = destroy(&n, 0);
	ok(&v);
	v = destroy(&n, 0);
	expect_ffa_error(&v, FFA_DENIED);
	v = destroy(&n, 7);
	expect_ffa_error(&v, FFA_DENIED);
	v = call4(&n, n.sp1, FFA_NOTIFICATION_BITMAP_CREATE, 0, 1, 0);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	for (uint16_t vm = 1; vm <= SPMC_NOTIF_VM_SLOTS; vm++) {
		v = create(&n, vm, 2);
		ok(&v);
	}
	v = create(&n, SPMC_NOTIF_VM_SLOTS + 1, 2);
	expect_ffa_error(&v, FFA_NO_MEMORY);
	v = destroy(&n, 3);
	ok(&v);
	v = create(&n, SPMC_NOTIF_VM_SLOTS + 1, 2);
	ok(&v);
	/* The new VM's vCPU count bounds its GET. */
	v = get(&n, n.f.nw, SPMC_NOTIF_VM_SLOTS + 1 + (2u << 16), FFA_NOTIF_GET_SP);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = get(&n, n.f.nw, SPMC_NOTIF_VM_SLOTS + 1 + (1u << 16), FFA_NOTIF_GET_SP);
	expect_bitmaps(&v, 0, 0, 0);
	spmc_fixture_fini(&n.f);
}

/* The whole path to a normal-world receiver: bind, set by a partition (the SRI, interrupt 8 on
 * CPU 0), INFO_GET lists VM 0 once, GET returns the bits and clears them. */
Test(notif_hafnium, partition_to_vm)
{
	struct notif_fixture n;
	struct ffa_value v;

	nf_init(&n, "hafnium");
	v = bind(&n, n.f.nw, SP1, 0, (1u << 3) | (1u << 5));
	expect_ffa_error(&v, FFA_NOT_SUPPORTED); /* no bitmap yet */
	v = create(&n, 0, 4);
	ok(&v);
	v = bind(&n, n.f.nw, SP1, 0, (1u << 3) | (1u << 5) | (UINT64_C(1) << 40));
	ok(&v);
	v = info_get(&n, n.f.nw, FFA_NOTIFICATION_INFO_GET_64);
	expect_ffa_error(&v, FFA_NO_DATA);
	v = set(&n, n.sp1, SP1, 0, 0, (1u << 3) | (UINT64_C(1) << 40));
	ok(&v);
	cr_expect_eq(n.gic.raised, 1);
	cr_expect_eq(n.gic.intid, 8);
	cr_expect_eq(n.gic.cpu, 0);
	v = info_get(&n, n.f.nw, FFA_NOTIFICATION_INFO_GET_64);
	expect_ffa_success(&v, 1u << 2, true);
	cr_expect_eq(v.x[2], 1u << FFA_NOTIF_INFO_LISTS_SHIFT);
	v = info_get(&n, n.f.nw, FFA_NOTIFICATION_INFO_GET_64);
	expect_ffa_error(&v, FFA_NO_DATA);
	v = get(&n, n.f.nw, 0, FFA_NOTIF_GET_SP);
	expect_bitmaps(&v, (1u << 3) | (UINT64_C(1) << 40), 0, 0);
	v = get(&n, n.f.nw, 0, FFA_NOTIF_GET_SP);
	expect_bitmaps(&v, 0, 0, 0);
	spmc_fixture_fini(&n.f);
}

/* Bindings: bits bound to another sender (or to the same one again) DENIED; unbinding bits not
 * bound to the caller's sender DENIED; unbinding or destroying with them pending DENIED; setting
 * unbound bits or bits bound to another DENIED. */
Test(notif_hafnium, binding_errors)
{
	struct notif_fixture n;
	struct ffa_value v;

	nf_init_vm0(&n);
	v = bind(&n, n.f.nw, SP1, 0, 0x3);
	ok(&v);
	v = bind(&n, n.f.nw, SP2, 0, 0x2);
	expect_ffa_error(&v, FFA_DENIED);
	v = bind(&n, n.f.nw, SP1, 0, 0x1);
	expect_ffa_error(&v, FFA_DENIED);
	v = bind(&n, n.f.nw, SP2, 0, 0x4);
	ok(&v);
	v = unbind(&n, n.f.nw, SP2, 0, 0x1);
	expect_ffa_error(&v, FFA_DENIED);
	v = set(&n, n.sp2, SP2, 0, 0, 0x1);
	expect_ffa_error(&v, FFA_DENIED);
	v = set(&n, n.sp1, SP1, 0, 0, 0x8);
	expect_ffa_error(&v, FFA_DENIED);
	v = set(&n, n.sp1, SP1, 0, 0, 0x1);
	ok(&v);
	v = unbind(&n, n.f.nw, SP1, 0, 0x1);
	expect_ffa_error(&v, FFA_DENIED);
	v = destroy(&n, 0);
	expect_ffa_error(&v, FFA_DENIED);
	v = unbind(&n, n.f.nw, SP1, 0, 0x2);
	ok(&v);
	v = bind(&n, n.f.nw, SP2, 0, 0x2);
	ok(&v);
	/* A bind naming a partition that does not exist. */
	v = bind(&n, n.f.nw, 0x8009, 0, 0x10);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	/* A receiver VM without a bitmap slot. */
	v = bind(&n, n.f.nw, SP1, 9, 0x10);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = get(&n, n.f.nw, 0, FFA_NOTIF_GET_SP);
	expect_bitmaps(&v, 0x1, 0, 0);
	v = destroy(&n, 0);
	ok(&v);
	spmc_fixture_fini(&n.f);
}

/* Hafnium's destroy looks at notifications 0-31 only (its mask is ~0U): one pending above does
 * not stop it. */
Test(notif_hafnium, destroy_ignores_high_pending)
{
	struct notif_fixture n;
	struct ffa_value v;

	nf_init_vm0(&n);
	v = bind(&n, n.f.nw, SP1, 0, UINT64_C(1) << 33);
	ok(&v);
	v = set(&n, n.sp1, SP1, 0, 0, UINT64_C(1) << 33);
	ok(&v);
	v = destroy(&n, 0);
	ok(&v);
	spmc_fixture_fini(&n.f);
}

/* The delay-SRI flag: no interrupt while the partition runs; it fires when the normal world gets
 * its CPU back (here: its next call returns). */
Test(notif_hafnium, delayed_sri)
{
	struct notif_fixture n;
	struct ffa_value v;

	nf_init_vm0(&n);
	v = bind(&n, n.f.nw, SP1, 0, 0x1);
	ok(&v);
	v = set(&n, n.sp1, SP1, 0, FFA_NOTIF_SET_DELAY_SRI, 0x1);
	ok(&v);
	cr_expect_eq(n.gic.raised, 0);
	v = spmc_fixture_call1(&n.f, n.f.nw, FFA_ID_GET, SPMC_POISON);
	cr_expect_eq(n.gic.raised, 1);
	v = spmc_fixture_call1(&n.f, n.f.nw, FFA_ID_GET, SPMC_POISON);
	cr_expect_eq(n.gic.raised, 1, "raised once");
	spmc_fixture_fini(&n.f);
}

/* Partitions as receivers: from the normal world (the VM bitmap) and from another partition
 * (the SP bitmap); INFO_GET lists the partition; only its own GET sees them. */
Test(notif_hafnium, partition_receivers)
{
	struct notif_fixture n;
	struct ffa_value v;

	nf_init(&n, "hafnium");
	v = bind(&n, n.sp1, 0, SP1, 0x10);
	ok(&v);
	v = bind(&n, n.sp1, SP2, SP1, 0x20);
	ok(&v);
	v = set(&n, n.f.nw, 0, SP1, 0, 0x10);
	ok(&v);
	v = set(&n, n.sp2, SP2, SP1, 0, 0x20);
	ok(&v);
	/* Bits bound to the VM cannot be set by the partition, nor the other way round. */
	v = set(&n, n.sp2, SP2, SP1, 0, 0x10);
	expect_ffa_error(&v, FFA_DENIED);
	v = info_get(&n, n.f.nw, FFA_NOTIFICATION_INFO_GET_64);
	expect_ffa_success(&v, 1u << 2 | 1u << 3, true);
	cr_expect_eq(v.x[3], SP1);
	v = get(&n, n.sp2, SP1, FFA_NOTIF_GET_SP);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = get(&n, n.sp1, SP1, FFA_NOTIF_GET_VM);
	expect_bitmaps(&v, 0, 0x10, 0);
	v = get(&n, n.sp1, SP1, FFA_NOTIF_GET_SP | FFA_NOTIF_GET_VM);
	expect_bitmaps(&v, 0x20, 0, 0);
	/* A partition's vCPU is below its execution-context count (1 here). */
	v = get(&n, n.sp1, SP1 | (1u << 16), FFA_NOTIF_GET_SP);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	spmc_fixture_fini(&n.f);
}

/* INFO_GET's list: partitions first, then VM 0, then other VMs; 20 IDs at most, four to an x
 * register, with the more-pending flag; the rest on the next call. */
Test(notif_hafnium, info_get_list)
{
	struct notif_fixture n;
	struct ffa_value v;
	uint16_t want[21];
	unsigned count = 0;

	nf_init(&n, "hafnium");
	for (uint16_t sp = 0x8003; sp <= 0x8004; sp++)
		spmc_fixture_add_sp(&n.f, sp, sp == 0x8003 ? "sp3" : "sp4", NOTIF_PROPS);
	for (unsigned i = 0; i < n.f.spmc.endpoint_count; i++) {
		struct spmc_endpoint *ep = &n.f.spmc.endpoints[i];

		if (!ep->secure)
			continue;
		v = bind(&n, ep, 0, ep->id, 0x1);
		ok(&v);
		v = set(&n, n.f.nw, 0, ep->id, 0, 0x1);
		ok(&v);
		want[count++] = ep->id;
	}
	for (uint16_t vm = 0; vm <= SPMC_NOTIF_VM_SLOTS; vm++) {
		v = create(&n, vm, 1);
		ok(&v);
		v = bind(&n, n.f.nw, SP1, vm, 0x1);
		ok(&v);
		v = set(&n, n.sp1, SP1, vm, 0, 0x1);
		ok(&v);
		want[count++] = vm;
	}
	cr_assert_eq(count, 21);
	v = info_get(&n, n.f.nw, FFA_NOTIFICATION_INFO_GET_64);
	cr_assert_eq(v.x[0], FFA_SUCCESS_64);
	cr_expect_eq(v.x[2], FFA_NOTIF_INFO_MORE_PENDING | (20u << FFA_NOTIF_INFO_LISTS_SHIFT));
	for (unsigned i = 0; i < 20; i++)
		cr_expect_eq((uint16_t)(v.x[3 + i / 4] >> (16 * (i % 4))), want[i], "id %u", i);
	v = info_get(&n, n.f.nw, FFA_NOTIFICATION_INFO_GET_64);
	expect_ffa_success(&v, 1u << 2 | 1u << 3, true);
	cr_expect_eq(v.x[2], 1u << FFA_NOTIF_INFO_LISTS_SHIFT);
	cr_expect_eq(v.x[3], want[20]);
	v = info_get(&n, n.f.nw, FFA_NOTIFICATION_INFO_GET_64);
	expect_ffa_error(&v, FFA_NO_DATA);
	spmc_fixture_fini(&n.f);
}

/* INFO_GET is the normal world's, in its SMC64 form only; FFA_FEATURES says the same. */
Test(notif_hafnium, info_get_callers)
{
	struct notif_fixture n;
	struct ffa_value v;

	nf_init(&n, "hafnium");
	v = info_get(&n, n.f.nw, FFA_NOTIFICATION_INFO_GET_32);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	v = info_get(&n, n.sp1, FFA_NOTIFICATION_INFO_GET_64);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	v = spmc_fixture_call1(&n.f, n.f.nw, FFA_FEATURES, FFA_NOTIFICATION_INFO_GET_64);
	cr_expect_eq(v.x[0], FFA_SUCCESS_32);
	v = spmc_fixture_call1(&n.f, n.sp1, FFA_FEATURES, FFA_NOTIFICATION_INFO_GET_64);
	cr_expect_eq(v.x[0], FFA_ERROR_32);
	v = spmc_fixture_call1(&n.f, n.f.nw, FFA_FEATURES, FFA_NOTIFICATION_INFO_GET_32);
	cr_expect_eq(v.x[0], FFA_ERROR_32);
	v = spmc_fixture_call1(&n.f, n.sp1, FFA_FEATURES, FFA_NOTIFICATION_SET);
	cr_expect_eq(v.x[0], FFA_SUCCESS_32);
	spmc_fixture_fini(&n.f);
}

/* Framework notifications (the message-pending one an indirect message sets): to a partition
 * with notifications, and to a VM with or without a bitmap (Hafnium pends it for any VM
 * receiver); GET returns them with the SPM or hypervisor flag; the SRI fires. */
Test(notif_hafnium, framework)
{
	struct notif_fixture n;
	struct ffa_value v;

	nf_init(&n, "hafnium");
	cr_expect_not(spmc_notif_enabled(&n.f.spmc, 0));
	/* VM 0 without a bitmap: pended all the same, and a bitmap created later keeps it. */
	cr_expect_eq(spmc_notif_set_framework(&n.f.spmc, 0, SPMC_NOTIF_FWK_RX_FULL_SPM, false),
		     FFA_OK);
	cr_expect(spmc_notif_framework_pending(&n.f.spmc, 0));
	cr_expect_eq(n.gic.raised, 1);
	v = create(&n, 0, 4);
	ok(&v);
	cr_expect(spmc_notif_framework_pending(&n.f.spmc, 0));
	v = get(&n, n.f.nw, 0, FFA_NOTIF_GET_SPM);
	expect_bitmaps(&v, 0, 0, SPMC_NOTIF_FWK_RX_FULL_SPM);
	n.gic.raised = 0;
	cr_expect(spmc_notif_enabled(&n.f.spmc, 0));
	cr_expect(spmc_notif_enabled(&n.f.spmc, SP1));
	cr_expect_eq(spmc_notif_set_framework(&n.f.spmc, 0, 0x2, false), FFA_INVALID_PARAMETERS);
	cr_expect_eq(spmc_notif_set_framework(&n.f.spmc, 5, SPMC_NOTIF_FWK_RX_FULL_SPM, false),
		     FFA_INVALID_PARAMETERS);
	cr_expect_not(spmc_notif_framework_pending(&n.f.spmc, 0));
	cr_expect_eq(spmc_notif_set_framework(&n.f.spmc, 0, SPMC_NOTIF_FWK_RX_FULL_SPM, false),
		     FFA_OK);
	cr_expect(spmc_notif_framework_pending(&n.f.spmc, 0));
	cr_expect_eq(n.gic.raised, 1);
	cr_expect_eq(spmc_notif_set_framework(&n.f.spmc, SP1, SPMC_NOTIF_FWK_RX_FULL_SPM, true),
		     FFA_OK);
	v = info_get(&n, n.f.nw, FFA_NOTIFICATION_INFO_GET_64);
	cr_expect_eq(v.x[2], 2u << FFA_NOTIF_INFO_LISTS_SHIFT);
	cr_expect_eq(v.x[3], SP1 | (0u << 16));
	v = get(&n, n.f.nw, 0, FFA_NOTIF_GET_SP);
	expect_bitmaps(&v, 0, 0, 0);
	v = get(&n, n.f.nw, 0, FFA_NOTIF_GET_SPM);
	expect_bitmaps(&v, 0, 0, SPMC_NOTIF_FWK_RX_FULL_SPM);
	cr_expect_not(spmc_notif_framework_pending(&n.f.spmc, 0));
	v = get(&n, n.sp1, SP1, FFA_NOTIF_GET_HYP);
	expect_bitmaps(&v, 0, 0, SPMC_NOTIF_FWK_RX_FULL_SPM);
	spmc_fixture_fini(&n.f);
}

/* An OP-TEE call with explicit registers (w5-w7 must be zero there). */
static struct ffa_value optee_call(struct notif_fixture *n, struct spmc_endpoint *from,
				   uint32_t fid, uint64_t x1, uint64_t x2, uint64_t x3, uint64_t x5)
{
	const uint64_t args[7] = {x1, x2, x3, 0, x5, 0, 0};

	return spmc_fixture_call(&n->f, from, fid, args, 7);
}

/* OP-TEE: VM 0 only; create/destroy with their register checks; bind by bits (the sender not
 * looked at, a flag DENIED); destroy with bits bound DENIED; GET of the partitions' bitmap;
 * INFO_GET in both forms; SET is no normal-world call; partitions cannot call them at all. */
Test(notif_optee, calls)
{
	struct notif_fixture n;
	struct ffa_value v;

	nf_init(&n, "optee");
	v = optee_call(&n, n.f.nw, FFA_NOTIFICATION_BITMAP_CREATE, 1, 4, 0, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = optee_call(&n, n.f.nw, FFA_NOTIFICATION_BITMAP_CREATE, 0x10000, 4, 0, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = optee_call(&n, n.f.nw, FFA_NOTIFICATION_BITMAP_CREATE, 0, 4, 1, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = optee_call(&n, n.f.nw, FFA_NOTIFICATION_BITMAP_CREATE, 0, 4, 0, 0);
	ok(&v);
	v = optee_call(&n, n.f.nw, FFA_NOTIFICATION_BITMAP_CREATE, 0, 4, 0, 0);
	expect_ffa_error(&v, FFA_DENIED);
	v = optee_call(&n, n.f.nw, FFA_NOTIFICATION_BIND, ends(0x1234, 0), 1, 0x3, 0);
	expect_ffa_error(&v, FFA_DENIED);
	v = optee_call(&n, n.f.nw, FFA_NOTIFICATION_BIND, ends(0x1234, 0), 0, 0x3, 1);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = optee_call(&n, n.f.nw, FFA_NOTIFICATION_BIND, ends(0x1234, 1), 0, 0x3, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = optee_call(&n, n.f.nw, FFA_NOTIFICATION_BIND, ends(0x1234, 0), 0, 0x3, 0);
	ok(&v);
	v = optee_call(&n, n.f.nw, FFA_NOTIFICATION_BIND, ends(SP1, 0), 0, 0x2, 0);
	expect_ffa_error(&v, FFA_DENIED);
	v = optee_call(&n, n.f.nw, FFA_NOTIFICATION_BITMAP_DESTROY, 0, 0, 0, 0);
	expect_ffa_error(&v, FFA_DENIED);
	v = optee_call(&n, n.f.nw, FFA_NOTIFICATION_UNBIND, ends(0, 0), 1, 0x3, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = optee_call(&n, n.f.nw, FFA_NOTIFICATION_UNBIND, ends(0, 0), 0, 0x3, 0);
	ok(&v);
	v = optee_call(&n, n.f.nw, FFA_NOTIFICATION_GET, 0, 0, 0, 0);
	expect_bitmaps(&v, 0, 0, 0);
	v = optee_call(&n, n.f.nw, FFA_NOTIFICATION_GET, 0, FFA_NOTIF_GET_SP, 0, 1);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = optee_call(&n, n.f.nw, FFA_NOTIFICATION_GET, 0, FFA_NOTIF_GET_SP, 0, 0);
	expect_bitmaps(&v, 0, 0, 0);
	v = optee_call(&n, n.f.nw, FFA_NOTIFICATION_INFO_GET_32, 0, 0, 0, 0);
	expect_ffa_error(&v, FFA_NO_DATA);
	v = optee_call(&n, n.f.nw, FFA_NOTIFICATION_INFO_GET_64, 1, 0, 0, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = optee_call(&n, n.f.nw, FFA_NOTIFICATION_SET, ends(0, SP1), 0, 1, 0);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	v = optee_call(&n, n.sp1, FFA_NOTIFICATION_BIND, ends(0, SP1), 0, 1, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = optee_call(&n, n.f.nw, FFA_NOTIFICATION_BITMAP_DESTROY, 0, 0, 0, 0);
	ok(&v);
	v = optee_call(&n, n.f.nw, FFA_NOTIFICATION_BITMAP_DESTROY, 0, 0, 0, 0);
	ok(&v);
	spmc_fixture_fini(&n.f);
}

/* FFA_FEATURES: OP-TEE offers every notification function and the SRI (8); TF-A's EL3 SPMC none,
 * and refuses the calls. */
Test(notif_features, per_personality)
{
	struct notif_fixture n;
	struct ffa_value v;

	nf_init(&n, "optee");
	for (uint32_t fid = FFA_NOTIFICATION_BITMAP_CREATE; fid <= FFA_NOTIFICATION_INFO_GET_32;
	     fid++) {
		v = spmc_fixture_call1(&n.f, n.f.nw, FFA_FEATURES, fid);
		cr_expect_eq(v.x[0], FFA_SUCCESS_32, "optee %#x", fid);
	}
	v = spmc_fixture_call1(&n.f, n.f.nw, FFA_FEATURES, FFA_NOTIFICATION_INFO_GET_64);
	cr_expect_eq(v.x[0], FFA_SUCCESS_32);
	v = call4(&n, n.f.nw, FFA_FEATURES, FFA_FEATURE_SRI, 0, 0);
	cr_expect_eq(v.x[2], 8);
	spmc_fixture_fini(&n.f);

	nf_init(&n, "tf-a");
	spmc_fixture_call1(&n.f, n.f.nw, FFA_VERSION, FFA_VERSION_1_2);
	for (uint32_t fid = FFA_NOTIFICATION_BITMAP_CREATE; fid <= FFA_NOTIFICATION_INFO_GET_32;
	     fid++) {
		v = spmc_fixture_call1(&n.f, n.f.nw, FFA_FEATURES, fid);
		cr_expect_eq(v.x[0], FFA_ERROR_32, "tf-a %#x", fid);
		v = optee_call(&n, n.f.nw, fid, 0, 0, 0, 0);
		cr_expect_eq(v.x[0], FFA_ERROR_32, "tf-a call %#x", fid);
		cr_expect_eq((int32_t)v.x[2], FFA_NOT_SUPPORTED);
	}
	spmc_fixture_fini(&n.f);
}
