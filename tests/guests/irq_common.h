/* SPDX-License-Identifier: BSD-3-Clause */
/* What the timer-interrupt guests share: finding the GIC, routing IRQs to EL2. */
#ifndef IRQ_COMMON_H
#define IRQ_COMMON_H

#include <stdbool.h>
#include <stdint.h>

#include <sdk/sdk.h>

/*
 * The GIC the device tree at dtb describes (v3, else v2), its distributor and redistributor or
 * CPU interface; QEMU passes no tree to an ELF, whose tree is then at RAM's base. False when
 * there is none.
 */
bool irq_find_gic(uint64_t dtb, struct sdk_gic *g);

/* At EL2, routes physical IRQs and FIQs to EL2 (HCR_EL2.IMO / FMO, AArch64 EL1); at EL1
 * nothing. */
void irq_route_to_el2(void);

#endif
