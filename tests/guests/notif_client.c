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

#include "notif_common.h"

#define SP 0x8001
#define BITS_SET ((UINT64_C(1) << 40) | 0x28)

static struct notif_sri sri;

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
	sdk_printf("sri %x\n", notif_sri_init(&sri));
	r = sdk_ffa_notif_bind(SP, 0, 0, BITS_SET);
	notif_show("bind before create", &r);
	r = sdk_ffa_notif_bitmap_create(0, 1);
	notif_show("create", &r);
	r = sdk_ffa_notif_bind(SP, 0, 0, BITS_SET);
	notif_show("bind", &r);
	notif_show_info();
	request(1);
	notif_show_info();
	notif_show_info();
	show_get();
	show_get();
	request(2);
	notif_show_info();
	show_get();
	request(3);
	r = sdk_ffa_notif_set(0, SP, 0, 0x2);
	notif_show("set for the partition", &r);
	notif_show_info();
	request(4);
	notif_show_info();
	r = sdk_ffa_notif_bind(SP, 0, 0, 0x8);
	notif_show("bind again", &r);
	r = sdk_ffa_notif_set(0, SP, 0, 0x4);
	notif_show("set unbound", &r);
	r = sdk_ffa_notif_bind(SP, 0, FFA_NOTIF_FLAG_PER_VCPU, 0x1);
	notif_show("bind per-vcpu", &r);
	r = sdk_ffa_notif_unbind(SP, 0, BITS_SET);
	notif_show("unbind", &r);
	r = sdk_ffa_notif_bitmap_destroy(0);
	notif_show("destroy", &r);
	r = sdk_ffa_notif_bitmap_destroy(0);
	notif_show("destroy again", &r);
	return 0;
}
