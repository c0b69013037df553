/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Normal-world VMs other than 0 at the SPMC, as a hypervisor tells Hafnium's SPMC of them: the
 * VM's RX/TX buffers forwarded in the endpoint RX/TX descriptor, its RX buffer's ownership
 * (FFA_RX_ACQUIRE, FFA_RX_RELEASE naming the VM), indirect messages from and to it, its
 * notifications, the slots the SPMC keeps for VMs, and each error as Hafnium answers it. Also
 * the partition side of indirect messaging: a partition's own errors.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "abi/msghdr.h"
#include "abi/notif.h"
#include "abi/rxtxdesc.h"
#include "spmc/notif.h"
#include "spmc_helpers.h"

#define NS_TX 0x40400000ull
#define NS_RX 0x40401000ull
#define VM_TX 0x40500000ull
#define VM_RX 0x40501000ull
#define VM1 1u
#define VM2 2u
#define SP1 0x8001u
#define SP2 0x8002u
#define SP_TX(id) SPMC_FIXTURE_SP_MEM(id)
#define SP_RX(id) (SPMC_FIXTURE_SP_MEM(id) + 0x1000u)
#define MSG_PROPS (FFA_PROP_INDIRECT_MSG | FFA_PROP_DIRECT_REQ_RECV)

static const uint8_t payload[] = "vm hello";

static void map(struct spmc_fixture *f, struct spmc_endpoint *ep, uint64_t tx, uint64_t rx)
{
	spmc_fixture_map(f, ep, tx, rx);
}

/* The hypervisor (endpoint 0) describes VM `vm`'s buffers in its TX buffer and forwards them
 * with FFA_RXTX_MAP_64(0, 0, 0), as Hafnium's hypervisor does. Returns the SPMC's answer. */
static struct ffa_value forward_map(struct spmc_fixture *f, uint16_t vm, uint64_t tx, uint64_t rx,
				    uint32_t pages)
{
	struct ffa_rxtx_desc d = {.endpoint = vm, .rx = rx, .tx = tx, .pages = pages};
	uint8_t *p = fake_memory_ptr(&f->memory, NS_TX, FFA_RXTX_PAGE_SIZE);
	uint64_t args[3] = {0, 0, 0};

	memset(p, 0, FFA_RXTX_PAGE_SIZE);
	cr_assert_eq(ffa_rxtx_desc_write(p, FFA_RXTX_PAGE_SIZE, &d), FFA_RXTX_DESC_SIZE);
	return spmc_fixture_call(f, f->nw, FFA_RXTX_MAP_64, args, 3);
}

/* Hafnium SPMC, the hypervisor at v1.2 with its buffers, partition SP1 (props) running with
 * its buffers, and VM 1's buffers forwarded. */
static struct spmc_endpoint *setup_props(struct spmc_fixture *f, uint32_t props)
{
	struct spmc_endpoint *sp;
	struct ffa_value v;

	spmc_fixture_init(f, "hafnium:1.2");
	v = spmc_fixture_call1(f, f->nw, FFA_VERSION, FFA_VERSION_1_2);
	cr_assert_neq((uint32_t)v.x[0], (uint32_t)FFA_NOT_SUPPORTED);
	map(f, f->nw, NS_TX, NS_RX);
	sp = spmc_fixture_add_sp(f, SP1, "sp1", props);
	sp->ctx.state = SPMC_EP_RUNNING;
	sp->ctx.caller = SP1;
	map(f, sp, SP_TX(SP1), SP_RX(SP1));
	v = forward_map(f, VM1, VM_TX, VM_RX, 1);
	expect_ffa_success(&v, 0, false);
	return sp;
}

static struct spmc_endpoint *setup(struct spmc_fixture *f)
{
	return setup_props(f, MSG_PROPS);
}

/* A v1.2 message with the test payload, written in tx. */
static void put_hello(struct spmc_fixture *f, uint64_t tx, uint16_t sender, uint16_t receiver)
{
	spmc_fixture_put_msg(f, tx, sender, receiver, payload, sizeof(payload));
}

/* Asserts rx holds the test message from sender to receiver. */
static void expect_hello(struct spmc_fixture *f, uint64_t rx, uint16_t sender, uint16_t receiver)
{
	spmc_fixture_expect_msg(f, rx, sender, receiver, payload, sizeof(payload));
}

/* FFA_NOTIFICATION_INFO_GET_64's first ID list: *ids gets up to 4 IDs; returns the count. */
static unsigned info_get(struct spmc_fixture *f, uint16_t ids[4])
{
	uint64_t args[17] = {0};
	struct ffa_value v = spmc_fixture_call(f, f->nw, FFA_NOTIFICATION_INFO_GET_64, args, 17);
	unsigned n;

	if ((uint32_t)v.x[0] != FFA_SUCCESS_64)
		return 0;
	n = ((uint32_t)v.x[2] >> FFA_NOTIF_INFO_LISTS_SHIFT) & FFA_NOTIF_INFO_LISTS_MASK;
	for (unsigned i = 0; i < n && i < 4; i++)
		ids[i] = (uint16_t)(v.x[3] >> (16 * i));
	return n;
}

/* The hypervisor's FFA_NOTIFICATION_GET for a VM, of the SPM's and partitions' bitmaps. */
static struct ffa_value get_for(struct spmc_fixture *f, uint16_t vm)
{
	uint64_t args[17] = {vm, FFA_NOTIF_GET_SP | FFA_NOTIF_GET_SPM};

	return spmc_fixture_call(f, f->nw, FFA_NOTIFICATION_GET, args, 17);
}

/* ---- The VM's buffers ---- */

/* The forwarded buffers make VM 1 an endpoint of the SPMC, non-secure, at the hypervisor's
 * version, its buffers free; a second forward for it is DENIED as a second map is. */
Test(vm_rxtx, forwarded_map)
{
	struct spmc_fixture f;
	struct spmc_endpoint *vm;
	struct ffa_value v;

	setup(&f);
	vm = spmc_find_endpoint(&f.spmc, VM1);
	cr_assert_not_null(vm);
	cr_assert_not(vm->secure);
	cr_assert(vm->rxtx.mapped);
	cr_assert_eq(vm->rxtx.tx, VM_TX);
	cr_assert_eq(vm->rxtx.rx, VM_RX);
	cr_assert_eq(vm->rxtx.page_count, 1);
	cr_assert_not(vm->rxtx.rx_full);
	cr_assert_eq(vm->version, FFA_VERSION_1_2);
	v = forward_map(&f, VM1, VM_TX, VM_RX, 1);
	expect_ffa_error(&v, FFA_DENIED);
	spmc_fixture_fini(&f);
}

/* Forwarding errors: no hypervisor TX buffer, a descriptor with unaligned offsets
 * (INVALID_PARAMETERS, Hafnium's HF_INVALID_VM_ID), the map checks for the VM's pages
 * (overlapping another endpoint's buffers, no pages, unaligned, secure memory), and the
 * failed VM gets no place. */
Test(vm_rxtx, forwarded_map_errors)
{
	struct spmc_fixture f;
	uint8_t *p;
	uint64_t args[3] = {0, 0, 0};
	struct ffa_value v;

	setup(&f);
	v = forward_map(&f, VM2, NS_TX, VM_RX + 0x10000, 1);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = forward_map(&f, VM2, VM_TX + 0x10000, VM_RX + 0x10000, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = forward_map(&f, VM2, VM_TX + 0x10008, VM_RX + 0x10000, 1);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	/* Secure memory is not the normal world's: DENIED, as for the hypervisor's own. */
	v = forward_map(&f, VM2, SP_TX(SP2), VM_RX + 0x10000, 1);
	expect_ffa_error(&v, FFA_DENIED);
	/* The VM refused has no place: a message to it has no receiver. */
	put_hello(&f, SP_TX(SP1), SP1, VM2);
	v = spmc_fixture_send2(&f, spmc_find_endpoint(&f.spmc, SP1), 0, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	/* Unaligned composite offsets. */
	v = forward_map(&f, VM2, VM_TX + 0x10000, VM_RX + 0x10000, 1);
	expect_ffa_success(&v, 0, false);
	p = fake_memory_ptr(&f.memory, NS_TX, FFA_RXTX_PAGE_SIZE);
	p[4] = 0x14;
	v = spmc_fixture_call(&f, f.nw, FFA_RXTX_MAP_64, args, 3);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	/* Without a TX buffer of its own the hypervisor cannot describe anything. */
	v = spmc_fixture_call1(&f, f.nw, FFA_RXTX_UNMAP, 0);
	expect_ffa_success(&v, 0, false);
	v = spmc_fixture_call(&f, f.nw, FFA_RXTX_MAP_64, args, 3);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	spmc_fixture_fini(&f);
}

/* FFA_RXTX_UNMAP with the VM's ID in w1 bits 31:16: its buffers go, and the VM with them (no
 * bitmap holds its place): messages to it are then INVALID_PARAMETERS (no such receiver). A
 * second unmap, or one for a VM never seen, is INVALID_PARAMETERS; a partition cannot name a
 * VM. */
Test(vm_rxtx, unmap)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp = setup(&f);
	struct ffa_value v;

	v = spmc_fixture_call1(&f, sp, FFA_RXTX_UNMAP, (uint64_t)VM1 << 16);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = spmc_fixture_call1(&f, f.nw, FFA_RXTX_UNMAP, (uint64_t)VM2 << 16);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = spmc_fixture_call1(&f, f.nw, FFA_RXTX_UNMAP, (uint64_t)VM1 << 16);
	expect_ffa_success(&v, 0, false);
	cr_assert(f.nw->rxtx.mapped, "the hypervisor's own buffers stay");
	v = spmc_fixture_call1(&f, f.nw, FFA_RXTX_UNMAP, (uint64_t)VM1 << 16);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	put_hello(&f, SP_TX(SP1), SP1, VM1);
	v = spmc_fixture_send2(&f, sp, 0, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	/* Mapped again, it is a receiver again. */
	v = forward_map(&f, VM1, VM_TX, VM_RX, 1);
	expect_ffa_success(&v, 0, false);
	v = spmc_fixture_send2(&f, sp, 0, 0);
	expect_ffa_success(&v, 0, false);
	spmc_fixture_fini(&f);
}

/* The SPMC keeps 16 places for VMs (Hafnium's MAX_VMS), shared by buffers and bitmaps: with
 * 15 bitmaps and VM 1's buffers they are used up; a seventeenth VM's buffers are DENIED, its
 * bitmap NO_MEMORY; VM 1's own bitmap takes no new place. */
Test(vm_rxtx, slots)
{
	struct spmc_fixture f;
	struct ffa_value v;

	setup(&f);
	for (uint16_t id = 2; id <= 16; id++) {
		uint64_t create[17] = {id, 1};

		v = spmc_fixture_call(&f, f.nw, FFA_NOTIFICATION_BITMAP_CREATE, create, 17);
		expect_ffa_success(&v, 0, false);
	}
	v = forward_map(&f, 17, VM_TX + 0x10000, VM_RX + 0x10000, 1);
	expect_ffa_error(&v, FFA_DENIED);
	v = spmc_fixture_call(&f, f.nw, FFA_NOTIFICATION_BITMAP_CREATE, (uint64_t[17]){17, 1}, 17);
	expect_ffa_error(&v, FFA_NO_MEMORY);
	v = spmc_fixture_call(&f, f.nw, FFA_NOTIFICATION_BITMAP_CREATE, (uint64_t[17]){VM1, 1}, 17);
	expect_ffa_success(&v, 0, false);
	/* A VM with a bitmap keeps its place without buffers; one whose bitmap goes frees it. */
	v = spmc_fixture_call(&f, f.nw, FFA_NOTIFICATION_BITMAP_DESTROY, (uint64_t[17]){16}, 17);
	expect_ffa_success(&v, 0, false);
	v = forward_map(&f, 17, VM_TX + 0x10000, VM_RX + 0x10000, 1);
	expect_ffa_success(&v, 0, false);
	spmc_fixture_fini(&f);
}

/* TF-A's EL3 SPMC and OP-TEE know endpoint 0 only: FFA_RXTX_MAP_64(0, 0, 0) is a map of no
 * pages (INVALID_PARAMETERS), FFA_RXTX_UNMAP naming a VM INVALID_PARAMETERS, and OP-TEE refuses
 * a VM's bitmap (INVALID_PARAMETERS). */
Test(vm_rxtx, other_personalities)
{
	static const char *const specs[] = {"tf-a:1.2", "optee:1.2"};

	for (unsigned i = 0; i < 2; i++) {
		struct spmc_fixture f;
		struct ffa_value v;

		spmc_fixture_init(&f, specs[i]);
		v = spmc_fixture_call1(&f, f.nw, FFA_VERSION, FFA_VERSION_1_2);
		map(&f, f.nw, NS_TX, NS_RX);
		v = forward_map(&f, VM1, VM_TX, VM_RX, 1);
		expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
		cr_assert_null(spmc_find_endpoint(&f.spmc, VM1), "%s", specs[i]);
		v = spmc_fixture_call1(&f, f.nw, FFA_RXTX_UNMAP, (uint64_t)VM1 << 16);
		expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
		spmc_fixture_fini(&f);
	}
	{
		struct spmc_fixture f;
		struct ffa_value v;

		spmc_fixture_init(&f, "optee:1.2");
		v = spmc_fixture_call(&f, f.nw, FFA_NOTIFICATION_BITMAP_CREATE,
				      (uint64_t[17]){VM1, 1}, 17);
		expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
		spmc_fixture_fini(&f);
	}
}

/* ---- Indirect messages from and to a VM ---- */

/* The hypervisor sends VM 1's message (w1 bits 31:16 = 1): the SPMC reads VM 1's TX buffer;
 * the partition gets the message from VM 1. */
Test(vm_send2, vm_to_sp)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp = setup(&f);
	struct ffa_value v;

	put_hello(&f, VM_TX, VM1, SP1);
	v = spmc_fixture_send2(&f, f.nw, VM1 << 16, 0);
	expect_ffa_success(&v, 0, false);
	expect_hello(&f, SP_RX(SP1), VM1, SP1);
	cr_assert(sp->rxtx.rx_full);
	cr_assert_eq(sp->rxtx.rx_sender, VM1);
	spmc_fixture_fini(&f);
}

/* The errors of a hypervisor's send: a VM the SPMC has no place for, or one with a place (its
 * bitmap) but no buffers, DENIED; a header naming another VM than w1 (a VM sending with
 * another VM's ID), or VM 1's message sent as the hypervisor's own (w1 0),
 * INVALID_PARAMETERS; flags from a VM INVALID_PARAMETERS. */
Test(vm_send2, vm_errors)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp = setup(&f);
	struct ffa_value v;

	put_hello(&f, VM_TX, VM2, SP1);
	v = spmc_fixture_send2(&f, f.nw, VM2 << 16, 0);
	expect_ffa_error(&v, FFA_DENIED);
	v = spmc_fixture_call(&f, f.nw, FFA_NOTIFICATION_BITMAP_CREATE, (uint64_t[17]){VM2, 1}, 17);
	expect_ffa_success(&v, 0, false);
	v = spmc_fixture_send2(&f, f.nw, VM2 << 16, 0);
	expect_ffa_error(&v, FFA_DENIED);
	v = spmc_fixture_send2(&f, f.nw, VM1 << 16, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	put_hello(&f, NS_TX, VM1, SP1);
	v = spmc_fixture_send2(&f, f.nw, 0, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	put_hello(&f, VM_TX, VM1, SP1);
	v = spmc_fixture_send2(&f, f.nw, VM1 << 16, FFA_MSG_SEND2_DELAY_SRI);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	cr_assert_not(sp->rxtx.rx_full);
	spmc_fixture_fini(&f);
}

/* A partition's message to VM 1 lands in VM 1's RX buffer; the SPM's RX-buffer-full
 * notification is pending for VM 1 without a bitmap, INFO_GET lists VM 1, and VM 1's buffer is
 * released (FFA_RX_RELEASE with w1 = 1) once the hypervisor took the notification. */
Test(vm_send2, sp_to_vm)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp = setup(&f);
	struct spmc_endpoint *vm = spmc_find_endpoint(&f.spmc, VM1);
	uint16_t ids[4] = {0};
	struct ffa_value v;

	put_hello(&f, SP_TX(SP1), SP1, VM1);
	v = spmc_fixture_send2(&f, sp, 0, 0);
	expect_ffa_success(&v, 0, false);
	expect_hello(&f, VM_RX, SP1, VM1);
	cr_assert(vm->rxtx.rx_full);
	cr_assert_not(f.nw->rxtx.rx_full, "not the hypervisor's buffer");
	cr_assert(spmc_notif_framework_pending(&f.spmc, VM1));
	cr_assert_eq(info_get(&f, ids), 1);
	cr_assert_eq(ids[0], VM1);
	/* Full: the next message is BUSY. */
	v = spmc_fixture_send2(&f, sp, 0, 0);
	expect_ffa_error(&v, FFA_BUSY);
	v = spmc_fixture_call1(&f, f.nw, FFA_RX_RELEASE, VM1);
	expect_ffa_error(&v, FFA_DENIED);
	v = get_for(&f, VM1);
	cr_assert_eq((uint32_t)v.x[0], FFA_SUCCESS_32);
	cr_assert_eq((uint32_t)v.x[6], FFA_NOTIF_FWK_RX_FULL, "the SPM's RX buffer full");
	v = spmc_fixture_call1(&f, f.nw, FFA_RX_RELEASE, VM1);
	expect_ffa_success(&v, 0, false);
	cr_assert_not(vm->rxtx.rx_full);
	/* Released and empty: a second release is DENIED. */
	v = spmc_fixture_call1(&f, f.nw, FFA_RX_RELEASE, VM1);
	expect_ffa_error(&v, FFA_DENIED);
	v = spmc_fixture_send2(&f, sp, 0, 0);
	expect_ffa_success(&v, 0, false);
	spmc_fixture_fini(&f);
}

/* FFA_RX_ACQUIRE of VM 1's buffer: the hypervisor owns it until its FFA_RX_RELEASE(1);
 * meanwhile a partition's message is BUSY and a second acquire DENIED. A VM without buffers (a
 * bitmap only) or unknown: INVALID_PARAMETERS. */
Test(vm_send2, rx_acquire)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp = setup(&f);
	struct ffa_value v;

	v = spmc_fixture_call1(&f, f.nw, FFA_RX_ACQUIRE, VM1);
	expect_ffa_success(&v, 0, false);
	v = spmc_fixture_call1(&f, f.nw, FFA_RX_ACQUIRE, VM1);
	expect_ffa_error(&v, FFA_DENIED);
	put_hello(&f, SP_TX(SP1), SP1, VM1);
	v = spmc_fixture_send2(&f, sp, 0, 0);
	expect_ffa_error(&v, FFA_BUSY);
	v = spmc_fixture_call1(&f, f.nw, FFA_RX_RELEASE, VM1);
	expect_ffa_success(&v, 0, false);
	v = spmc_fixture_send2(&f, sp, 0, 0);
	expect_ffa_success(&v, 0, false);
	/* VM 1 owns it now: the hypervisor cannot take it. */
	v = spmc_fixture_call1(&f, f.nw, FFA_RX_ACQUIRE, VM1);
	expect_ffa_error(&v, FFA_DENIED);
	v = spmc_fixture_call1(&f, f.nw, FFA_RX_ACQUIRE, VM2);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = spmc_fixture_call(&f, f.nw, FFA_NOTIFICATION_BITMAP_CREATE, (uint64_t[17]){VM2, 1}, 17);
	expect_ffa_success(&v, 0, false);
	v = spmc_fixture_call1(&f, f.nw, FFA_RX_ACQUIRE, VM2);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	spmc_fixture_fini(&f);
}

/* FFA_RX_RELEASE naming a VM: from a partition INVALID_PARAMETERS ("must be zero"); a VM the
 * SPMC does not know INVALID_PARAMETERS; the hypervisor's own buffer is untouched. */
Test(vm_send2, rx_release_errors)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp = setup(&f);
	struct ffa_value v;

	v = spmc_fixture_call1(&f, sp, FFA_RX_RELEASE, VM1);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = spmc_fixture_call1(&f, f.nw, FFA_RX_RELEASE, VM2);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	spmc_fixture_fini(&f);
}

/* ---- Notifications of VM 1 ---- */

/* VM 1's bitmap (created by the hypervisor), a partition bound to it, the partition's set,
 * INFO_GET listing VM 1 and the hypervisor's GET for it; the bitmap cannot go while
 * notifications from partitions are pending. */
Test(vm_notif, bind_set_get)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp = setup_props(&f, MSG_PROPS | FFA_PROP_NOTIFICATIONS);
	uint64_t bind[17] = {((uint64_t)SP1 << 16) | VM1, 0, 0x10, 0};
	uint64_t set[17] = {((uint64_t)SP1 << 16) | VM1, 0, 0x10, 0};
	uint16_t ids[4] = {0};
	struct ffa_value v;

	v = spmc_fixture_call(&f, f.nw, FFA_NOTIFICATION_BIND, bind, 17);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	v = spmc_fixture_call(&f, f.nw, FFA_NOTIFICATION_BITMAP_CREATE, (uint64_t[17]){VM1, 1}, 17);
	expect_ffa_success(&v, 0, false);
	v = spmc_fixture_call(&f, f.nw, FFA_NOTIFICATION_BITMAP_CREATE, (uint64_t[17]){VM1, 1}, 17);
	expect_ffa_error(&v, FFA_DENIED);
	v = spmc_fixture_call(&f, f.nw, FFA_NOTIFICATION_BIND, bind, 17);
	expect_ffa_success(&v, 0, false);
	v = spmc_fixture_call(&f, sp, FFA_NOTIFICATION_SET, set, 17);
	expect_ffa_success(&v, 0, false);
	cr_assert_eq(info_get(&f, ids), 1);
	cr_assert_eq(ids[0], VM1);
	v = spmc_fixture_call(&f, f.nw, FFA_NOTIFICATION_BITMAP_DESTROY, (uint64_t[17]){VM1}, 17);
	expect_ffa_error(&v, FFA_DENIED);
	v = get_for(&f, VM1);
	cr_assert_eq((uint32_t)v.x[0], FFA_SUCCESS_32);
	cr_assert_eq((uint32_t)v.x[2], 0x10, "notification 4 from partitions");
	/* vCPU 1 of a one-vCPU VM: INVALID_PARAMETERS. */
	v = spmc_fixture_call(&f, f.nw, FFA_NOTIFICATION_GET,
			      (uint64_t[17]){(1u << 16) | VM1, FFA_NOTIF_GET_SP}, 17);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = spmc_fixture_call(&f, f.nw, FFA_NOTIFICATION_BITMAP_DESTROY, (uint64_t[17]){VM1}, 17);
	expect_ffa_success(&v, 0, false);
	/* VM 1 keeps its place for its buffers. */
	cr_assert_not_null(spmc_find_endpoint(&f.spmc, VM1));
	put_hello(&f, SP_TX(SP1), SP1, VM1);
	v = spmc_fixture_send2(&f, sp, 0, 0);
	expect_ffa_success(&v, 0, false);
	spmc_fixture_fini(&f);
}

/* Notification calls naming a VM the SPMC has no place for (as from a normal world without a
 * hypervisor, which the SPMC cannot tell apart): BIND and GET INVALID_PARAMETERS, SET to it
 * from a partition INVALID_PARAMETERS, DESTROY DENIED. */
Test(vm_notif, unknown_vm)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp = setup_props(&f, MSG_PROPS | FFA_PROP_NOTIFICATIONS);
	struct ffa_value v;

	v = spmc_fixture_call(&f, f.nw, FFA_NOTIFICATION_BIND,
			      (uint64_t[17]){((uint64_t)SP1 << 16) | VM2, 0, 1, 0}, 17);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = get_for(&f, VM2);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = spmc_fixture_call(&f, sp, FFA_NOTIFICATION_SET,
			      (uint64_t[17]){((uint64_t)SP1 << 16) | VM2, 0, 1, 0}, 17);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = spmc_fixture_call(&f, f.nw, FFA_NOTIFICATION_BITMAP_DESTROY, (uint64_t[17]){VM2}, 17);
	expect_ffa_error(&v, FFA_DENIED);
	spmc_fixture_fini(&f);
}

/* ---- A partition's own errors ---- */

/* A partition whose own buffers are unmapped: DENIED. */
Test(sp_send2, own_buffers_unmapped)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp = setup(&f);
	struct ffa_value v;

	put_hello(&f, SP_TX(SP1), SP1, VM1);
	v = spmc_fixture_call1(&f, sp, FFA_RXTX_UNMAP, 0);
	expect_ffa_success(&v, 0, false);
	v = spmc_fixture_send2(&f, sp, 0, 0);
	expect_ffa_error(&v, FFA_DENIED);
	cr_assert_not(spmc_find_endpoint(&f.spmc, VM1)->rxtx.rx_full);
	spmc_fixture_fini(&f);
}

/* A partition's extent errors: the payload inside the header, past the largest message, or
 * overflowing 32 bits: INVALID_PARAMETERS. */
Test(sp_send2, extent)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp = setup(&f);
	uint8_t *p = fake_memory_ptr(&f.memory, SP_TX(SP1), FFA_RXTX_PAGE_SIZE);
	struct ffa_msg_hdr hdr;
	struct ffa_value v;

	ffa_msg_hdr_init(&hdr, FFA_VERSION_1_2, SP1, VM1, 8, NULL);
	hdr.offset = FFA_MSG_HDR_SIZE_1_2 - 4;
	ffa_msg_hdr_write(p, &hdr, true);
	v = spmc_fixture_send2(&f, sp, 0, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	hdr.offset = FFA_MSG_HDR_SIZE_1_2;
	hdr.size = FFA_RXTX_PAGE_SIZE;
	ffa_msg_hdr_write(p, &hdr, true);
	v = spmc_fixture_send2(&f, sp, 0, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	hdr.offset = 0xfffffff8u;
	hdr.size = 0x10;
	ffa_msg_hdr_write(p, &hdr, true);
	v = spmc_fixture_send2(&f, sp, 0, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	cr_assert_not(spmc_find_endpoint(&f.spmc, VM1)->rxtx.rx_full);
	spmc_fixture_fini(&f);
}

/* A receiving partition without the indirect-messaging property: DENIED; its RX buffer busy:
 * BUSY; the partition itself as the receiver: INVALID_PARAMETERS; w1 naming a sender:
 * INVALID_PARAMETERS. */
Test(sp_send2, receiver_errors)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp1 = setup(&f);
	struct spmc_endpoint *sp2 = spmc_fixture_add_sp(&f, SP2, "sp2", FFA_PROP_DIRECT_REQ_RECV);
	struct ffa_value v;

	map(&f, sp2, SP_TX(SP2), SP_RX(SP2));
	put_hello(&f, SP_TX(SP1), SP1, SP2);
	v = spmc_fixture_send2(&f, sp1, 0, 0);
	expect_ffa_error(&v, FFA_DENIED);
	sp2->props |= FFA_PROP_INDIRECT_MSG;
	sp2->rxtx.rx_full = true;
	v = spmc_fixture_send2(&f, sp1, 0, 0);
	expect_ffa_error(&v, FFA_BUSY);
	sp2->rxtx.rx_full = false;
	v = spmc_fixture_send2(&f, sp1, (uint32_t)SP1 << 16, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	put_hello(&f, SP_TX(SP1), SP1, SP1);
	v = spmc_fixture_send2(&f, sp1, 0, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	spmc_fixture_fini(&f);
}

/* To a VM the SPMC does not know: INVALID_PARAMETERS (no such receiver); to a VM with a place
 * (its bitmap) but no buffers: BUSY (Hafnium's mailbox without an RX buffer). */
Test(sp_send2, to_vm_without_buffers)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp = setup(&f);
	struct ffa_value v;

	put_hello(&f, SP_TX(SP1), SP1, VM2);
	v = spmc_fixture_send2(&f, sp, 0, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = spmc_fixture_call(&f, f.nw, FFA_NOTIFICATION_BITMAP_CREATE, (uint64_t[17]){VM2, 1}, 17);
	expect_ffa_success(&v, 0, false);
	v = spmc_fixture_send2(&f, sp, 0, 0);
	expect_ffa_error(&v, FFA_BUSY);
	spmc_fixture_fini(&f);
}

/* A VM's notification to a partition: the partition binds VM 1 as a sender, the hypervisor sets
 * for VM 1 (w1 sender 1), and the partition finds it among the VMs' notifications. Another VM,
 * not bound, is DENIED. */
Test(vm_notif, vm_to_sp)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp = setup_props(&f, MSG_PROPS | FFA_PROP_NOTIFICATIONS);
	uint64_t bind[17] = {((uint64_t)VM1 << 16) | SP1, 0, 0x4, 0};
	uint64_t set[17] = {((uint64_t)VM1 << 16) | SP1, 0, 0x4, 0};
	uint64_t get[17] = {SP1, FFA_NOTIF_GET_VM};
	struct ffa_value v;

	v = spmc_fixture_call(&f, sp, FFA_NOTIFICATION_BIND, bind, 17);
	expect_ffa_success(&v, 0, false);
	set[0] = ((uint64_t)VM2 << 16) | SP1;
	v = spmc_fixture_call(&f, f.nw, FFA_NOTIFICATION_SET, set, 17);
	expect_ffa_error(&v, FFA_DENIED);
	set[0] = ((uint64_t)VM1 << 16) | SP1;
	v = spmc_fixture_call(&f, f.nw, FFA_NOTIFICATION_SET, set, 17);
	expect_ffa_success(&v, 0, false);
	v = spmc_fixture_call(&f, sp, FFA_NOTIFICATION_GET, get, 17);
	cr_assert_eq((uint32_t)v.x[0], FFA_SUCCESS_32);
	cr_assert_eq((uint32_t)v.x[4], 0x4, "notification 2 from VMs");
	spmc_fixture_fini(&f);
}
