/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Indirect-message steps (docs/scenarios.md, "Indirect messages"): a partition message
 * (FF-A v1.2 (DEN0077A) §7.2) written into an endpoint's TX buffer, or read back from its RX
 * buffer and compared field by field, through include/abi/msghdr.h.
 */
#include <inttypes.h>
#include <string.h>

#include "abi/msghdr.h"
#include "abi/uuid.h"
#include "internal.h"

/* The header layout of a step: the one it names, else the endpoint's version. */
static uint32_t scn_msg_layout(const struct scn_msg *msg, const struct scn_place *pl)
{
	return msg->layout != 0 ? msg->layout : pl->version;
}

bool scn_exec_msg_write(struct scn_session *s, const struct scn_step *st, FILE *report)
{
	const struct scn_msg *msg = st->u.mem.msg;
	struct scn_place pl;
	struct ffa_msg_hdr hdr;
	uint32_t layout;

	if (!scn_place_find(s, st, false, &pl, report))
		return false;
	layout = scn_msg_layout(msg, &pl);
	ffa_msg_hdr_init(&hdr, layout, msg->sender, msg->receiver, (uint32_t)msg->payload_len,
			 msg->uuid_set ? msg->uuid : NULL);
	if (hdr.offset == 0) {
		fprintf(report, "%s, line %u: an FF-A v1.0 endpoint has no indirect messages\n",
			st->label, st->line);
		return false;
	}
	if (msg->offset_set)
		hdr.offset = msg->offset;
	if (msg->size_set)
		hdr.size = msg->size;
	/* The payload goes where the header says, when it fits; the header goes in any case (a
	 * scenario may name an offset or size the SPMC must refuse). */
	if (pl.size < FFA_MSG_HDR_SIZE_1_2 ||
	    (msg->payload_len > 0 &&
	     ((uint64_t)hdr.offset > pl.size || msg->payload_len > pl.size - hdr.offset))) {
		fprintf(report,
			"%s, line %u: the message does not fit in the 0x%" PRIx64 "-byte buffer\n",
			st->label, st->line, pl.size);
		return false;
	}
	ffa_msg_hdr_write(pl.bytes, &hdr, layout >= FFA_VERSION_1_2);
	if (msg->payload_len > 0)
		memcpy(pl.bytes + hdr.offset, msg->payload, msg->payload_len);
	return true;
}

/* Reports one field that differs. */
static void scn_msg_differs(bool *ok, const struct scn_step *st, FILE *report, const char *field,
			    uint64_t want, uint64_t got)
{
	if (*ok)
		fprintf(report, "%s, line %u\n", st->label, st->line);
	*ok = false;
	fprintf(report, "  %s: expected 0x%" PRIx64 ", found 0x%" PRIx64 "\n", field, want, got);
}

bool scn_exec_msg_check(struct scn_session *s, const struct scn_step *st, FILE *report)
{
	const struct scn_msg *msg = st->u.mem.msg;
	struct scn_place pl;
	struct ffa_msg_hdr hdr;
	bool ok = true;

	if (!scn_place_find(s, st, true, &pl, report))
		return false;
	if (!ffa_msg_hdr_read(pl.bytes, pl.size > UINT32_MAX ? UINT32_MAX : (uint32_t)pl.size,
			      &hdr)) {
		fprintf(report, "%s, line %u: the buffer is shorter than a message header\n",
			st->label, st->line);
		return false;
	}
	if (msg->sender_set && hdr.sender != msg->sender)
		scn_msg_differs(&ok, st, report, "sender", msg->sender, hdr.sender);
	if (msg->receiver_set && hdr.receiver != msg->receiver)
		scn_msg_differs(&ok, st, report, "receiver", msg->receiver, hdr.receiver);
	if (msg->offset_set && hdr.offset != msg->offset)
		scn_msg_differs(&ok, st, report, "offset", msg->offset, hdr.offset);
	if (msg->size_set && hdr.size != msg->size)
		scn_msg_differs(&ok, st, report, "size", msg->size, hdr.size);
	if (msg->uuid_set && !ffa_uuid_equal(hdr.uuid, msg->uuid)) {
		char want[FFA_UUID_TEXT_SIZE], got[FFA_UUID_TEXT_SIZE];

		if (ok)
			fprintf(report, "%s, line %u\n", st->label, st->line);
		ok = false;
		fprintf(report, "  uuid: expected %s, found %s\n",
			ffa_uuid_format(msg->uuid, want, sizeof(want)),
			ffa_uuid_format(hdr.uuid, got, sizeof(got)));
	}
	if (msg->payload != NULL) {
		/* The payload is where the header says and as long as it says. */
		if (hdr.size != msg->payload_len)
			scn_msg_differs(&ok, st, report, "size (of the payload given)",
					msg->payload_len, hdr.size);
		else if ((uint64_t)hdr.offset + hdr.size > pl.size)
			scn_msg_differs(&ok, st, report, "offset + size (past the buffer)", pl.size,
					(uint64_t)hdr.offset + hdr.size);
		else if (memcmp(pl.bytes + hdr.offset, msg->payload, msg->payload_len) != 0) {
			if (ok)
				fprintf(report, "%s, line %u\n", st->label, st->line);
			ok = false;
			fprintf(report, "  payload differs at offset %u\n", hdr.offset);
		}
	}
	return ok;
}
