/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The notification pending interrupt (FFA_FEATURES feature 1; Hafnium's virtual interrupt 5):
 * the SPMC pends it for a partition with notifications pending when it gives the partition the
 * CPU (a direct request, FFA_RUN), the partition takes it with HF_INTERRUPT_GET and its
 * notifications with FFA_NOTIFICATION_GET, as under Hafnium (spmc/notif.c, spmc/intr.c).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "abi/msghdr.h"
#include "abi/notif.h"
#include "spmc/notif.h"
#include "spmc_helpers.h"
#include "spmc_models.h"

#define SP2 0x8002u
#define HF_INTERRUPT_ENABLE 0xff03u
#define HF_INTERRUPT_GET 0xff04u
#define HF_INVALID_INTID 0xffffffffu
#define NPI_INTID 5u
#define EP_VCPU(id, vcpu) (((uint64_t)(id) << 16) | (vcpu))
#define NS_TX 0x40400000ull
#define NS_RX 0x40401000ull

/* What the receiver model saw the last time it ran: the interrupt HF_INTERRUPT_GET gave it and
 * the bitmaps FFA_NOTIFICATION_GET returned. */
struct npi_seen {
	uint32_t intid;
	uint64_t from_vm;
	uint64_t fwk;
};

static struct npi_seen seen_last;

/*
 * The receiver: on a request or FFA_RUN it asks HF_INTERRUPT_GET, then takes its notifications
 * (FFA_NOTIFICATION_GET of every bitmap), then answers the request with the interrupt ID and the
 * VMs' and framework bitmaps, or waits again when it was run. m->arg non-zero: before all that
 * it disables its NPI with HF_INTERRUPT_ENABLE(5, 0).
 */
static void receiver_step(struct tmodel *m, const struct ffa_value *in, struct ffa_value *call)
{
	unsigned phase = m->phase - (m->arg != 0 ? 1u : 0u);

	if (m->arg != 0 && m->phase == 0) {
		tmodel_call(call, HF_INTERRUPT_ENABLE, NPI_INTID);
		return;
	}
	switch (phase) {
	case 0:
		tmodel_call(call, HF_INTERRUPT_GET, 0);
		break;
	case 1:
		seen_last.intid = (uint32_t)in->x[0];
		tmodel_call(call, FFA_NOTIFICATION_GET, m->ep->id);
		call->x[2] =
			FFA_NOTIF_GET_SP | FFA_NOTIF_GET_VM | FFA_NOTIF_GET_SPM | FFA_NOTIF_GET_HYP;
		break;
	default:
		/* A refused FFA_NOTIFICATION_GET: all ones. */
		seen_last.from_vm = UINT64_MAX;
		seen_last.fwk = UINT64_MAX;
		if ((uint32_t)in->x[0] == FFA_SUCCESS_32) {
			seen_last.from_vm = (uint32_t)in->x[4] | (uint64_t)(uint32_t)in->x[5] << 32;
			seen_last.fwk = (uint32_t)in->x[6] | (uint64_t)(uint32_t)in->x[7] << 32;
		}
		if (tmodel_is_request(&m->request))
			tmodel_respond(m, call, seen_last.intid, seen_last.from_vm, seen_last.fwk);
		else
			tmodel_call(call, FFA_MSG_WAIT_32, 0);
		break;
	}
}

/* A notification receiver at SP2 (props plus notifications), booted; notification 3 and 40
 * bound to VM 0 as the sender. */
static struct tmodel *setup_receiver(struct tmodel_env *e, uint32_t extra_props)
{
	struct tmodel *m;
	struct ffa_value v;

	tmodel_setup(e);
	m = tmodel_add(e, 0, SP2, "receiver", receiver_step, 0);
	m->ep->props |= extra_props;
	tmodel_boot_all(e);
	memset(&seen_last, 0, sizeof(seen_last));
	if ((m->ep->props & FFA_PROP_NOTIFICATIONS) != 0) {
		/* The receiver binds for itself (it runs for the call). */
		m->ep->ctx.state = SPMC_EP_RUNNING;
		v = spmc_fixture_call(&e->f, m->ep, FFA_NOTIFICATION_BIND,
				      (uint64_t[]){ffa_msg_ids(0, SP2), 0, 1u << 3, 1u << 8}, 4);
		expect_ffa_success(&v, 0, false);
		m->ep->ctx.state = SPMC_EP_WAITING;
	}
	return m;
}

/* The normal world sets notifications 3 and 40 for SP2. */
static void nw_sets(struct tmodel_env *e)
{
	struct ffa_value v =
		spmc_fixture_call(&e->f, e->f.nw, FFA_NOTIFICATION_SET,
				  (uint64_t[]){ffa_msg_ids(0, SP2), 0, 1u << 3, 1u << 8}, 4);

	expect_ffa_success(&v, 0, false);
}

/* A request to a receiver with notifications pending comes with its NPI: HF_INTERRUPT_GET
 * answers 5, and its FFA_NOTIFICATION_GET the bits the normal world set. */
Test(npi, pended_on_direct_request)
{
	struct tmodel_env e;
	struct ffa_value v;

	setup_receiver(&e, FFA_PROP_NOTIFICATIONS);
	nw_sets(&e);
	v = tmodel_request(&e, SP2);
	cr_assert_eq((uint32_t)v.x[0], FFA_MSG_SEND_DIRECT_RESP_64);
	cr_expect_eq(v.x[3], NPI_INTID, "HF_INTERRUPT_GET answered 0x%llx",
		     (unsigned long long)v.x[3]);
	cr_expect_eq(v.x[4], (1ull << 3) | (1ull << 40));
	cr_expect_eq(v.x[5], 0);
	/* Taken, nothing pending: the next request comes without it. */
	v = tmodel_request(&e, SP2);
	cr_expect_eq(v.x[3], HF_INVALID_INTID);
	cr_expect_eq(v.x[4], 0);
	spmc_fixture_fini(&e.f);
}

/* Nothing pending, no NPI. */
Test(npi, none_without_pending_notifications)
{
	struct tmodel_env e;
	struct ffa_value v;

	setup_receiver(&e, FFA_PROP_NOTIFICATIONS);
	v = tmodel_request(&e, SP2);
	cr_expect_eq(v.x[3], HF_INVALID_INTID);
	spmc_fixture_fini(&e.f);
}

/* Cycles given with FFA_RUN come with the NPI too; the receiver takes it, then waits. */
Test(npi, pended_on_run)
{
	struct tmodel_env e;
	struct ffa_value v;

	setup_receiver(&e, FFA_PROP_NOTIFICATIONS);
	nw_sets(&e);
	v = tmodel_run(&e, e.f.nw, EP_VCPU(SP2, 0));
	cr_assert_eq((uint32_t)v.x[0], FFA_MSG_WAIT_32);
	cr_expect_eq(seen_last.intid, NPI_INTID);
	cr_expect_eq(seen_last.from_vm, (1ull << 3) | (1ull << 40));
	spmc_fixture_fini(&e.f);
}

/* The NPI is pended when the partition is given the CPU, not when the notification is set:
 * notifications it took (while it ran) before it was given the CPU again bring none. */
Test(npi, pended_when_given_the_cpu)
{
	struct tmodel_env e;
	struct tmodel *m;
	struct ffa_value v;

	m = setup_receiver(&e, FFA_PROP_NOTIFICATIONS);
	nw_sets(&e);
	cr_expect_eq(m->ep->intr.queued, 0, "not pended by the set itself");
	m->ep->ctx.state = SPMC_EP_RUNNING;
	v = spmc_fixture_call(&e.f, m->ep, FFA_NOTIFICATION_GET,
			      (uint64_t[]){SP2, FFA_NOTIF_GET_VM}, 2);
	cr_assert_eq((uint32_t)v.x[0], FFA_SUCCESS_32);
	m->ep->ctx.state = SPMC_EP_WAITING;
	v = tmodel_request(&e, SP2);
	cr_expect_eq(v.x[3], HF_INVALID_INTID);
	spmc_fixture_fini(&e.f);
}

/* A partition that disabled its NPI (HF_INTERRUPT_ENABLE(5, 0)) does not get it from
 * HF_INTERRUPT_GET; its notifications are still there for FFA_NOTIFICATION_GET. The NPI stays
 * pending, once however often it is pended, as Hafnium keeps a disabled interrupt queued. */
Test(npi, disabled_by_the_partition)
{
	struct tmodel_env e;
	struct tmodel *m;
	struct ffa_value v;

	m = setup_receiver(&e, FFA_PROP_NOTIFICATIONS);
	m->arg = 1;
	nw_sets(&e);
	v = tmodel_request(&e, SP2);
	cr_expect_eq(v.x[3], HF_INVALID_INTID);
	cr_expect_eq(v.x[4], (1ull << 3) | (1ull << 40));
	nw_sets(&e);
	v = tmodel_request(&e, SP2);
	cr_expect_eq(v.x[3], HF_INVALID_INTID);
	cr_expect_eq(m->ep->intr.queued, 1);
	spmc_fixture_fini(&e.f);
}

/* A partition without notification support gets no NPI. */
Test(npi, none_without_notification_support)
{
	struct tmodel_env e;
	struct tmodel *m;

	struct ffa_value v;

	m = setup_receiver(&e, 0);
	m->ep->notif.fwk_pending = SPMC_NOTIF_FWK_RX_FULL_HYP;
	v = tmodel_request(&e, SP2);
	cr_expect_eq(v.x[3], HF_INVALID_INTID);
	cr_expect_eq(m->ep->intr.queued, 0);
	spmc_fixture_fini(&e.f);
}

/* An indirect message's RX-buffer-full notification counts: the receiver's next request comes
 * with the NPI, and FFA_NOTIFICATION_GET gives the hypervisor's framework bit. */
Test(npi, pended_for_rx_buffer_full)
{
	struct tmodel_env e;
	struct tmodel *m;
	struct ffa_msg_hdr hdr;
	struct ffa_value v;
	uint8_t *tx;

	m = setup_receiver(&e, FFA_PROP_NOTIFICATIONS | FFA_PROP_INDIRECT_MSG);
	v = spmc_fixture_call(&e.f, e.f.nw, FFA_RXTX_MAP_64, (uint64_t[]){NS_TX, NS_RX, 1}, 3);
	cr_assert_eq((uint32_t)v.x[0], FFA_SUCCESS_32);
	m->ep->ctx.state = SPMC_EP_RUNNING;
	v = spmc_fixture_call(
		&e.f, m->ep, FFA_RXTX_MAP_64,
		(uint64_t[]){SPMC_FIXTURE_SP_MEM(SP2), SPMC_FIXTURE_SP_MEM(SP2) + 0x1000u, 1}, 3);
	cr_assert_eq((uint32_t)v.x[0], FFA_SUCCESS_32);
	m->ep->ctx.state = SPMC_EP_WAITING;
	tx = fake_memory_ptr(&e.f.memory, NS_TX, FFA_RXTX_PAGE_SIZE);
	ffa_msg_hdr_init(&hdr, FFA_VERSION_1_2, 0, SP2, 4, NULL);
	ffa_msg_hdr_write(tx, &hdr, true);
	v = spmc_fixture_call(&e.f, e.f.nw, FFA_MSG_SEND2, (uint64_t[]){0, 0}, 2);
	expect_ffa_success(&v, 0, false);
	v = tmodel_request(&e, SP2);
	cr_expect_eq(v.x[3], NPI_INTID);
	cr_expect_eq(v.x[5], SPMC_NOTIF_FWK_RX_FULL_HYP);
	spmc_fixture_fini(&e.f);
}
