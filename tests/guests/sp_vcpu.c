/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A partition with one execution context per CPU (execution-ctx-count 4 in
 * tests/data/partitions/sp_vcpu.yaml): its primary context registers sp_vcpu_entry with
 * FFA_SECONDARY_EP_REGISTER_64 while it initialises; each secondary context logs the
 * registers it started with, its MPIDR and its counter, then waits. Every context answers a
 * DIRECT_REQ_32 with DIRECT_RESP_32 of w3 = its vCPU index, w4 = the MPIDR's affinity it
 * reads, w5 = the request's w3, w6 = the requests this context served, w7 = 0; an FFA_RUN
 * (its FFA_MSG_WAIT returning FFA_RUN) is answered with FFA_MSG_WAIT.
 */
#include <sdk/sdk.h>
#include <sdk/ffa.h>
#include <sdk/printf.h>
#include <sdk/sysreg.h>

void sp_vcpu_entry(void);
void sp_vcpu_secondary(uint64_t x0, uint64_t x4);

static uint16_t self;
static uint32_t served[8];

static __attribute__((noreturn)) void serve(unsigned vcpu)
{
	struct sdk_smccc_regs r = sdk_ffa_msg_wait(0);

	for (;;) {
		if ((uint32_t)r.x[0] == FFA_MSG_SEND_DIRECT_REQ_32) {
			uint32_t w[SDK_FFA_DIRECT_PAYLOAD] = {
				vcpu, (uint32_t)(sdk_read_mpidr() & 0xffffff), (uint32_t)r.x[3],
				++served[vcpu & 7], 0};

			r = sdk_ffa_direct_resp_32(self, (uint16_t)(r.x[1] >> 16), w);
		} else {
			r = sdk_ffa_msg_wait(0);
		}
	}
}

void sp_vcpu_secondary(uint64_t x0, uint64_t x4)
{
	char line[96];

	sdk_snprintf(line, sizeof(line), "vcpu %u: up, x0 %llx, mpidr %llx, cntpct %llu\n",
		     (unsigned)x4, (unsigned long long)x0,
		     (unsigned long long)(sdk_read_mpidr() & 0xffffff),
		     (unsigned long long)sdk_read_cntpct());
	sdk_ffa_console_puts(line);
	serve((unsigned)x4);
}

int main(void)
{
	struct sdk_smccc_regs r;
	char line[96];

	sdk_ffa_version(0x10002);
	r = sdk_ffa_id_get();
	self = (uint16_t)r.x[2];
	r = (struct sdk_smccc_regs){
		.x = {FFA_SECONDARY_EP_REGISTER_64, (uint64_t)(uintptr_t)sp_vcpu_entry}};
	sdk_smc12(&r);
	sdk_snprintf(line, sizeof(line), "vcpu 0: up, secondary entry registered: %llx\n",
		     (unsigned long long)r.x[0]);
	sdk_ffa_console_puts(line);
	serve(0);
}
