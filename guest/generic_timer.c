/* SPDX-License-Identifier: BSD-3-Clause */
/* The generic timers' registers (Arm ARM D13.8) behind sdk/timer.h. */
#include <sdk/sysreg.h>
#include <sdk/timer.h>

unsigned sdk_timer_intid(enum sdk_timer t)
{
	switch (t) {
	case SDK_TIMER_VIRT:
		return 27;
	case SDK_TIMER_HYP:
		return 26;
	case SDK_TIMER_PHYS:
		break;
	}
	return 30;
}

uint64_t sdk_timer_count(enum sdk_timer t)
{
	return t == SDK_TIMER_VIRT ? sdk_read_cntvct() : sdk_read_cntpct();
}

static void sdk_timer_set_ctl(enum sdk_timer t, uint64_t ctl)
{
	switch (t) {
	case SDK_TIMER_VIRT:
		sdk_write_sysreg(CNTV_CTL_EL0, ctl);
		break;
	case SDK_TIMER_HYP:
		sdk_write_sysreg(CNTHP_CTL_EL2, ctl);
		break;
	case SDK_TIMER_PHYS:
		sdk_write_sysreg(CNTP_CTL_EL0, ctl);
		break;
	}
	sdk_isb();
}

void sdk_timer_arm(enum sdk_timer t, uint32_t ticks)
{
	switch (t) {
	case SDK_TIMER_VIRT:
		sdk_write_sysreg(CNTV_TVAL_EL0, ticks);
		break;
	case SDK_TIMER_HYP:
		sdk_write_sysreg(CNTHP_TVAL_EL2, ticks);
		break;
	case SDK_TIMER_PHYS:
		sdk_write_sysreg(CNTP_TVAL_EL0, ticks);
		break;
	}
	sdk_timer_set_ctl(t, SDK_TIMER_CTL_ENABLE);
}

void sdk_timer_arm_at(enum sdk_timer t, uint64_t cval)
{
	switch (t) {
	case SDK_TIMER_VIRT:
		sdk_write_sysreg(CNTV_CVAL_EL0, cval);
		break;
	case SDK_TIMER_HYP:
		sdk_write_sysreg(CNTHP_CVAL_EL2, cval);
		break;
	case SDK_TIMER_PHYS:
		sdk_write_sysreg(CNTP_CVAL_EL0, cval);
		break;
	}
	sdk_timer_set_ctl(t, SDK_TIMER_CTL_ENABLE);
}

void sdk_timer_stop(enum sdk_timer t)
{
	sdk_timer_set_ctl(t, 0);
}

uint32_t sdk_timer_ctl(enum sdk_timer t)
{
	switch (t) {
	case SDK_TIMER_VIRT:
		return (uint32_t)sdk_read_sysreg(CNTV_CTL_EL0);
	case SDK_TIMER_HYP:
		return (uint32_t)sdk_read_sysreg(CNTHP_CTL_EL2);
	case SDK_TIMER_PHYS:
		break;
	}
	return (uint32_t)sdk_read_sysreg(CNTP_CTL_EL0);
}

uint64_t sdk_timer_cval(enum sdk_timer t)
{
	switch (t) {
	case SDK_TIMER_VIRT:
		return sdk_read_sysreg(CNTV_CVAL_EL0);
	case SDK_TIMER_HYP:
		return sdk_read_sysreg(CNTHP_CVAL_EL2);
	case SDK_TIMER_PHYS:
		break;
	}
	return sdk_read_sysreg(CNTP_CVAL_EL0);
}

int32_t sdk_timer_tval(enum sdk_timer t)
{
	switch (t) {
	case SDK_TIMER_VIRT:
		return (int32_t)sdk_read_sysreg(CNTV_TVAL_EL0);
	case SDK_TIMER_HYP:
		return (int32_t)sdk_read_sysreg(CNTHP_TVAL_EL2);
	case SDK_TIMER_PHYS:
		break;
	}
	return (int32_t)sdk_read_sysreg(CNTP_TVAL_EL0);
}

void sdk_timer_wait(uint64_t ticks)
{
	uint64_t start = sdk_read_cntpct();

	while (sdk_read_cntpct() - start < ticks)
		;
}
