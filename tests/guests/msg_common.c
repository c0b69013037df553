/* SPDX-License-Identifier: BSD-3-Clause */
/* What the indirect-messaging guests share (msg_common.h). */
#include "msg_common.h"

#include <sdk/ffa.h>
#include <sdk/ffa_msg.h>
#include <sdk/printf.h>
#include <sdk/string.h>

void msg_show_call(const char *name, const struct sdk_smccc_regs *r)
{
	int32_t code;

	if (sdk_ffa_is_error(r, &code))
		sdk_printf("%s -> ERROR %s\n", name, sdk_ffa_error_name(code));
	else if (sdk_ffa_is_success(r))
		sdk_printf("%s -> OK\n", name);
	else
		sdk_printf("%s -> %x\n", name, (uint32_t)r->x[0]);
}

void msg_send_text(const char *name, void *tx, size_t tx_size, uint16_t sender, uint16_t to,
		   const char *text, uint32_t flags)
{
	struct sdk_smccc_regs r;

	sdk_ffa_msg_write(tx, tx_size, SDK_FFA_VERSION_1_2, sender, to, text, strlen(text), NULL);
	r = sdk_ffa_msg_send2(flags);
	msg_show_call(name, &r);
}

void msg_show_rx(const char *name, void *rx, size_t rx_size)
{
	struct ffa_msg_hdr hdr;
	const uint8_t *payload;
	char text[64];
	uint32_t n;

	if (!sdk_ffa_msg_read(rx, rx_size, &hdr, &payload)) {
		sdk_printf("%s -> no message\n", name);
		return;
	}
	n = hdr.size < sizeof(text) - 1 ? hdr.size : sizeof(text) - 1;
	memcpy(text, payload, n);
	text[n] = '\0';
	sdk_printf("%s from %x to %x offset %u size %u: %s\n", name, hdr.sender, hdr.receiver,
		   hdr.offset, hdr.size, text);
	memset(rx, 0, FFA_MSG_HDR_SIZE_1_2);
}
