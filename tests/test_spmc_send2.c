/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Indirect messaging: FFA_MSG_SEND2 and FFA_RX_ACQUIRE, every success and error path in
 * Hafnium's order, the message as it lands in the receiver's RX buffer, the RX buffer's
 * ownership (FFA_RX_RELEASE, FFA_MSG_WAIT, a hypervisor's FFA_RX_ACQUIRE), FFA_FEATURES, and
 * the personalities that do not implement either call.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "abi/msghdr.h"
#include "abi/notif.h"
#include "spmc/notif.h"
#include "spmc_helpers.h"
#include "spmc_models.h"

#define NS_TX 0x40400000ull
#define NS_RX 0x40401000ull
#define SP1 0x8001u
#define SP2 0x8002u
#define SP_TX(id) SPMC_FIXTURE_SP_MEM(id)
#define SP_RX(id) (SPMC_FIXTURE_SP_MEM(id) + 0x1000u)
#define MSG_PROPS (FFA_PROP_INDIRECT_MSG | FFA_PROP_DIRECT_REQ_RECV)

static const uint8_t payload[] = "indirect hello";

/* Maps an endpoint's one-page buffers; asserts success (TF-A leaves x1-x3 as they were). */
static void map(struct spmc_fixture *f, struct spmc_endpoint *ep, uint64_t tx, uint64_t rx)
{
	uint64_t args[3] = {tx, rx, 1};
	struct ffa_value v = spmc_fixture_call(f, ep, FFA_RXTX_MAP_64, args, 3);

	cr_assert_eq((uint32_t)v.x[0], FFA_SUCCESS_32, "FFA_RXTX_MAP_64 of 0x%x", ep->id);
}

/* An SPMC with the normal world at `nw_version` and buffers mapped, and partition SP1
 * (properties props, running, so that it may call) with its buffers mapped. */
static struct spmc_endpoint *setup_as(struct spmc_fixture *f, const char *spmc, uint32_t nw_version,
				      uint32_t props)
{
	struct spmc_endpoint *sp;
	struct ffa_value v;

	spmc_fixture_init(f, spmc);
	v = spmc_fixture_call1(f, f->nw, FFA_VERSION, nw_version);
	cr_assert_neq((uint32_t)v.x[0], (uint32_t)FFA_NOT_SUPPORTED);
	map(f, f->nw, NS_TX, NS_RX);
	sp = spmc_fixture_add_sp(f, SP1, "sp1", props);
	sp->ctx.state = SPMC_EP_RUNNING;
	sp->ctx.caller = SP1;
	map(f, sp, SP_TX(SP1), SP_RX(SP1));
	return sp;
}

static struct spmc_endpoint *setup(struct spmc_fixture *f)
{
	return setup_as(f, "hafnium:1.2", FFA_VERSION_1_2, MSG_PROPS);
}

/* Writes a header (and the payload at hdr->offset, when it fits the page) into a TX buffer. */
static void put_msg(struct spmc_fixture *f, uint64_t tx, const struct ffa_msg_hdr *hdr,
		    const void *data, size_t len)
{
	uint8_t *p = fake_memory_ptr(&f->memory, tx, FFA_RXTX_PAGE_SIZE);

	memset(p, 0xa5, FFA_RXTX_PAGE_SIZE);
	ffa_msg_hdr_write(p, hdr, true);
	if (hdr->offset < FFA_RXTX_PAGE_SIZE && len <= FFA_RXTX_PAGE_SIZE - hdr->offset)
		memcpy(p + hdr->offset, data, len);
}

/* A v1.2 message from sender to receiver with the test payload, written in tx. */
static void put_hello(struct spmc_fixture *f, uint64_t tx, uint16_t sender, uint16_t receiver)
{
	struct ffa_msg_hdr hdr;

	ffa_msg_hdr_init(&hdr, FFA_VERSION_1_2, sender, receiver, sizeof(payload), NULL);
	put_msg(f, tx, &hdr, payload, sizeof(payload));
}

static struct ffa_value send2(struct spmc_fixture *f, struct spmc_endpoint *from, uint32_t w1,
			      uint32_t flags)
{
	uint64_t args[2] = {w1, flags};

	return spmc_fixture_call(f, from, FFA_MSG_SEND2, args, 2);
}

/* Asserts the receiver's RX buffer holds the hello message from sender, the rest zero. */
static void expect_hello(struct spmc_fixture *f, uint64_t rx, uint16_t sender, uint16_t receiver)
{
	const uint8_t *p = fake_memory_ptr(&f->memory, rx, FFA_RXTX_PAGE_SIZE);
	struct ffa_msg_hdr hdr;

	cr_assert(ffa_msg_hdr_read(p, FFA_RXTX_PAGE_SIZE, &hdr));
	cr_expect_eq(hdr.sender, sender);
	cr_expect_eq(hdr.receiver, receiver);
	cr_expect_eq(hdr.offset, FFA_MSG_HDR_SIZE_1_2);
	cr_expect_eq(hdr.size, sizeof(payload));
	cr_expect_eq(memcmp(p + hdr.offset, payload, sizeof(payload)), 0, "payload copied");
	for (size_t i = hdr.offset + sizeof(payload); i < FFA_RXTX_PAGE_SIZE; i++)
		cr_assert_eq(p[i], 0, "byte %zu after the message must be zero (0x%x)", i, p[i]);
}

/* FFA_NOTIFICATION_GET of an endpoint's framework bitmaps: the SPM's and the hypervisor's for a
 * partition; the SPM's alone for the normal world (the hypervisor's is the hypervisor's own). */
static struct ffa_value get_fwk(struct spmc_fixture *f, struct spmc_endpoint *ep)
{
	uint64_t args[17] = {ep->id, ep->secure ? FFA_NOTIF_GET_SPM | FFA_NOTIF_GET_HYP
						: FFA_NOTIF_GET_SPM};

	return spmc_fixture_call(f, ep, FFA_NOTIFICATION_GET, args, 17);
}

/* The normal world's RX buffer holds a partition's message whose RX-buffer-full notification
 * is pending: FFA_RX_RELEASE is DENIED until FFA_NOTIFICATION_GET took the SPM's bit. */
static void expect_release_after_fwk(struct spmc_fixture *f)
{
	struct ffa_value v = spmc_fixture_call1(f, f->nw, FFA_RX_RELEASE, 0);

	expect_ffa_error(&v, FFA_DENIED);
	v = get_fwk(f, f->nw);
	cr_assert_eq((uint32_t)v.x[6], FFA_NOTIF_FWK_RX_FULL, "the SPM's RX buffer full");
	v = spmc_fixture_call1(f, f->nw, FFA_RX_RELEASE, 0);
	expect_ffa_success(&v, 0, false);
}

/* The normal world's message lands in the partition's RX buffer, which the partition then
 * owns; FFA_SUCCESS_32 with every other register zero. */
Test(msg_send2, nw_to_sp)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp = setup(&f);
	struct ffa_value v;

	put_hello(&f, NS_TX, 0, SP1);
	v = send2(&f, f.nw, 0, 0);
	expect_ffa_success(&v, 0, false);
	expect_hello(&f, SP_RX(SP1), 0, SP1);
	cr_assert(sp->rxtx.rx_full, "the receiver owns its RX buffer");
	cr_assert_eq(sp->rxtx.rx_sender, 0);
	/* A second message while it owns the buffer: BUSY. */
	v = send2(&f, f.nw, 0, 0);
	expect_ffa_error(&v, FFA_BUSY);
	/* Released, the next one goes through. */
	v = spmc_fixture_call1(&f, sp, FFA_RX_RELEASE, 0);
	expect_ffa_success(&v, 0, false);
	v = send2(&f, f.nw, 0, 0);
	expect_ffa_success(&v, 0, false);
	spmc_fixture_fini(&f);
}

/* A partition's message to the normal world lands in the normal world's RX buffer; the
 * delay-SRI flag is a partition's to set. */
Test(msg_send2, sp_to_nw_with_delay_sri)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp = setup(&f);
	struct ffa_value v;

	put_hello(&f, SP_TX(SP1), SP1, 0);
	v = send2(&f, sp, 0, FFA_MSG_SEND2_DELAY_SRI);
	expect_ffa_success(&v, 0, false);
	expect_hello(&f, NS_RX, SP1, 0);
	cr_assert(f.nw->rxtx.rx_full);
	cr_assert_eq(f.nw->rxtx.rx_sender, SP1);
	/* The SPM's RX-buffer-full notification came with it (without a bitmap, as Hafnium pends
	 * it for any VM): the buffer is released once it is taken. */
	expect_release_after_fwk(&f);
	spmc_fixture_fini(&f);
}

/* Partition to partition. */
Test(msg_send2, sp_to_sp)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp1 = setup(&f);
	struct spmc_endpoint *sp2 = spmc_fixture_add_sp(&f, SP2, "sp2", MSG_PROPS);
	struct ffa_value v;

	map(&f, sp2, SP_TX(SP2), SP_RX(SP2));
	put_hello(&f, SP_TX(SP1), SP1, SP2);
	v = send2(&f, sp1, 0, 0);
	expect_ffa_success(&v, 0, false);
	expect_hello(&f, SP_RX(SP2), SP1, SP2);
	cr_assert(sp2->rxtx.rx_full);
	spmc_fixture_fini(&f);
}

/* A v1.1 sender's payload may start after the 20-byte header (the UUID is v1.2's); a v1.2
 * sender's may not (INVALID_PARAMETERS: the payload overlaps the header). */
Test(msg_send2, v1_1_header)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp;
	struct ffa_msg_hdr hdr;
	struct ffa_value v;
	const uint8_t *rx;

	sp = setup_as(&f, "hafnium:1.2", FFA_VERSION_1_1, MSG_PROPS);
	ffa_msg_hdr_init(&hdr, FFA_VERSION_1_1, 0, SP1, sizeof(payload), NULL);
	cr_assert_eq(hdr.offset, FFA_MSG_HDR_SIZE_1_1);
	put_msg(&f, NS_TX, &hdr, payload, sizeof(payload));
	v = send2(&f, f.nw, 0, 0);
	expect_ffa_success(&v, 0, false);
	rx = fake_memory_ptr(&f.memory, SP_RX(SP1), FFA_RXTX_PAGE_SIZE);
	cr_assert_eq(memcmp(rx + FFA_MSG_HDR_SIZE_1_1, payload, sizeof(payload)), 0);
	spmc_fixture_fini(&f);

	sp = setup(&f);
	put_msg(&f, NS_TX, &hdr, payload, sizeof(payload));
	v = send2(&f, f.nw, 0, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	cr_assert_not(sp->rxtx.rx_full);
	spmc_fixture_fini(&f);
}

/* w1 bits 31:16 (a sender a hypervisor sends for): MBZ from a partition; from the normal world
 * a VM the SPMC does not know, DENIED. */
Test(msg_send2, sender_in_w1)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp = setup(&f);
	struct ffa_value v;

	put_hello(&f, SP_TX(SP1), SP1, 0);
	v = send2(&f, sp, (uint32_t)SP1 << 16, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	put_hello(&f, NS_TX, 1, SP1);
	v = send2(&f, f.nw, 1u << 16, 0);
	expect_ffa_error(&v, FFA_DENIED);
	cr_assert_not(sp->rxtx.rx_full);
	spmc_fixture_fini(&f);
}

/* A sender without a TX buffer: DENIED. */
Test(msg_send2, no_tx_buffer)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp = setup(&f);
	struct ffa_value v;

	v = spmc_fixture_call1(&f, f.nw, FFA_RXTX_UNMAP, 0);
	expect_ffa_success(&v, 0, false);
	v = send2(&f, f.nw, 0, 0);
	expect_ffa_error(&v, FFA_DENIED);
	cr_assert_not(sp->rxtx.rx_full);
	spmc_fixture_fini(&f);
}

/* The header's sender must be the caller, and the receiver another endpoint. */
Test(msg_send2, header_ids)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp = setup(&f);
	struct ffa_value v;

	put_hello(&f, NS_TX, SP1, SP1 + 1);
	v = send2(&f, f.nw, 0, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	put_hello(&f, SP_TX(SP1), SP1, SP1);
	v = send2(&f, sp, 0, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	/* A receiver nobody has. */
	put_hello(&f, NS_TX, 0, 0x8009);
	v = send2(&f, f.nw, 0, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	spmc_fixture_fini(&f);
}

/* Flags from the normal world: INVALID_PARAMETERS (delay-SRI is the partitions'). */
Test(msg_send2, nw_flags_mbz)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp = setup(&f);
	struct ffa_value v;

	put_hello(&f, NS_TX, 0, SP1);
	v = send2(&f, f.nw, 0, FFA_MSG_SEND2_DELAY_SRI);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	cr_assert_not(sp->rxtx.rx_full);
	spmc_fixture_fini(&f);
}

/* Either partition without the indirect-messaging property of its manifest: DENIED. */
Test(msg_send2, messaging_method)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp =
		setup_as(&f, "hafnium:1.2", FFA_VERSION_1_2, FFA_PROP_DIRECT_REQ_RECV);
	struct ffa_value v;

	put_hello(&f, NS_TX, 0, SP1);
	v = send2(&f, f.nw, 0, 0);
	expect_ffa_error(&v, FFA_DENIED);
	put_hello(&f, SP_TX(SP1), SP1, 0);
	v = send2(&f, sp, 0, 0);
	expect_ffa_error(&v, FFA_DENIED);
	cr_assert_not(f.nw->rxtx.rx_full);
	spmc_fixture_fini(&f);
}

/* A v1.0 receiver cannot take indirect messages: DENIED. */
Test(msg_send2, receiver_v1_0)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp = setup(&f);
	struct ffa_value v;

	sp->version = FFA_VERSION_1_0;
	put_hello(&f, NS_TX, 0, SP1);
	v = send2(&f, f.nw, 0, 0);
	expect_ffa_error(&v, FFA_DENIED);
	spmc_fixture_fini(&f);
}

/* The receiver's RX buffer not mapped, or its partition aborted: BUSY. */
Test(msg_send2, receiver_busy)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp = setup(&f);
	struct ffa_value v;

	put_hello(&f, NS_TX, 0, SP1);
	sp->ctx.state = SPMC_EP_FAILED;
	v = send2(&f, f.nw, 0, 0);
	expect_ffa_error(&v, FFA_BUSY);
	sp->ctx.state = SPMC_EP_RUNNING;
	v = spmc_fixture_call1(&f, sp, FFA_RXTX_UNMAP, 0);
	expect_ffa_success(&v, 0, false);
	v = send2(&f, f.nw, 0, 0);
	expect_ffa_error(&v, FFA_BUSY);
	spmc_fixture_fini(&f);
}

/* The payload may not start inside the header, run past the largest message (Hafnium: one
 * page) or overflow 32 bits: INVALID_PARAMETERS, after the receiver was found free. */
Test(msg_send2, extent)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp = setup(&f);
	struct ffa_msg_hdr hdr;
	struct ffa_value v;

	ffa_msg_hdr_init(&hdr, FFA_VERSION_1_2, 0, SP1, 8, NULL);
	hdr.offset = FFA_MSG_HDR_SIZE_1_2 - 1;
	put_msg(&f, NS_TX, &hdr, payload, 8);
	v = send2(&f, f.nw, 0, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	/* Exactly one page is fine ... */
	hdr.offset = FFA_MSG_HDR_SIZE_1_2;
	hdr.size = FFA_RXTX_PAGE_SIZE - FFA_MSG_HDR_SIZE_1_2;
	put_msg(&f, NS_TX, &hdr, payload, 0);
	v = send2(&f, f.nw, 0, 0);
	expect_ffa_success(&v, 0, false);
	v = spmc_fixture_call1(&f, sp, FFA_RX_RELEASE, 0);
	expect_ffa_success(&v, 0, false);
	/* ... one byte more is not. */
	hdr.size++;
	put_msg(&f, NS_TX, &hdr, payload, 0);
	v = send2(&f, f.nw, 0, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	hdr.offset = 0xfffffff0u;
	hdr.size = 0x20;
	put_msg(&f, NS_TX, &hdr, payload, 0);
	v = send2(&f, f.nw, 0, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	/* The receiver's buffer is checked first: BUSY wins over a bad extent. */
	sp->rxtx.rx_full = true;
	v = send2(&f, f.nw, 0, 0);
	expect_ffa_error(&v, FFA_BUSY);
	spmc_fixture_fini(&f);
}

/* A v1.0 caller does not have the function (NOT_SUPPORTED, the version gate). */
Test(msg_send2, caller_version)
{
	struct spmc_fixture f;
	struct ffa_value v;

	setup_as(&f, "hafnium:1.2", FFA_VERSION_1_0, MSG_PROPS);
	put_hello(&f, NS_TX, 0, SP1);
	v = send2(&f, f.nw, 0, 0);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	spmc_fixture_fini(&f);
}

/* TF-A's EL3 SPMC and OP-TEE implement neither call: NOT_SUPPORTED, also in FFA_FEATURES. */
Test(msg_send2, absent_in_tf_a_and_optee)
{
	static const char *const specs[] = {"tf-a:1.2", "optee:1.2"};

	for (unsigned i = 0; i < 2; i++) {
		struct spmc_fixture f;
		struct spmc_endpoint *sp = setup_as(&f, specs[i], FFA_VERSION_1_2, MSG_PROPS);
		struct ffa_value v;

		put_hello(&f, NS_TX, 0, SP1);
		v = send2(&f, f.nw, 0, 0);
		expect_ffa_error(&v, FFA_NOT_SUPPORTED);
		v = spmc_fixture_call1(&f, f.nw, FFA_RX_ACQUIRE, 0);
		expect_ffa_error(&v, FFA_NOT_SUPPORTED);
		v = spmc_fixture_call1(&f, f.nw, FFA_FEATURES, FFA_MSG_SEND2);
		expect_ffa_error(&v, FFA_NOT_SUPPORTED);
		v = spmc_fixture_call1(&f, sp, FFA_FEATURES, FFA_MSG_SEND2);
		expect_ffa_error(&v, FFA_NOT_SUPPORTED);
		cr_assert_not(sp->rxtx.rx_full);
		spmc_fixture_fini(&f);
	}
}

/* Hafnium's FFA_FEATURES: FFA_MSG_SEND2 to everyone, FFA_RX_ACQUIRE to the normal world's
 * hypervisor only. */
Test(msg_send2, features)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp = setup(&f);
	struct ffa_value v;

	v = spmc_fixture_call1(&f, f.nw, FFA_FEATURES, FFA_MSG_SEND2);
	expect_ffa_success(&v, 0, false);
	v = spmc_fixture_call1(&f, sp, FFA_FEATURES, FFA_MSG_SEND2);
	expect_ffa_success(&v, 0, false);
	v = spmc_fixture_call1(&f, f.nw, FFA_FEATURES, FFA_RX_ACQUIRE);
	expect_ffa_success(&v, 0, false);
	v = spmc_fixture_call1(&f, sp, FFA_FEATURES, FFA_RX_ACQUIRE);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	spmc_fixture_fini(&f);
}

/* FFA_RX_ACQUIRE: the hypervisor takes the normal world's free RX buffer; messages are then
 * BUSY until it gives it back with FFA_RX_RELEASE. */
Test(rx_acquire, acquire_and_release)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp = setup(&f);
	struct ffa_value v;

	v = spmc_fixture_call1(&f, f.nw, FFA_RX_ACQUIRE, 0);
	expect_ffa_success(&v, 0, false);
	cr_assert(f.nw->rxtx.rx_acquired);
	v = spmc_fixture_call1(&f, f.nw, FFA_RX_ACQUIRE, 0);
	expect_ffa_error(&v, FFA_DENIED);
	put_hello(&f, SP_TX(SP1), SP1, 0);
	v = send2(&f, sp, 0, 0);
	expect_ffa_error(&v, FFA_BUSY);
	v = spmc_fixture_call1(&f, f.nw, FFA_RX_RELEASE, 0);
	expect_ffa_success(&v, 0, false);
	cr_assert_not(f.nw->rxtx.rx_acquired);
	v = send2(&f, sp, 0, 0);
	expect_ffa_success(&v, 0, false);
	/* The buffer is the normal world's now: the hypervisor cannot take it. */
	v = spmc_fixture_call1(&f, f.nw, FFA_RX_ACQUIRE, 0);
	expect_ffa_error(&v, FFA_DENIED);
	spmc_fixture_fini(&f);
}

/* FFA_RX_ACQUIRE's errors: NOT_SUPPORTED from a partition or for a partition's ID;
 * INVALID_PARAMETERS for a VM the SPMC does not know or one without buffers. */
Test(rx_acquire, errors)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp = setup(&f);
	struct ffa_value v;

	v = spmc_fixture_call1(&f, sp, FFA_RX_ACQUIRE, 0);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	v = spmc_fixture_call1(&f, f.nw, FFA_RX_ACQUIRE, SP1);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	v = spmc_fixture_call1(&f, f.nw, FFA_RX_ACQUIRE, 5);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = spmc_fixture_call1(&f, f.nw, FFA_RXTX_UNMAP, 0);
	expect_ffa_success(&v, 0, false);
	v = spmc_fixture_call1(&f, f.nw, FFA_RX_ACQUIRE, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	spmc_fixture_fini(&f);
}

/* ---- The RX-buffer-full framework notification ---- */

/* A partition that uses notifications gets the hypervisor's RX-buffer-full notification for a
 * message from the normal world; it cannot release the buffer (nor lose it by waiting) until it
 * took the notification with FFA_NOTIFICATION_GET, as Hafnium refuses. */
Test(msg_send2, notifies_partition)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp =
		setup_as(&f, "hafnium:1.2", FFA_VERSION_1_2, MSG_PROPS | FFA_PROP_NOTIFICATIONS);
	struct ffa_value v;

	put_hello(&f, NS_TX, 0, SP1);
	v = send2(&f, f.nw, 0, 0);
	expect_ffa_success(&v, 0, false);
	cr_assert(spmc_notif_framework_pending(&f.spmc, SP1));
	v = spmc_fixture_call1(&f, sp, FFA_RX_RELEASE, 0);
	expect_ffa_error(&v, FFA_DENIED);
	/* Waiting keeps the message too. */
	v = spmc_fixture_call(&f, sp, FFA_MSG_WAIT_32, (uint64_t[17]){0}, 17);
	cr_assert_eq((uint32_t)v.x[0], FFA_MSG_WAIT_32);
	cr_assert(sp->rxtx.rx_full, "the message stays while its notification is pending");
	sp->ctx.state = SPMC_EP_RUNNING;
	v = get_fwk(&f, sp);
	cr_assert_eq((uint32_t)v.x[0], FFA_SUCCESS_32);
	cr_assert_eq((uint32_t)v.x[7], FFA_NOTIF_FWK_RX_FULL, "the hypervisor's RX buffer full");
	cr_assert_eq((uint32_t)v.x[6], 0);
	cr_assert_not(spmc_notif_framework_pending(&f.spmc, SP1));
	v = spmc_fixture_call1(&f, sp, FFA_RX_RELEASE, 0);
	expect_ffa_success(&v, 0, false);
	spmc_fixture_fini(&f);
}

/* A partition without notification support gets no notification: it releases at once. */
Test(msg_send2, no_notification_without_support)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp = setup(&f);
	struct ffa_value v;

	put_hello(&f, NS_TX, 0, SP1);
	v = send2(&f, f.nw, 0, 0);
	expect_ffa_success(&v, 0, false);
	cr_assert_not(spmc_notif_framework_pending(&f.spmc, SP1));
	v = spmc_fixture_call1(&f, sp, FFA_RX_RELEASE, 0);
	expect_ffa_success(&v, 0, false);
	spmc_fixture_fini(&f);
}

/* The normal world, once it created its bitmap, gets the SPM's RX-buffer-full notification for
 * a partition's message (delayed SRI or not) and must take it before releasing its buffer. */
Test(msg_send2, notifies_normal_world)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp = setup(&f);
	uint64_t create[17] = {0, 1};
	struct ffa_value v;

	v = spmc_fixture_call(&f, f.nw, FFA_NOTIFICATION_BITMAP_CREATE, create, 17);
	expect_ffa_success(&v, 0, false);
	put_hello(&f, SP_TX(SP1), SP1, 0);
	v = send2(&f, sp, 0, FFA_MSG_SEND2_DELAY_SRI);
	expect_ffa_success(&v, 0, false);
	cr_assert(spmc_notif_framework_pending(&f.spmc, 0));
	v = spmc_fixture_call1(&f, f.nw, FFA_RX_RELEASE, 0);
	expect_ffa_error(&v, FFA_DENIED);
	v = get_fwk(&f, f.nw);
	cr_assert_eq((uint32_t)v.x[0], FFA_SUCCESS_32, "%s",
		     ffa_value_format(&v, (char[256]){0}, 256));
	cr_assert_eq((uint32_t)v.x[6], FFA_NOTIF_FWK_RX_FULL, "the SPM's RX buffer full");
	v = spmc_fixture_call1(&f, f.nw, FFA_RX_RELEASE, 0);
	expect_ffa_success(&v, 0, false);
	spmc_fixture_fini(&f);
}

/* Without a notification bitmap the normal world gets the RX-buffer-full notification all the
 * same, as Hafnium pends it for any VM receiver: the schedule receiver interrupt is raised,
 * FFA_NOTIFICATION_INFO_GET lists VM 0, and a bitmap created afterwards keeps it pending. */
Test(msg_send2, notifies_normal_world_without_bitmap)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp = setup(&f);
	uint64_t create[17] = {0, 1};
	unsigned sri = f.spmc.notif.sri_raised;
	struct ffa_value v;

	put_hello(&f, SP_TX(SP1), SP1, 0);
	v = send2(&f, sp, 0, 0);
	expect_ffa_success(&v, 0, false);
	cr_expect_eq(f.spmc.notif.sri_raised, sri + 1, "the SRI");
	cr_assert(spmc_notif_framework_pending(&f.spmc, 0));
	v = spmc_fixture_call(&f, f.nw, FFA_NOTIFICATION_INFO_GET_64, (uint64_t[17]){0}, 17);
	expect_ffa_success(&v, 1u << 2, true);
	cr_expect_eq((uint32_t)v.x[2], 1u << FFA_NOTIF_INFO_LISTS_SHIFT, "one list: VM 0 alone");
	v = spmc_fixture_call(&f, f.nw, FFA_NOTIFICATION_BITMAP_CREATE, create, 17);
	expect_ffa_success(&v, 0, false);
	expect_release_after_fwk(&f);
	spmc_fixture_fini(&f);
}

/* ---- Delivery through the runtime model (tests/spmc_models.h) ---- */

/* Given cycles, checks its RX buffer: answers the message with one back to its sender (the
 * same payload) and waits, which hands its RX buffer back. */
static void replier_step(struct tmodel *m, const struct ffa_value *in, struct ffa_value *call)
{
	struct spmc_fixture *f = m->f;
	const uint8_t *rx = fake_memory_ptr(&f->memory, SP_RX(m->ep->id), FFA_RXTX_PAGE_SIZE);
	struct ffa_msg_hdr hdr;

	(void)in;
	if (m->phase == 0 && m->ep->rxtx.rx_full) {
		cr_assert(ffa_msg_hdr_read(rx, FFA_RXTX_PAGE_SIZE, &hdr));
		m->arg = hdr.size;
		ffa_msg_hdr_init(&hdr, FFA_VERSION_1_2, m->ep->id, hdr.sender, hdr.size, NULL);
		put_msg(f, SP_TX(m->ep->id), &hdr, rx + FFA_MSG_HDR_SIZE_1_2, hdr.size);
		tmodel_call(call, FFA_MSG_SEND2, 0);
		return;
	}
	tmodel_call(call, FFA_MSG_WAIT_32, 0);
}

/* Sending runs nobody: the partition reads the message when the normal world gives it cycles
 * (its FFA_MSG_WAIT returns FFA_RUN), answers with a message of its own, and its FFA_MSG_WAIT
 * hands its RX buffer back to the SPMC. */
Test(msg_send2, delivered_when_run)
{
	struct tmodel_env e;
	struct tmodel *m;
	struct ffa_value v;

	tmodel_setup(&e);
	m = tmodel_add(&e, 0, SP2, "replier", replier_step, 0);
	m->ep->props |= FFA_PROP_INDIRECT_MSG;
	tmodel_boot_all(&e);
	map(&e.f, e.f.nw, NS_TX, NS_RX);
	map(&e.f, m->ep, SP_TX(SP2), SP_RX(SP2));

	put_hello(&e.f, NS_TX, 0, SP2);
	v = send2(&e.f, e.f.nw, 0, 0);
	expect_ffa_success(&v, 0, false);
	cr_assert_eq(m->resumes, 0, "the receiver did not run");
	cr_assert_eq(m->ep->ctx.state, SPMC_EP_WAITING);

	v = spmc_fixture_call1(&e.f, e.f.nw, FFA_RUN_32, (uint64_t)SP2 << 16);
	cr_assert_eq((uint32_t)v.x[0], FFA_MSG_WAIT_32, "%s",
		     ffa_value_format(&v, (char[256]){0}, 256));
	cr_assert_eq((uint32_t)m->seen[0].x[0], FFA_RUN_32, "its FFA_MSG_WAIT returned FFA_RUN");
	cr_assert_eq(m->arg, sizeof(payload));
	cr_assert_not(m->ep->rxtx.rx_full, "FFA_MSG_WAIT released its RX buffer");
	expect_hello(&e.f, NS_RX, SP2, 0);
	cr_assert(e.f.nw->rxtx.rx_full);
	spmc_fixture_fini(&e.f);
}

/* ---- The built-in `indirect` model (partitions/builtin.h) ---- */

/* An SPMC with the normal world's buffers mapped and the indirect model at SP2, booted. */
static struct spmc_endpoint *setup_model(struct spmc_fixture *f, struct part_indirect *pi)
{
	struct spmc_endpoint *sp;
	struct ffa_value v;

	spmc_fixture_init(f, "hafnium:1.2");
	v = spmc_fixture_call1(f, f->nw, FFA_VERSION, FFA_VERSION_1_2);
	cr_assert_eq((uint32_t)v.x[0], FFA_VERSION_1_2);
	map(f, f->nw, NS_TX, NS_RX);
	sp = spmc_fixture_add_sp(f, SP2, "indirect", MSG_PROPS);
	cr_assert(part_indirect_attach(sp, pi, &f->spmc.memory));
	cr_assert_eq(spmc_boot(&f->spmc), 0u);
	cr_assert_eq(sp->ctx.state, SPMC_EP_WAITING);
	cr_assert(sp->rxtx.mapped, "it mapped its buffers while booting");
	return sp;
}

static struct ffa_value direct_req(struct spmc_fixture *f, uint16_t dst)
{
	uint64_t args[1] = {ffa_msg_ids(0, dst)};
	struct ffa_value in = {{0}};

	in.x[0] = FFA_MSG_SEND_DIRECT_REQ_32;
	in.x[1] = args[0];
	return spmc_call(&f->spmc, f->nw, &in, &f->rule_version);
}

/* A direct request makes it answer the message waiting in its RX buffer: the normal world gets
 * the payload back in its RX buffer, and the model's buffer is released. */
Test(indirect_model, answers_on_request)
{
	struct spmc_fixture f;
	struct part_indirect pi;
	struct spmc_endpoint *sp = setup_model(&f, &pi);
	struct ffa_value v;

	put_hello(&f, NS_TX, 0, SP2);
	v = send2(&f, f.nw, 0, 0);
	expect_ffa_success(&v, 0, false);
	v = direct_req(&f, SP2);
	cr_assert_eq((uint32_t)v.x[0], FFA_MSG_SEND_DIRECT_RESP_32);
	cr_assert_eq(v.x[1], ffa_msg_ids(SP2, 0));
	cr_assert_eq(v.x[3], 0, "its reply went through");
	cr_assert_eq(v.x[4], sizeof(payload));
	cr_assert_eq(v.x[5], 0, "the message came from the normal world");
	expect_hello(&f, NS_RX, SP2, 0);
	cr_assert(f.nw->rxtx.rx_full);
	cr_assert_not(sp->rxtx.rx_full, "it released its RX buffer");
	cr_assert_eq(pi.replies, 1u);
	cr_assert_eq(pi.notified, 0u, "the normal world bound no notification");
	cr_assert_eq(pi.notify_status, FFA_DENIED);
	/* No message now: NO_DATA. */
	v = direct_req(&f, SP2);
	cr_assert_eq((uint32_t)v.x[3], (uint32_t)FFA_NO_DATA);
	spmc_fixture_fini(&f);
}

/* Given cycles by FFA_RUN it answers too, and waits again; a reply the SPMC refuses (the
 * normal world still owns its RX buffer) is reported, not fatal. */
Test(indirect_model, answers_when_run)
{
	struct spmc_fixture f;
	struct part_indirect pi;
	struct spmc_endpoint *sp = setup_model(&f, &pi);
	struct ffa_value v;

	put_hello(&f, NS_TX, 0, SP2);
	v = send2(&f, f.nw, 0, 0);
	expect_ffa_success(&v, 0, false);
	v = spmc_fixture_call1(&f, f.nw, FFA_RUN_32, (uint64_t)SP2 << 16);
	cr_assert_eq((uint32_t)v.x[0], FFA_MSG_WAIT_32);
	expect_hello(&f, NS_RX, SP2, 0);
	cr_assert_eq(sp->ctx.state, SPMC_EP_WAITING);

	/* The normal world keeps its RX buffer: the next reply is BUSY. */
	v = send2(&f, f.nw, 0, 0);
	expect_ffa_success(&v, 0, false);
	v = direct_req(&f, SP2);
	cr_assert_eq((uint32_t)v.x[3], (uint32_t)FFA_BUSY);
	cr_assert_not(sp->rxtx.rx_full, "it released the message all the same");
	cr_assert_eq(pi.messages, 2u);
	cr_assert_eq(pi.replies, 1u);
	spmc_fixture_fini(&f);
}

/* When the normal world uses notifications and bound notification 1 to the model, the model's
 * answer comes with it: the SPM's RX-buffer-full framework notification and notification 1 from
 * the model, both taken with one FFA_NOTIFICATION_GET before the buffer can be released. */
Test(indirect_model, sets_a_notification)
{
	struct spmc_fixture f;
	struct part_indirect pi;
	uint64_t create[17] = {0, 1};
	uint64_t bind[17] = {ffa_msg_ids(SP2, 0), 0, UINT64_C(1) << PART_INDIRECT_NOTIF_ID, 0};
	uint64_t get[17] = {0, FFA_NOTIF_GET_SP | FFA_NOTIF_GET_SPM};
	struct ffa_value v;

	setup_model(&f, &pi);
	v = spmc_fixture_call(&f, f.nw, FFA_NOTIFICATION_BITMAP_CREATE, create, 17);
	expect_ffa_success(&v, 0, false);
	v = spmc_fixture_call(&f, f.nw, FFA_NOTIFICATION_BIND, bind, 17);
	expect_ffa_success(&v, 0, false);
	put_hello(&f, NS_TX, 0, SP2);
	v = send2(&f, f.nw, 0, 0);
	expect_ffa_success(&v, 0, false);
	v = direct_req(&f, SP2);
	cr_assert_eq(v.x[3], 0, "its reply went through");
	cr_assert_eq(pi.notified, 1u, "its notification was set (status %d)", pi.notify_status);
	v = spmc_fixture_call1(&f, f.nw, FFA_RX_RELEASE, 0);
	expect_ffa_error(&v, FFA_DENIED);
	v = spmc_fixture_call(&f, f.nw, FFA_NOTIFICATION_GET, get, 17);
	cr_assert_eq((uint32_t)v.x[0], FFA_SUCCESS_32, "%s",
		     ffa_value_format(&v, (char[256]){0}, 256));
	cr_assert_eq(v.x[2], UINT64_C(1) << PART_INDIRECT_NOTIF_ID, "notification 1 from it");
	cr_assert_eq((uint32_t)v.x[6], FFA_NOTIF_FWK_RX_FULL, "the SPM's RX buffer full");
	v = spmc_fixture_call1(&f, f.nw, FFA_RX_RELEASE, 0);
	expect_ffa_success(&v, 0, false);
	spmc_fixture_fini(&f);
}
