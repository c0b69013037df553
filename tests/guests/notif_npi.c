/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Normal-world side of notifications with a partition binary (systems/notifications-sp.yaml,
 * partitions/sp/sp_notif.c), one line a step (tests/test_notif_guests.c reads them):
 *  - the normal world sets notifications for the partition, which takes the notification
 *    pending interrupt the SPMC pends when it next runs (a direct request, or FFA_RUN) and then
 *    its notifications with FFA_NOTIFICATION_GET;
 *  - the partition sets notifications for the normal world, which counts the schedule receiver
 *    interrupts it takes, finds them with FFA_NOTIFICATION_INFO_GET and takes them with
 *    FFA_NOTIFICATION_GET; an SRI raised while the partition runs preempts it, and the normal
 *    world resumes it with FFA_RUN;
 *  - the refusals on both sides.
 */
#include <sdk/sdk.h>
#include <sdk/ffa.h>
#include <sdk/ffa_notif.h>

#include "notif_common.h"
#include "sp_notif.h"

#define SP 0x8001u
#define SELF 0x0000u

static struct notif_sri sri;

static const char *how_name(uint32_t how)
{
	switch (how & 0xffu) {
	case SP_NOTIF_HOW_VECTOR:
		return "vector";
	case SP_NOTIF_HOW_POLL:
		return "poll";
	default:
		return "none";
	}
}

/* Asks the partition (sp_notif.h) and prints its answer. */
static void ask(const char *name, uint32_t op, uint16_t other, uint64_t bits, uint32_t flags)
{
	uint32_t w[SDK_FFA_DIRECT_PAYLOAD] = {op, other, (uint32_t)bits, (uint32_t)(bits >> 32),
					      flags};
	struct sdk_smccc_regs r = sdk_ffa_direct_req_32(SELF, SP, w);
	int32_t code;

	/* The SRI of a set it makes without the delay flag is a non-secure interrupt on this
	 * CPU: it preempts the partition, which this CPU then runs on to its answer. */
	while ((uint32_t)r.x[0] == FFA_INTERRUPT_32) {
		sdk_printf("%s preempted\n", name);
		r = sdk_ffa_run(SP, 0);
	}

	if ((uint32_t)r.x[0] != FFA_MSG_SEND_DIRECT_RESP_32) {
		notif_show(name, &r);
		return;
	}
	code = (int32_t)(uint32_t)r.x[3];
	if (op != SP_NOTIF_OP_TAKE && op != SP_NOTIF_OP_LAST) {
		sdk_printf("%s -> status %s\n", name, code == 0 ? "OK" : sdk_ffa_error_name(code));
		return;
	}
	sdk_printf("%s -> status %s intid %x %s vm %x sp %x fwk %x\n", name,
		   code == 0 ? "OK" : sdk_ffa_error_name(code), (uint32_t)r.x[4],
		   how_name((uint32_t)r.x[7]), (uint32_t)r.x[5], (uint32_t)r.x[6],
		   ((uint32_t)r.x[7] >> 8) & 3u);
}

static void show_get(void)
{
	struct sdk_smccc_regs r = sdk_ffa_notif_get(SELF, 0, FFA_NOTIF_GET_SP);

	sdk_printf("get -> %x sp %lx\n", (uint32_t)r.x[0], sdk_ffa_notif_from_sp(&r));
}

int main(void)
{
	struct sdk_smccc_regs r;

	r = sdk_ffa_version(SDK_FFA_VERSION_1_2);
	sdk_printf("version %x\n", (uint32_t)r.x[0]);
	r = sdk_ffa_features(SDK_FFA_FEATURE_NPI, 0);
	notif_show("features npi", &r);
	notif_sri_init(&sri);

	/* Normal world to partition: the NPI on a request, then on FFA_RUN. */
	ask("sp bind", SP_NOTIF_OP_BIND, SELF, 0x6, 0);
	ask("sp bind again", SP_NOTIF_OP_BIND, SELF, 0x4, 0);
	ask("take nothing", SP_NOTIF_OP_TAKE, 0, 0, 0);
	r = sdk_ffa_notif_set(SELF, SP, 0, 0x6);
	notif_show("set for sp", &r);
	r = sdk_ffa_notif_set(SELF, SP, 0, 0x8);
	notif_show("set unbound for sp", &r);
	r = sdk_ffa_notif_set(SELF, SP, FFA_NOTIF_FLAG_PER_VCPU, 0x2);
	notif_show("set per-vcpu for sp", &r);
	ask("take", SP_NOTIF_OP_TAKE, 0, 0, 0);
	ask("take again", SP_NOTIF_OP_TAKE, 0, 0, 0);
	r = sdk_ffa_notif_set(SELF, SP, 0, 0x2);
	notif_show("set for sp run", &r);
	r = sdk_ffa_run(SP, 0);
	sdk_printf("run -> %x\n", (uint32_t)r.x[0]);
	ask("last", SP_NOTIF_OP_LAST, 0, 0, 0);

	/* Partition to normal world: the SRI, INFO_GET, GET. */
	r = sdk_ffa_notif_bitmap_create(SELF, 1);
	notif_show("create", &r);
	r = sdk_ffa_notif_bind(SP, SELF, 0, UINT64_C(0x100000030));
	notif_show("bind", &r);
	ask("sp set", SP_NOTIF_OP_SET, SELF, 0x30, 0);
	sdk_printf("sri taken %u\n", sri.taken);
	ask("sp set delayed", SP_NOTIF_OP_SET, SELF, UINT64_C(0x100000000), 2);
	sdk_printf("sri taken %u\n", sri.taken);
	ask("sp set unbound", SP_NOTIF_OP_SET, SELF, 0x40, 0);
	notif_show_info();
	notif_show_info();
	show_get();
	show_get();

	/* Teardown. */
	ask("sp unbind", SP_NOTIF_OP_UNBIND, SELF, 0x6, 0);
	ask("sp unbind again", SP_NOTIF_OP_UNBIND, SELF, 0x6, 0);
	r = sdk_ffa_notif_unbind(SP, SELF, UINT64_C(0x100000030));
	notif_show("unbind", &r);
	r = sdk_ffa_notif_bitmap_destroy(SELF);
	notif_show("destroy", &r);
	return 0;
}
