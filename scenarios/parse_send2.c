/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The indirect-message form of write and check steps (docs/scenarios.md, "Indirect messages"):
 * a partition message (FF-A v1.2 (DEN0077A) §7.2) written into a TX buffer or checked in an RX
 * buffer field by field, through the header code the SPMC uses (include/abi/msghdr.h).
 */
#include <stdlib.h>
#include <string.h>

#include "abi/ffa.h"
#include "abi/msghdr.h"
#include "abi/uuid.h"
#include "internal.h"

static const char *const scn_msg_keys[] = {"sender", "receiver", "offset", "size",
					   "uuid",   "payload",  "layout"};

/* The payload: a string, or a list of bytes. */
static bool scn_read_payload(struct scn_parse *p, const struct cfg_node *n, struct scn_msg *msg)
{
	const char *s = cfg_scalar(n);
	struct cfg_node item;
	uint64_t v;

	if (s != NULL) {
		msg->payload_len = n->node->data.scalar.length;
		msg->payload = malloc(msg->payload_len + 1);
		if (msg->payload == NULL)
			return cfg_error(n, p->err, "out of memory");
		memcpy(msg->payload, s, msg->payload_len);
		return true;
	}
	if (!cfg_expect_seq(n, p->err))
		return false;
	msg->payload_len = cfg_seq_count(n);
	if (msg->payload_len > SCN_DATA_MAX)
		return cfg_error(n, p->err, "at most %u bytes", SCN_DATA_MAX);
	msg->payload = calloc(msg->payload_len + 1, 1);
	if (msg->payload == NULL)
		return cfg_error(n, p->err, "out of memory");
	for (size_t i = 0; i < msg->payload_len; i++) {
		cfg_seq_item(n, i, &item);
		if (!cfg_read_u64_max(&item, 0xff, &v, p->err))
			return false;
		msg->payload[i] = (uint8_t)v;
	}
	return true;
}

static bool scn_read_u32_field(struct scn_parse *p, const struct cfg_node *n, const char *key,
			       uint32_t *out, bool *set)
{
	struct cfg_node v;
	uint64_t x;

	if (!cfg_map_get(n, key, &v))
		return true;
	if (!cfg_read_u64_max(&v, UINT32_MAX, &x, p->err))
		return false;
	*out = (uint32_t)x;
	*set = true;
	return true;
}

bool scn_read_msg(struct scn_parse *p, const struct cfg_node *n, bool check, struct scn_memory *m)
{
	struct scn_msg *msg;
	struct cfg_node v;
	bool host;

	if (!cfg_expect_map(n, p->err) ||
	    !cfg_map_check_keys(n, scn_msg_keys, SCN_COUNT(scn_msg_keys), p->err))
		return false;
	msg = calloc(1, sizeof(*msg));
	if (msg == NULL)
		return cfg_error(n, p->err, "out of memory");
	m->msg = msg;
	if (cfg_map_get(n, "sender", &v)) {
		if (!scn_read_endpoint(p, &v, &host, &msg->sender))
			return false;
		msg->sender_set = true;
	}
	if (cfg_map_get(n, "receiver", &v)) {
		if (!scn_read_endpoint(p, &v, &host, &msg->receiver))
			return false;
		msg->receiver_set = true;
	}
	/* A message written names both ends (the SPMC checks them, so a test can get them
	 * wrong on purpose, but not leave them out). */
	if (!check && (!msg->sender_set || !msg->receiver_set))
		return cfg_error(n, p->err, "a message written names its sender and receiver");
	if (!scn_read_u32_field(p, n, "offset", &msg->offset, &msg->offset_set) ||
	    !scn_read_u32_field(p, n, "size", &msg->size, &msg->size_set))
		return false;
	if (cfg_map_get(n, "uuid", &v)) {
		const char *s = cfg_scalar(&v);
		enum ffa_uuid_err e =
			s != NULL ? ffa_uuid_parse(s, msg->uuid) : FFA_UUID_ERR_LENGTH;

		if (e != FFA_UUID_OK)
			return cfg_error(&v, p->err, "uuid: %s", ffa_uuid_strerror(e));
		msg->uuid_set = true;
	}
	if (cfg_map_get(n, "payload", &v) && !scn_read_payload(p, &v, msg))
		return false;
	if (cfg_map_get(n, "layout", &v)) {
		const char *s = cfg_scalar(&v);

		if (s == NULL || !ffa_version_parse(s, &msg->layout) ||
		    msg->layout < FFA_VERSION_1_1 || msg->layout > FFA_VERSION_1_3)
			return cfg_error(&v, p->err,
					 "expected a message header layout: 1.1 to 1.3");
	}
	if (msg->uuid_set && msg->layout == FFA_VERSION_1_1)
		return cfg_error(n, p->err, "a v1.1 message header has no UUID");
	return true;
}
