/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the normal-world notification guests share (notif_client.c, notif_npi.c): counting the
 * schedule receiver interrupts the SPMC sends, and printing a call's result and
 * FFA_NOTIFICATION_INFO_GET's list, one line each.
 */
#ifndef NOTIF_COMMON_H
#define NOTIF_COMMON_H

#include <sdk/gic.h>
#include <sdk/smccc.h>

struct notif_sri {
	struct sdk_gic gic;
	unsigned intid; /* the SRI, from FFA_FEATURES */
	unsigned taken;
};

/* Asks FFA_FEATURES for the SRI's ID, installs the vectors and an IRQ handler that counts it,
 * sets up the GIC (v2) and unmasks IRQs. Returns the SRI's ID. */
unsigned notif_sri_init(struct notif_sri *s);

/* "WHAT -> RESULT" (sdk_ffa_result_text). */
void notif_show(const char *what, const struct sdk_smccc_regs *r);

/* FFA_NOTIFICATION_INFO_GET_64: "info_get -> lists N more M: ID..." or its error. */
void notif_show_info(void);

#endif
