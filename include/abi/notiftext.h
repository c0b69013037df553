/* SPDX-License-Identifier: BSD-3-Clause */
/* The notification calls in words, for the call log (`ffa-sim run --trace`). */
#ifndef ABI_NOTIFTEXT_H
#define ABI_NOTIFTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "abi/regs.h"

/*
 * Describes what a notification call carries and what its answer holds (FF-A v1.2 (DEN0077A)
 * §13.12-13.19): the sender, receiver and notification IDs of BIND, UNBIND and SET; GET's three
 * bitmaps; INFO_GET's list of receivers. Writes "" for other calls and for error answers.
 * answer may be NULL (no answer). Returns out.
 */
const char *ffa_notif_describe(const struct ffa_value *call, const struct ffa_value *answer,
			       char *out, size_t size);

#endif
