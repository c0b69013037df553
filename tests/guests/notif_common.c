/* SPDX-License-Identifier: BSD-3-Clause */
/* The normal-world notification guests' shared code (notif_common.h). */
#include "notif_common.h"

#include <sdk/sdk.h>
#include <sdk/ffa.h>
#include <sdk/ffa_notif.h>
#include <sdk/irq.h>

static void notif_on_irq(enum sdk_exception_kind kind, unsigned group,
			 struct sdk_exception_frame *frame, void *ctx)
{
	struct notif_sri *s = ctx;
	unsigned intid = sdk_gic_ack(&s->gic);

	(void)kind;
	(void)group;
	(void)frame;
	if (intid == SDK_GIC_SPURIOUS)
		return;
	if ((intid & 0x3ffu) == s->intid)
		s->taken++;
	else
		sdk_printf("unexpected INTID %u\n", intid);
	sdk_gic_eoi(&s->gic, intid);
}

unsigned notif_sri_init(struct notif_sri *s)
{
	struct sdk_smccc_regs r = sdk_ffa_features(SDK_FFA_FEATURE_SRI, 0);

	s->gic = sdk_gic_virt(2);
	s->intid = (unsigned)r.x[2];
	s->taken = 0;
	sdk_vectors_install();
	sdk_irq_set_handler(SDK_EXCEPTION_IRQ, notif_on_irq, s);
	sdk_gic_init(&s->gic);
	sdk_irq_enable();
	return s->intid;
}

void notif_show(const char *what, const struct sdk_smccc_regs *r)
{
	char buf[64];

	sdk_printf("%s -> %s\n", what, sdk_ffa_result_text(r, buf, sizeof(buf)));
}

void notif_show_info(void)
{
	struct sdk_smccc_regs r = sdk_ffa_notif_info_get(true);

	if ((uint32_t)r.x[0] != FFA_SUCCESS_64) {
		notif_show("info_get", &r);
		return;
	}
	sdk_printf("info_get -> lists %u more %d:", sdk_ffa_notif_info_lists(&r),
		   sdk_ffa_notif_info_more(&r));
	for (unsigned i = 0; i < sdk_ffa_notif_info_lists(&r); i++)
		sdk_printf(" %x", sdk_ffa_notif_info_id(&r, i));
	sdk_printf("\n");
}
