/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Indirect messages in words, for traces: a one-line summary of the partition message at the
 * start of a buffer (FF-A v1.2 (DEN0077A) §7.2, read with abi/msghdr.h).
 */
#ifndef ABI_MSGTEXT_H
#define ABI_MSGTEXT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Summarises the message in buf (len bytes: the header and as much of the payload as there is)
 * into out: "from 0x0000 to 0x8001 offset 40 size 7 uuid 00000000-...: 68 65 6c 6c 6f 20 61"
 * (up to 16 payload bytes, "..." after them when there are more; the UUID only when the payload
 * starts after it). "not a message (N bytes)" when len is shorter than a header. Returns out.
 */
const char *ffa_msg_describe(const uint8_t *buf, uint32_t len, char *out, size_t size);

#endif
