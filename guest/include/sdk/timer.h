/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The generic timers (Arm ARM D11): the EL1 physical timer (CNTP), the virtual timer (CNTV) and
 * the EL2 physical timer (CNTHP, at EL2 only), and the INTIDs they raise on QEMU's virt (and
 * as Arm BSA recommends). A timer fires when its counter reaches its compare value; its
 * interrupt stays asserted until the timer is stopped, masked or given a later compare value.
 */
#ifndef SDK_TIMER_H
#define SDK_TIMER_H

#include <stdint.h>

enum sdk_timer {
	SDK_TIMER_PHYS, /* CNTP_*_EL0, INTID 30 */
	SDK_TIMER_VIRT, /* CNTV_*_EL0, INTID 27 */
	SDK_TIMER_HYP   /* CNTHP_*_EL2, INTID 26 */
};

#define SDK_TIMER_CTL_ENABLE (1u << 0)
#define SDK_TIMER_CTL_IMASK (1u << 1)
#define SDK_TIMER_CTL_ISTATUS (1u << 2)

/* The INTID (PPI) the timer raises. */
unsigned sdk_timer_intid(enum sdk_timer t);

/* The timer's counter now: CNTPCT_EL0 for the physical timers, CNTVCT_EL0 for CNTV. */
uint64_t sdk_timer_count(enum sdk_timer t);

/* Fires ticks counter ticks from now (TVAL), enabled and unmasked. */
void sdk_timer_arm(enum sdk_timer t, uint32_t ticks);

/* Fires when the counter reaches cval (CVAL), enabled and unmasked. */
void sdk_timer_arm_at(enum sdk_timer t, uint64_t cval);

/* Disables the timer (CTL = 0): its interrupt is no longer asserted. */
void sdk_timer_stop(enum sdk_timer t);

/* CTL (ENABLE, IMASK, ISTATUS), CVAL and TVAL as the timer reads them. */
uint32_t sdk_timer_ctl(enum sdk_timer t);
uint64_t sdk_timer_cval(enum sdk_timer t);
int32_t sdk_timer_tval(enum sdk_timer t);

/* Busy-waits until ticks of the physical counter have passed. */
void sdk_timer_wait(uint64_t ticks);

#endif
