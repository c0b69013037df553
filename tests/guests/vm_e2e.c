/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A normal-world guest that runs as a VM behind a hypervisor (`--hypervisor forwarding`: VM 1)
 * and uses the partitions of systems/indirect.yaml with the ID FFA_ID_GET gives it, printing
 * one line per step (tests/test_vm_guests.c reads them):
 *  - discovery through the hypervisor's buffers, then FFA_RX_RELEASE;
 *  - an indirect message to indirect-a and its answer back to the VM, with the SPM's
 *    RX-buffer-full notification for the VM;
 *  - notifications as the VM: it binds notification 1 from the built-in indirect model, whose
 *    answer sets it; FFA_NOTIFICATION_INFO_GET lists the VM, FFA_NOTIFICATION_GET takes both;
 *  - what a VM may not do: a message with another VM's ID as sender (in the header or in w1),
 *    FFA_RX_ACQUIRE, a notification bitmap, a binding for another VM, a direct request from
 *    another ID.
 * Behind pKVM the same guest is the host (ID 0) and gets pKVM's answers.
 */
#include <sdk/sdk.h>
#include <sdk/ffa.h>
#include <sdk/ffa_msg.h>
#include <sdk/ffa_notif.h>
#include <sdk/string.h>

#include "msg_common.h"
#include "sp_indirect.h"

#define SP_A 0x8001u
#define SP_MODEL 0x8003u
/* The notification the built-in indirect model sets to the sender of a message it answers. */
#define MODEL_NOTIF 1u

static uint8_t tx[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));
static uint8_t rx[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));
static uint16_t self;

/* Asks a partition (sp_indirect.h) from `source` and prints its answer. */
static void ask(const char *name, uint16_t source, uint16_t sp, uint32_t op)
{
	uint32_t w[SDK_FFA_DIRECT_PAYLOAD] = {op, 0, 0, 0, 0};
	struct sdk_smccc_regs r = sdk_ffa_direct_req_32(source, sp, w);
	int32_t code;

	if ((uint32_t)r.x[0] != FFA_MSG_SEND_DIRECT_RESP_32) {
		msg_show_call(name, &r);
		return;
	}
	code = (int32_t)(uint32_t)r.x[3];
	sdk_printf("%s -> status %s size %u sender %x\n", name,
		   code == 0 ? "OK" : sdk_ffa_error_name(code), (uint32_t)r.x[4], (uint32_t)r.x[5]);
}

/* Takes the partitions' and the SPM's notifications ("NAME get -> sp S fwk F"), then releases
 * the RX buffer. */
static void take_and_release(const char *name)
{
	struct sdk_smccc_regs r = sdk_ffa_notif_get(self, 0, FFA_NOTIF_GET_SP | FFA_NOTIF_GET_SPM);
	char what[48];

	if (sdk_ffa_is_success(&r))
		sdk_printf("%s get -> sp %x fwk %x\n", name, (uint32_t)sdk_ffa_notif_from_sp(&r),
			   (uint32_t)sdk_ffa_notif_from_framework(&r));
	else
		msg_show_call(name, &r);
	r = sdk_ffa_rx_release();
	sdk_snprintf(what, sizeof(what), "%s release", name);
	msg_show_call(what, &r);
}

/* FFA_NOTIFICATION_INFO_GET_64: "info -> N: ID ..." */
static void info(void)
{
	struct sdk_smccc_regs r = sdk_ffa_notif_info_get(true);
	unsigned n;

	if (!sdk_ffa_is_success(&r)) {
		msg_show_call("info", &r);
		return;
	}
	n = sdk_ffa_notif_info_lists(&r);
	sdk_printf("info -> %u:", n);
	for (unsigned i = 0; i < n; i++)
		sdk_printf(" %x", sdk_ffa_notif_info_id(&r, i));
	sdk_printf("\n");
}

/* A call with w0 and w1 alone (the SDK's wrappers pass the rest as zero). */
static struct sdk_smccc_regs call1(uint32_t fid, uint64_t w1)
{
	struct sdk_smccc_regs r = {{0}};

	r.x[0] = fid;
	r.x[1] = w1;
	sdk_ffa_call(&r);
	return r;
}

int main(void)
{
	struct sdk_smccc_regs r;
	uint16_t other;

	r = sdk_ffa_version(SDK_FFA_VERSION_1_2);
	sdk_printf("version %x\n", (uint32_t)r.x[0]);
	r = sdk_ffa_id_get();
	self = (uint16_t)r.x[2];
	other = self == 2 ? 3 : 2;
	sdk_printf("id %x\n", self);
	/* Without buffers. */
	msg_send_text("send no buffers", tx, sizeof(tx), self, SP_A, "early", 0);
	r = sdk_ffa_partition_info_get(NULL, 0);
	msg_show_call("partinfo no buffers", &r);
	r = sdk_ffa_rxtx_map_64((uintptr_t)tx, (uintptr_t)rx, 2);
	msg_show_call("rxtx_map 2 pages", &r);
	r = sdk_ffa_rxtx_map_64((uintptr_t)tx, (uintptr_t)rx, 1);
	msg_show_call("rxtx_map", &r);
	r = sdk_ffa_rxtx_map_64((uintptr_t)tx, (uintptr_t)rx, 1);
	msg_show_call("rxtx_map again", &r);
	r = sdk_ffa_features(FFA_NOTIFICATION_BITMAP_CREATE, 0);
	msg_show_call("features bitmap_create", &r);
	r = sdk_ffa_features(FFA_MSG_SEND2, 0);
	msg_show_call("features msg_send2", &r);
	r = sdk_ffa_features(FFA_RX_ACQUIRE, 0);
	msg_show_call("features rx_acquire", &r);

	/* Discovery through the hypervisor's buffers. */
	r = sdk_ffa_partition_info_get(NULL, 0);
	if (sdk_ffa_is_success(&r))
		sdk_printf("partinfo -> OK count %u\n", (uint32_t)r.x[2]);
	else
		msg_show_call("partinfo", &r);
	r = sdk_ffa_partition_info_get(NULL, 0);
	msg_show_call("partinfo while owned", &r);
	r = call1(FFA_RX_RELEASE, self);
	msg_show_call("release naming self", &r);
	r = sdk_ffa_rx_release();
	msg_show_call("partinfo release", &r);

	/* The VM to a partition and back. */
	msg_send_text("send a", tx, sizeof(tx), self, SP_A, "hello from vm", 0);
	ask("ask a answer", self, SP_A, SP_IND_OP_ANSWER);
	msg_show_rx("rx", rx, sizeof(rx));
	r = sdk_ffa_rx_release();
	msg_show_call("release pending", &r);
	take_and_release("a");

	/* Notifications as the VM. */
	r = sdk_ffa_notif_bind(SP_MODEL, self, 0, UINT64_C(1) << MODEL_NOTIF);
	msg_show_call("bind model", &r);
	msg_send_text("send model", tx, sizeof(tx), self, SP_MODEL, "notify me", 0);
	ask("ask model", self, SP_MODEL, SP_IND_OP_ANSWER);
	info();
	msg_show_rx("rx model", rx, sizeof(rx));
	take_and_release("model");
	info();
	r = sdk_ffa_notif_unbind(SP_MODEL, self, UINT64_C(1) << MODEL_NOTIF);
	msg_show_call("unbind model", &r);

	/* What a VM may not do. */
	msg_send_text("send as other", tx, sizeof(tx), other, SP_A, "forged", 0);
	sdk_ffa_msg_write(tx, sizeof(tx), SDK_FFA_VERSION_1_2, self, SP_A, "x", 1, NULL);
	r = sdk_ffa_msg_send2_for(other, 0);
	msg_show_call("send for other", &r);
	msg_send_text("send to self", tx, sizeof(tx), self, self, "me", 0);
	r = sdk_ffa_rx_acquire(self);
	msg_show_call("rx_acquire", &r);
	r = sdk_ffa_notif_bitmap_create(self, 1);
	msg_show_call("bitmap_create", &r);
	r = sdk_ffa_notif_bind(SP_MODEL, other, 0, 1);
	msg_show_call("bind other", &r);
	ask("ask as other", other, SP_A, SP_IND_OP_READ);
	sdk_ffa_msg_write(tx, sizeof(tx), SDK_FFA_VERSION_1_2, self, SP_A, "f", 1, NULL);
	r = sdk_ffa_msg_send2(SDK_FFA_MSG_SEND2_DELAY_SRI);
	msg_show_call("send flags", &r);
	r = sdk_ffa_notif_set(other, SP_MODEL, 0, 1);
	msg_show_call("set from other", &r);
	r = sdk_ffa_notif_get(other, 0, FFA_NOTIF_GET_SP);
	msg_show_call("get other", &r);
	r = sdk_ffa_rxtx_unmap(self);
	msg_show_call("unmap naming self", &r);
	r = sdk_ffa_rxtx_unmap(0);
	msg_show_call("unmap", &r);
	r = sdk_ffa_rxtx_unmap(0);
	msg_show_call("unmap again", &r);
	return 0;
}
