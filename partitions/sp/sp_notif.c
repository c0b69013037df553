/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Example partition: notifications (FF-A v1.2 (DEN0077A) §10) under a Hafnium SPMC. At boot it
 * asks FFA_FEATURES for the notification pending interrupt's ID (feature 1), installs its
 * vectors and waits. Its IRQ handler does what a partition does when the NPI arrives: takes the
 * interrupt with HF_INTERRUPT_GET and, for the NPI, its notifications with FFA_NOTIFICATION_GET
 * (partitions', VMs' and the framework's). Requests (sp_notif.h) bind, unbind and set
 * notifications, and let the interrupt in; given cycles by FFA_RUN it lets it in and waits.
 * When IRQs are unmasked and nothing arrives, it asks HF_INTERRUPT_GET itself (the SPMC left
 * the interrupt pending without signalling it), and says so in its answer.
 */
#include "sp_common.h"
#include "sp_notif.h"

#include <sdk/ffa_notif.h>
#include <sdk/hf.h>
#include <sdk/irq.h>
#include <sdk/printf.h>

/* Iterations with IRQs unmasked, waiting for the interrupt to be signalled. */
#define SP_NOTIF_WINDOW 64u

struct sp_notif_state {
	uint16_t self;
	uint32_t npi; /* FFA_FEATURES(1)'s answer */
	/* What it took last. */
	int32_t status;
	uint32_t intid;
	uint32_t how;
	uint64_t from_vm, from_sp, fwk;
	bool taken; /* the handler ran since the state was cleared */
};

static struct sp_notif_state st;

/* Takes the pending interrupt; for the NPI, the notifications too. */
static void sp_notif_take(struct sp_notif_state *s, uint32_t how)
{
	struct sdk_smccc_regs r;

	s->intid = sdk_hf_interrupt_get();
	s->how = s->intid == SDK_HF_INVALID_INTID ? SP_NOTIF_HOW_NONE : how;
	s->taken = true;
	if (s->intid != s->npi)
		return;
	r = sdk_ffa_notif_get(s->self, 0,
			      FFA_NOTIF_GET_SP | FFA_NOTIF_GET_VM | FFA_NOTIF_GET_SPM |
				      FFA_NOTIF_GET_HYP);
	s->status = sp_status(&r);
	s->from_sp = sdk_ffa_notif_from_sp(&r);
	s->from_vm = sdk_ffa_notif_from_vm(&r);
	s->fwk = sdk_ffa_notif_from_framework(&r);
}

static void sp_notif_irq(enum sdk_exception_kind kind, unsigned group,
			 struct sdk_exception_frame *frame, void *ctx)
{
	(void)kind;
	(void)group;
	(void)frame;
	sp_notif_take(ctx, SP_NOTIF_HOW_VECTOR);
}

/* Opens a window for the interrupt; asks for it when it did not come. */
static void sp_notif_let_in(struct sp_notif_state *s)
{
	s->status = 0;
	s->intid = SDK_HF_INVALID_INTID;
	s->how = SP_NOTIF_HOW_NONE;
	s->from_vm = s->from_sp = s->fwk = 0;
	s->taken = false;
	sdk_irq_enable();
	for (unsigned i = 0; i < SP_NOTIF_WINDOW && !s->taken; i++)
		__asm__ volatile("isb" : : : "memory");
	sdk_irq_disable();
	if (!s->taken)
		sp_notif_take(s, SP_NOTIF_HOW_POLL);
}

static uint64_t sp_notif_bits(const struct sdk_smccc_regs *req)
{
	return (uint32_t)req->x[5] | (uint64_t)(uint32_t)req->x[6] << 32;
}

/* Handles a request; fills the answer's w3-w7. */
static void sp_notif_request(struct sp_notif_state *s, const struct sdk_smccc_regs *req,
			     uint32_t w[SDK_FFA_DIRECT_PAYLOAD])
{
	uint16_t other = (uint16_t)req->x[4];
	struct sdk_smccc_regs r;

	switch ((uint32_t)req->x[3]) {
	case SP_NOTIF_OP_BIND:
		r = sdk_ffa_notif_bind(other, s->self, 0, sp_notif_bits(req));
		w[0] = (uint32_t)sp_status(&r);
		return;
	case SP_NOTIF_OP_UNBIND:
		r = sdk_ffa_notif_unbind(other, s->self, sp_notif_bits(req));
		w[0] = (uint32_t)sp_status(&r);
		return;
	case SP_NOTIF_OP_SET:
		r = sdk_ffa_notif_set(s->self, other, (uint32_t)req->x[7], sp_notif_bits(req));
		w[0] = (uint32_t)sp_status(&r);
		return;
	case SP_NOTIF_OP_TAKE:
		sp_notif_let_in(s);
		break;
	case SP_NOTIF_OP_LAST:
		break;
	default:
		w[0] = (uint32_t)FFA_INVALID_PARAMETERS;
		return;
	}
	w[0] = (uint32_t)s->status;
	w[1] = s->intid;
	w[2] = (uint32_t)s->from_vm;
	w[3] = (uint32_t)s->from_sp;
	w[4] = s->how | (uint32_t)(s->fwk & 1u) << 8 | (uint32_t)((s->fwk >> 32) & 1u) << 9;
}

int main(void)
{
	struct sdk_smccc_regs r;
	char line[40];

	sdk_ffa_version(SDK_FFA_VERSION_1_2);
	st.self = sp_self();
	r = sdk_ffa_features(SDK_FFA_FEATURE_NPI, 0);
	st.npi = sdk_ffa_is_success(&r) ? (uint32_t)r.x[2] : SDK_HF_INVALID_INTID;
	st.intid = SDK_HF_INVALID_INTID;
	sdk_vectors_install();
	sdk_irq_set_handler(SDK_EXCEPTION_IRQ, sp_notif_irq, &st);
	sdk_snprintf(line, sizeof(line), "notif: npi %u\n", st.npi);
	sdk_ffa_console_puts(line);
	r = sdk_ffa_msg_wait(0);
	for (;;) {
		if ((uint32_t)r.x[0] == FFA_MSG_SEND_DIRECT_REQ_32) {
			uint32_t w[SDK_FFA_DIRECT_PAYLOAD] = {0};

			sp_notif_request(&st, &r, w);
			r = sdk_ffa_direct_resp_32(st.self, sp_source(&r), w);
		} else {
			if ((uint32_t)r.x[0] == FFA_RUN_32)
				sp_notif_let_in(&st);
			r = sdk_ffa_msg_wait(0);
		}
	}
}
