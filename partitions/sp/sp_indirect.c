/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Example partition: indirect messaging (FF-A v1.2 (DEN0077A) §7.2). It maps its RX/TX buffers
 * at boot and waits. Given cycles by FFA_RUN, it answers the message in its RX buffer with one
 * to its sender (FFA_MSG_SEND2, the same payload) and releases the buffer; on a direct request
 * (sp_indirect.h) it answers, sends a message of its own to another endpoint, or reads the
 * message and reports it. It learns that a message is there by its RX buffer: a message
 * addressed to it, not yet released (the header it read last time is cleared when it
 * releases the buffer).
 */
#include "sp_common.h"
#include "sp_indirect.h"

#include <sdk/ffa_msg.h>
#include <sdk/string.h>

/* The version it negotiates and writes message headers in. */
#define SP_IND_VERSION SDK_FFA_VERSION_1_2

static uint8_t tx[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));
static uint8_t rx[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));

struct sp_ind_answer {
	int32_t status;
	uint32_t size, sender, head;
};

/* The message in its RX buffer, or NO_DATA; *payload where its payload is. */
static struct sp_ind_answer sp_ind_find(uint16_t self, struct ffa_msg_hdr *hdr,
					const uint8_t **payload)
{
	struct sp_ind_answer a = {.status = FFA_NO_DATA};

	if (!sdk_ffa_msg_read(rx, sizeof(rx), hdr, payload) || hdr->receiver != self ||
	    hdr->sender == self)
		return a;
	a.status = 0;
	a.size = hdr->size;
	a.sender = hdr->sender;
	for (uint32_t i = 0; i < 4 && i < hdr->size; i++)
		a.head |= (uint32_t)(*payload)[i] << (8 * i);
	return a;
}

/* Done with the message: forgets it (its receiver field cleared) and releases the buffer. */
static void sp_ind_release(void)
{
	memset(rx, 0, FFA_MSG_HDR_SIZE_1_2);
	sdk_ffa_rx_release();
}

static struct sp_ind_answer sp_ind_answer(uint16_t self, bool reply)
{
	struct ffa_msg_hdr hdr;
	const uint8_t *payload;
	struct sp_ind_answer a = sp_ind_find(self, &hdr, &payload);
	struct sdk_smccc_regs r;

	if (a.status != 0)
		return a;
	if (reply) {
		if (sdk_ffa_msg_write(tx, sizeof(tx), SP_IND_VERSION, self, hdr.sender, payload,
				      hdr.size, hdr.uuid) == 0) {
			a.status = FFA_NO_MEMORY;
		} else {
			r = sdk_ffa_msg_send2(0);
			a.status = sp_status(&r);
		}
	}
	sp_ind_release();
	return a;
}

static struct sp_ind_answer sp_ind_send(uint16_t self, uint16_t to)
{
	static const char hex[] = "0123456789abcdef";
	char ping[SP_IND_PING_SIZE] = "ping from 0x0000";
	struct sdk_smccc_regs r;

	for (unsigned i = 0; i < 4; i++)
		ping[15 - i] = hex[(self >> (4 * i)) & 0xfu];
	sdk_ffa_msg_write(tx, sizeof(tx), SP_IND_VERSION, self, to, ping, sizeof(ping), NULL);
	r = sdk_ffa_msg_send2(0);
	return (struct sp_ind_answer){.status = sp_status(&r)};
}

static struct sp_ind_answer sp_ind_request(uint16_t self, const struct sdk_smccc_regs *req)
{
	switch ((uint32_t)req->x[3]) {
	case SP_IND_OP_ANSWER:
		return sp_ind_answer(self, true);
	case SP_IND_OP_SEND:
		return sp_ind_send(self, (uint16_t)req->x[4]);
	case SP_IND_OP_READ:
		return sp_ind_answer(self, false);
	default:
		return (struct sp_ind_answer){.status = FFA_INVALID_PARAMETERS};
	}
}

int main(void)
{
	struct sdk_smccc_regs r;
	uint16_t self;

	sdk_ffa_version(SP_IND_VERSION);
	self = sp_self();
	r = sdk_ffa_rxtx_map_64((uintptr_t)tx, (uintptr_t)rx, 1);
	sdk_ffa_console_puts(sdk_ffa_is_success(&r) ? "indirect: ready\n"
						    : "indirect: RXTX_MAP failed\n");
	r = sdk_ffa_msg_wait(0);
	for (;;) {
		if ((uint32_t)r.x[0] == FFA_MSG_SEND_DIRECT_REQ_32) {
			struct sp_ind_answer a = sp_ind_request(self, &r);
			uint32_t w[SDK_FFA_DIRECT_PAYLOAD] = {(uint32_t)a.status, a.size, a.sender,
							      a.head, 0};

			r = sdk_ffa_direct_resp_32(self, sp_source(&r), w);
		} else {
			if ((uint32_t)r.x[0] == FFA_RUN_32)
				sp_ind_answer(self, true);
			/* Waiting with its buffer released (it already released it). */
			r = sdk_ffa_msg_wait(SDK_FFA_MSG_WAIT_RETAIN_RX);
		}
	}
}
