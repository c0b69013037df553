/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test partition: the looping computation of partitions/sp/sp_loop.c with vectors. It installs
 * the SDK's vector table (VBAR_EL1), enables Hafnium's managed-exit interrupt, unmasks IRQ and
 * FIQ and computes; the SPMC's virtual interrupt enters its vectors, where the handler takes
 * the interrupt with HF_INTERRUPT_GET. A managed exit ends the computation at once. A
 * DIRECT_REQ_64 with x3 = n rounds answers DIRECT_RESP_64 with x3 = rounds run, x4 = the hash,
 * x5 = 1 when a managed exit cut it short, x6 = the last ID HF_INTERRUPT_GET answered in the
 * handler and x7 = the vector kinds taken (IRQs in bits 15:0, FIQs in bits 31:16).
 */
#include <sdk/sdk.h>
#include <sdk/ffa.h>
#include <sdk/hf.h>

struct vloop_state {
	volatile uint32_t last_id;
	volatile uint32_t irqs;
	volatile uint32_t fiqs;
	volatile bool exit_asked;
};

static void on_virtual(enum sdk_exception_kind kind, unsigned group,
		       struct sdk_exception_frame *frame, void *ctx)
{
	struct vloop_state *s = ctx;
	uint32_t id = sdk_hf_interrupt_get();

	(void)group;
	(void)frame;
	if (kind == SDK_EXCEPTION_FIQ)
		s->fiqs++;
	else
		s->irqs++;
	s->last_id = id;
	if (id == SDK_HF_MANAGED_EXIT_INTID)
		s->exit_asked = true;
}

static void vloop_hash(struct vloop_state *s, uint64_t x[SDK_FFA_DIRECT_PAYLOAD])
{
	uint64_t h = 0, i;

	s->exit_asked = false;
	for (i = 0; i < x[0] && !s->exit_asked; i++) {
		h = h * 31u + i;
		__asm__ volatile("" : "+r"(h));
	}
	x[0] = i;
	x[1] = h;
	x[2] = s->exit_asked ? 1 : 0;
	x[3] = s->last_id;
	x[4] = (uint64_t)s->fiqs << 16 | s->irqs;
}

int main(void)
{
	static struct vloop_state s;
	struct sdk_smccc_regs r;
	uint64_t x[SDK_FFA_DIRECT_PAYLOAD];
	uint16_t self;

	sdk_ffa_version(0x10002);
	self = (uint16_t)sdk_ffa_id_get().x[2];
	sdk_vectors_install();
	sdk_irq_set_handler(SDK_EXCEPTION_IRQ, on_virtual, &s);
	sdk_irq_set_handler(SDK_EXCEPTION_FIQ, on_virtual, &s);
	/* The type is the manifest's (managed-exit-virq): the SPMC decides it. */
	sdk_hf_interrupt_enable(SDK_HF_MANAGED_EXIT_INTID, true, SDK_HF_INTERRUPT_IRQ);
	sdk_irq_enable();
	sdk_fiq_enable();
	r = sdk_ffa_msg_wait(0);
	for (;;) {
		if ((uint32_t)r.x[0] == FFA_MSG_SEND_DIRECT_REQ_64) {
			for (unsigned i = 0; i < SDK_FFA_DIRECT_PAYLOAD; i++)
				x[i] = r.x[3 + i];
			vloop_hash(&s, x);
			r = sdk_ffa_direct_resp_64(self, (uint16_t)(r.x[1] >> 16), x);
		} else {
			r = sdk_ffa_msg_wait(0);
		}
	}
}
