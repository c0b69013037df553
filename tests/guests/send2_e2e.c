/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A normal-world guest that exchanges indirect messages with the partitions of
 * systems/indirect.yaml and prints one line per step (tests/test_send2_guests.c reads them):
 *  - normal world to partition: a message to indirect-a, which answers it when asked with a
 *    direct request; the answer lands in the guest's RX buffer;
 *  - the same when the guest gives the partition cycles with FFA_RUN;
 *  - the RX buffer's ownership: a second message while the partition owns its buffer is BUSY;
 *    the partition's answer while the guest owns its own is BUSY too;
 *  - partition to partition: indirect-a sends to indirect-b, which reads it;
 *  - the built-in indirect model answers as the binary does;
 *  - the SPMC's refusals: a header naming another sender, a receiver that does not exist, the
 *    payload inside the header, flags from the normal world;
 *  - FFA_RX_ACQUIRE and FFA_RX_RELEASE of the guest's own buffer, as a hypervisor would;
 *  - the RX-buffer-full framework notification each message to the guest comes with (without
 *    a notification bitmap, as Hafnium pends it for any VM): the release is refused until the
 *    guest took it with FFA_NOTIFICATION_GET.
 */
#include <sdk/sdk.h>
#include <sdk/ffa.h>
#include <sdk/ffa_msg.h>
#include <sdk/ffa_notif.h>
#include <sdk/string.h>

#include "msg_common.h"
#include "sp_indirect.h"

#define SP_A 0x8001u
#define SP_B 0x8002u
#define SP_MODEL 0x8003u
#define SELF 0x0000u

static uint8_t tx[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));
static uint8_t rx[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));

/* Asks a partition (sp_indirect.h) and prints its answer. */
static void ask(const char *name, uint16_t sp, uint32_t op, uint32_t arg)
{
	uint32_t w[SDK_FFA_DIRECT_PAYLOAD] = {op, arg, 0, 0, 0};
	struct sdk_smccc_regs r = sdk_ffa_direct_req_32(SELF, sp, w);
	int32_t code;

	if ((uint32_t)r.x[0] != FFA_MSG_SEND_DIRECT_RESP_32) {
		msg_show_call(name, &r);
		return;
	}
	code = (int32_t)(uint32_t)r.x[3];
	sdk_printf("%s -> status %s size %u sender %x head %x\n", name,
		   code == 0 ? "OK" : sdk_ffa_error_name(code), (uint32_t)r.x[4], (uint32_t)r.x[5],
		   (uint32_t)r.x[6]);
}

/* Takes the SPM's framework notifications (a partition's message: "RX buffer full"), prints
 * them ("NAME fwk -> BITS") and releases the RX buffer. */
static void release(const char *name)
{
	struct sdk_smccc_regs r = sdk_ffa_notif_get(SELF, 0, FFA_NOTIF_GET_SPM);

	if (sdk_ffa_is_success(&r))
		sdk_printf("%s fwk -> %x\n", name, (uint32_t)sdk_ffa_notif_from_framework(&r));
	else
		msg_show_call(name, &r);
	r = sdk_ffa_rx_release();
	msg_show_call(name, &r);
}

int main(void)
{
	struct sdk_smccc_regs r;
	struct ffa_msg_hdr hdr;

	r = sdk_ffa_version(SDK_FFA_VERSION_1_2);
	sdk_printf("version %x\n", (uint32_t)r.x[0]);
	r = sdk_ffa_rxtx_map_64((uintptr_t)tx, (uintptr_t)rx, 1);
	msg_show_call("rxtx_map", &r);
	r = sdk_ffa_features(FFA_MSG_SEND2, 0);
	msg_show_call("features msg_send2", &r);
	r = sdk_ffa_features(FFA_RX_ACQUIRE, 0);
	msg_show_call("features rx_acquire", &r);

	/* Normal world to partition, answered on a direct request. */
	msg_send_text("send a", tx, sizeof(tx), SELF, SP_A, "hello a", 0);
	msg_send_text("send a again", tx, sizeof(tx), SELF, SP_A, "hello again", 0);
	ask("ask a answer", SP_A, SP_IND_OP_ANSWER, 0);
	msg_show_rx("rx", rx, sizeof(rx));
	r = sdk_ffa_rx_release();
	msg_show_call("release pending", &r);
	release("release");
	release("release again");

	/* The same, the partition given cycles by FFA_RUN. */
	msg_send_text("send a run", tx, sizeof(tx), SELF, SP_A, "run me", 0);
	r = sdk_ffa_run(SP_A, 0);
	msg_show_call("run a", &r);
	msg_show_rx("rx run", rx, sizeof(rx));
	/* The guest keeps its RX buffer: the partition's next answer is BUSY. */
	msg_send_text("send a busy", tx, sizeof(tx), SELF, SP_A, "who owns rx", 0);
	ask("ask a answer busy", SP_A, SP_IND_OP_ANSWER, 0);
	release("release run");

	/* Partition to partition. */
	ask("ask a send b", SP_A, SP_IND_OP_SEND, SP_B);
	ask("ask b read", SP_B, SP_IND_OP_READ, 0);
	ask("ask b read again", SP_B, SP_IND_OP_READ, 0);

	/* The built-in model. */
	msg_send_text("send model", tx, sizeof(tx), SELF, SP_MODEL, "model hello", 0);
	ask("ask model", SP_MODEL, SP_IND_OP_ANSWER, 0);
	msg_show_rx("rx model", rx, sizeof(rx));
	release("release model");

	/* Refusals. */
	msg_send_text("send wrong sender", tx, sizeof(tx), SP_B, SP_A, "forged", 0);
	msg_send_text("send nobody", tx, sizeof(tx), SELF, 0x8009u, "lost", 0);
	msg_send_text("send flags", tx, sizeof(tx), SELF, SP_A, "flags",
		      SDK_FFA_MSG_SEND2_DELAY_SRI);
	ffa_msg_hdr_init(&hdr, SDK_FFA_VERSION_1_2, SELF, SP_A, 4, NULL);
	hdr.offset = FFA_MSG_HDR_SIZE_1_1;
	ffa_msg_hdr_write(tx, &hdr, true);
	r = sdk_ffa_msg_send2(0);
	msg_show_call("send inside header", &r);
	r = sdk_ffa_msg_send2_for(1, 0);
	msg_show_call("send for vm 1", &r);

	/* A hypervisor's FFA_RX_ACQUIRE of the guest's own buffer. */
	r = sdk_ffa_rx_acquire(SELF);
	msg_show_call("rx_acquire", &r);
	r = sdk_ffa_rx_acquire(SELF);
	msg_show_call("rx_acquire again", &r);
	msg_send_text("send a acquired", tx, sizeof(tx), SELF, SP_A, "to acquired", 0);
	ask("ask a answer acquired", SP_A, SP_IND_OP_ANSWER, 0);
	release("release acquired");
	return 0;
}
