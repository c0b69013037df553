/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * CPU-switch benchmark guest: the boot CPU powers CPU 1 on (MPIDR 1, virt's numbering) and both
 * compute bench_iterations rounds of register arithmetic, no load or store inside the loop; CPU 1
 * then sets a flag and powers off, the boot CPU waits for it and powers the machine off. Run
 * with two CPUs, the scheduler switches between them every quantum: the benchmark compares a
 * short quantum with a long one (bench/switch.c).
 */
#include <stdint.h>

#include <sdk/sdk.h>

volatile uint64_t bench_iterations = 1000000;
volatile uint64_t bench_result;
static volatile uint32_t done;
static struct sdk_cpu_start start;

static uint64_t work(uint64_t n)
{
	uint64_t x = 0x9e3779b97f4a7c15ull;

	for (uint64_t i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
	}
	return x;
}

static void second(void *arg)
{
	(void)arg;
	bench_result = work(bench_iterations);
	done = 1;
}

int main(void)
{
	uint64_t x;

	start = (struct sdk_cpu_start){.fn = second};
	if (sdk_cpu_start(1, &start) != 0)
		return 1;
	x = work(bench_iterations);
	while (done == 0)
		;
	bench_result ^= x;
	sdk_psci_system_off();
	return 1;
}
