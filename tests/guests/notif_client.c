/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Normal-world side of FF-A notifications (systems/notifications.yaml): creates VM 0's bitmap,
 * binds notifications to the partition, asks it to set them (now and with the delay-SRI flag),
 * finds them with FFA_NOTIFICATION_INFO_GET and takes them with FFA_NOTIFICATION_GET; then sets
 * one for the partition, which takes it; then the refusals and the teardown. One line a step.
 * With interrupts on, it counts the schedule receiver interrupts (the SGI FFA_FEATURES names)
 * the SPMC sends it and prints how many it took after each request.
 */
#include <sdk/sdk.h>
#include <sdk/ffa.h>
#include <sdk/ffa_notif.h>
#include <sdk/gic.h>
#include <sdk/irq.h>

#define SP 0x8001
#define BITS_SET ((UINT64_C(1) << 40) | 0x28)

struct sri_state {
	struct sdk_gic gic;
	unsigned intid; /* the SRI, from FFA_FEATURES */
	unsigned taken;
};

static void on_irq(enum sdk_exception_kind kind, unsigned group, struct sdk_exception_frame *frame,
		   void *ctx)
{
	struct sri_state *s = ctx;
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

static struct sri_state sri;

static void show(const char *what, const struct sdk_smccc_regs *r)
{
	char buf[64];

	sdk_printf("%s -> %s\n", what, sdk_ffa_result_text(r, buf, sizeof(buf)));
}

static void show_info(void)
{
	struct sdk_smccc_regs r = sdk_ffa_notif_info_get(true);
	char buf[64];

	if ((uint32_t)r.x[0] != FFA_SUCCESS_64) {
		sdk_printf("info_get -> %s\n", sdk_ffa_result_text(&r, buf, sizeof(buf)));
		return;
	}
	sdk_printf("info_get -> lists %u more %d:", sdk_ffa_notif_info_lists(&r),
		   sdk_ffa_notif_info_more(&r));
	for (unsigned i = 0; i < sdk_ffa_notif_info_lists(&r); i++)
		sdk_printf(" %x", sdk_ffa_notif_info_id(&r, i));
	sdk_printf("\n");
}

static void show_get(void)
{
	struct sdk_smccc_regs r = sdk_ffa_notif_get(0, 0, FFA_NOTIF_GET_SP);

	sdk_printf("get -> %lx sp %lx vm %lx fwk %lx\n", r.x[0], sdk_ffa_notif_from_sp(&r),
		   sdk_ffa_notif_from_vm(&r), sdk_ffa_notif_from_framework(&r));
}

static void request(uint32_t n)
{
	uint32_t w[SDK_FFA_DIRECT_PAYLOAD] = {n};
	struct sdk_smccc_regs r = sdk_ffa_direct_req_32(0, SP, w);

	sdk_printf("request %u -> %lx w3=%lx\n", n, r.x[0], r.x[3]);
	sdk_printf("sri taken %u\n", sri.taken);
}

int main(void)
{
	struct sdk_smccc_regs r;

	r = sdk_ffa_version(0x10002);
	sdk_printf("version %lx\n", r.x[0]);
	r = sdk_ffa_features(SDK_FFA_FEATURE_SRI, 0);
	sdk_printf("sri %lx\n", r.x[2]);
	sri.gic = sdk_gic_virt(2);
	sri.intid = (unsigned)r.x[2];
	sdk_vectors_install();
	sdk_irq_set_handler(SDK_EXCEPTION_IRQ, on_irq, &sri);
	sdk_gic_init(&sri.gic);
	sdk_irq_enable();
	r = sdk_ffa_notif_bind(SP, 0, 0, BITS_SET);
	show("bind before create", &r);
	r = sdk_ffa_notif_bitmap_create(0, 1);
	show("create", &r);
	r = sdk_ffa_notif_bind(SP, 0, 0, BITS_SET);
	show("bind", &r);
	show_info();
	request(1);
	show_info();
	show_info();
	show_get();
	show_get();
	request(2);
	show_info();
	show_get();
	request(3);
	r = sdk_ffa_notif_set(0, SP, 0, 0x2);
	show("set for the partition", &r);
	show_info();
	request(4);
	show_info();
	r = sdk_ffa_notif_bind(SP, 0, 0, 0x8);
	show("bind again", &r);
	r = sdk_ffa_notif_set(0, SP, 0, 0x4);
	show("set unbound", &r);
	r = sdk_ffa_notif_bind(SP, 0, FFA_NOTIF_FLAG_PER_VCPU, 0x1);
	show("bind per-vcpu", &r);
	r = sdk_ffa_notif_unbind(SP, 0, BITS_SET);
	show("unbind", &r);
	r = sdk_ffa_notif_bitmap_destroy(0);
	show("destroy", &r);
	r = sdk_ffa_notif_bitmap_destroy(0);
	show("destroy again", &r);
	return 0;
}
