/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Requests served on the CPU they arrive on: discovers sp_vcpu (0x8010, one execution context
 * per CPU) and its context count, checks FFA_RUN's refusals on the boot CPU (another CPU's
 * vCPU, a vCPU past the last: INVALID_PARAMETERS) and FFA_RUN of its own vCPU (the partition
 * waits again: FFA_MSG_WAIT), then powers every other CPU on in turn; each CPU (the boot CPU
 * last) sends a DIRECT_REQ_32 to the partition and prints the vCPU index and MPIDR affinity
 * the answering context reports, and FFA_RUN of the next CPU's vCPU (refused). The partition
 * logs each secondary context's start (tests/guests/sp_vcpu.c) before its CPU's first line.
 */
#include "smp_common.h"

#include <sdk/ffa.h>
#include <sdk/sysreg.h>

#define SP_VCPU 0x8010

static uint8_t tx[4096] __attribute__((aligned(4096)));
static uint8_t rx[4096] __attribute__((aligned(4096)));
static volatile uint32_t done[SDK_MAX_CPUS];
static struct sdk_cpu_start starts[SDK_MAX_CPUS];
static unsigned cpu_count;

static void print_result(const char *what, const struct sdk_smccc_regs *r)
{
	char buf[64];

	sdk_printf("%s -> %s\n", what, sdk_ffa_result_text(r, buf, sizeof(buf)));
}

/* One CPU's request to the partition, and FFA_RUN of the next CPU's vCPU. */
static void request(unsigned i)
{
	uint32_t w[SDK_FFA_DIRECT_PAYLOAD] = {0xc0 + i, 0, 0, 0, 0};
	struct sdk_smccc_regs r;

	sdk_printf("cpu %u: cntpct %llu\n", i, (unsigned long long)sdk_read_cntpct());
	r = sdk_ffa_direct_req_32(0, SP_VCPU, w);
	sdk_printf("cpu %u: resp %s vcpu %lu mpidr %lx echo %lx served %lu\n", i,
		   (uint32_t)r.x[0] == FFA_MSG_SEND_DIRECT_RESP_32 ? "ok" : "other", r.x[3], r.x[4],
		   r.x[5], r.x[6]);
	r = sdk_ffa_run(SP_VCPU, (uint16_t)((i + 1) % cpu_count));
	print_result("  run of the next cpu's vcpu", &r);
}

static void secondary(void *arg)
{
	unsigned i = sdk_cpu_index();

	(void)arg;
	request(i);
	smp_set_flag(&done[i]);
}

int main(uint64_t dtb)
{
	struct sdk_smccc_regs r;
	struct smp_cpus cpus;

	smp_read_cpus((const void *)dtb, &cpus);
	cpu_count = cpus.count;
	r = sdk_ffa_version(0x10002);
	sdk_printf("cpus %u, version %lx\n", cpus.count, r.x[0]);
	sdk_ffa_rxtx_map_64((uint64_t)(uintptr_t)tx, (uint64_t)(uintptr_t)rx, 1);
	r = sdk_ffa_partition_info_get(NULL, 0);
	for (unsigned i = 0; i < r.x[2]; i++) {
		struct sdk_ffa_partition_info info;

		if (sdk_ffa_partition_info_read(rx, sizeof(rx), (uint32_t)r.x[3], i, &info))
			sdk_printf("partition %x: %u contexts\n", info.id, info.exec_ctx_count);
	}
	sdk_ffa_rx_release();
	r = sdk_ffa_run(SP_VCPU, 1);
	print_result("run vcpu 1 from cpu 0", &r);
	r = sdk_ffa_run(SP_VCPU, (uint16_t)cpus.count);
	print_result("run of a vcpu past the last", &r);
	r = sdk_ffa_run(SP_VCPU, 0);
	print_result("run vcpu 0 from cpu 0", &r);
	for (unsigned k = 1; k < cpus.count; k++) {
		unsigned i = sdk_cpu_index_of(cpus.mpidr[k]);

		starts[i] = (struct sdk_cpu_start){.fn = secondary, .arg = 0};
		sdk_printf("cpu_on %u: %d\n", i, sdk_cpu_start(cpus.mpidr[k], &starts[i]));
		smp_wait_flag(&done[i]);
	}
	request(0);
	sdk_psci_system_off();
	return 1;
}
