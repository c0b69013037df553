/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Normal-world client of the looping partition (partitions/sp/sp_loop.c, 0x8005): asks it for
 * a long computation and resumes it with FFA_RUN each time FFA_INTERRUPT says it was
 * preempted, until its response comes back as an FFA_RUN's answer. While it is preempted it
 * checks FFA_RUN's and the direct request's errors. Prints one line per result.
 */
#include <sdk/sdk.h>
#include <sdk/ffa.h>

#define LOOP 0x8005

static void show_error(const char *what, const struct sdk_smccc_regs *r)
{
	char buf[64];

	sdk_printf("%s -> %s\n", what, sdk_ffa_result_text(r, buf, sizeof(buf)));
}

int main(void)
{
	struct sdk_smccc_regs r;
	unsigned interrupts = 0;
	uint64_t w1 = 0;

	sdk_ffa_version(0x10002);
	r = sdk_ffa_direct_req_64(0, LOOP, (const uint64_t[]){20000, 0, 0, 0, 0});
	while ((uint32_t)r.x[0] == FFA_INTERRUPT_32) {
		if (interrupts++ == 0) {
			w1 = r.x[1];
			sdk_printf("interrupt w1=%lx\n", w1);
			/* Preempted: busy for requests, FFA_RUN of a vCPU it lacks refused. */
			r = sdk_ffa_direct_req_64(0, LOOP, NULL);
			show_error("request while preempted", &r);
			r = sdk_ffa_run(LOOP, 1);
			show_error("run vcpu 1", &r);
			r = sdk_ffa_run(0x8009, 0);
			show_error("run unknown", &r);
		}
		r = sdk_ffa_run((uint16_t)(w1 >> 16), (uint16_t)w1);
	}
	sdk_printf("loop 20000 -> %lx x3=%lu x4=%lx x5=%lu after %u interrupts\n", r.x[0], r.x[3],
		   r.x[4], r.x[5], interrupts);
	/* Resumed to completion: it waits again, so FFA_RUN gives it cycles it hands back. */
	r = sdk_ffa_run(LOOP, 0);
	show_error("run waiting", &r);
	return 0;
}
