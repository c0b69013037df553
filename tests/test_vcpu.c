/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Execution contexts per CPU end to end: the normal-world guest tests/guests/vcpu_req.c on four
 * CPUs powers each CPU on and has it send a request to the partition binary
 * tests/guests/sp_vcpu.c (one context per CPU), which answers with the context's vCPU index and
 * the MPIDR it reads; the secondary contexts start, each on its CPU, from the entry point the
 * partition registered, before the CPU's first instruction. Runs twice must print the same, to
 * the counter value. The manifest's context count must be 1 or cover every CPU.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "abi/uuid.h"
#include "helpers.h"
#include "partitions/manifest.h"
#include "sim/sim.h"

#define SP_VCPU_UUID "5c0e1f2a-3b4c-4d5e-9f60-7182a3b4c5d6"

/* The sp_vcpu partition's manifest with count contexts. */
static void vcpu_manifest(struct part_manifest *m, uint16_t count)
{
	memset(m, 0, sizeof(*m));
	snprintf(m->file, sizeof(m->file), "test:sp_vcpu");
	snprintf(m->name, sizeof(m->name), "vcpu");
	m->id = 0x8010;
	m->ffa_version = 0x10002;
	m->exec_ctx_count = count;
	m->exception_level = PART_S_EL1;
	m->load_address = 0x0eb00000;
	m->memory_size = 0x100000;
	m->messaging = FFA_PROP_DIRECT_REQ_RECV | FFA_PROP_DIRECT_REQ_SEND;
	snprintf(m->image, sizeof(m->image), "%s", guest_path("sp_vcpu.elf"));
	cr_assert_eq(ffa_uuid_parse(SP_VCPU_UUID, m->services[0].uuid), FFA_UUID_OK);
	m->services[0].messaging = m->messaging;
	m->service_count = 1;
}

/*
 * What the run prints: the primary context registers its secondary entry (FFA_SUCCESS_32);
 * FFA_RUN of another CPU's vCPU or a vCPU past the last is refused; context k starts on CPU k,
 * from the registered entry with x0 = 0 and x4 = k, reading CPU k's MPIDR, 145 to 146 counter
 * ticks (its boot, on CPU k's clock) before CPU k's first line; each CPU's request is answered
 * by its own context (vCPU index, MPIDR, one request served each).
 */
#define VCPU_CPU(k, up, first)                                                                     \
	"[host] cpu_on " #k ": 0\n"                                                                \
	"[vcpu] vcpu " #k ": up, x0 0, mpidr " #k ", cntpct " up "\n"                              \
	"[host" #k "] cpu " #k ": cntpct " first "\n"                                              \
	"[host" #k "] cpu " #k ": resp ok vcpu " #k " mpidr " #k " echo c" #k " served 1\n"        \
	"[host" #k "]   run of the next cpu's vcpu -> ERROR INVALID_PARAMETERS\n"
#define VCPU_CONSOLE                                                                               \
	"[vcpu] vcpu 0: up, secondary entry registered: 84000061\n"                                \
	"[host] cpus 4, version 10002\n"                                                           \
	"[host] partition 8010: 4 contexts\n"                                                      \
	"[host] run vcpu 1 from cpu 0 -> ERROR INVALID_PARAMETERS\n"                               \
	"[host] run of a vcpu past the last -> ERROR INVALID_PARAMETERS\n"                         \
	"[host] run vcpu 0 from cpu 0 -> FFA_MSG_WAIT_32\n" VCPU_CPU(1, "3268", "3413")            \
		VCPU_CPU(2, "3895", "4041")                                                        \
			VCPU_CPU(3, "4523",                                                        \
				 "4669") "[host] cpu 0: cntpct 5149\n"                             \
					 "[host] cpu 0: resp ok vcpu 0 mpidr 0 echo c0 served 1\n" \
					 "[host]   run of the next cpu's vcpu -> ERROR "           \
					 "INVALID_PARAMETERS\n"

static void run_vcpu(unsigned cpus, struct run_result *r)
{
	static struct part_manifest m;
	struct sim_config cfg = {0};

	vcpu_manifest(&m, (uint16_t)cpus);
	cfg.cpus = cpus;
	cfg.partitions = &m;
	cfg.partition_count = 1;
	run_guest("vcpu_req.elf", &cfg, r);
}

/* Four CPUs, each served by its own context; contexts 1-3 start on their CPUs, in order. */
Test(vcpu, requests_on_their_cpu)
{
	struct run_result r, again;

	run_vcpu(4, &r);
	run_vcpu(4, &again);
	cr_assert_eq(r.status, 0, "%s\n%s", r.console, r.notes);
	cr_expect_str_eq(r.console, again.console, "two runs differ");
	cr_expect_str_eq(r.console, VCPU_CONSOLE, "%s", r.notes);
	run_result_free(&again);
	run_result_free(&r);
}

/* A context count above 1 but below the number of CPUs is an input error naming the key's line
 * and column (exit status 2). */
Test(vcpu, context_count_must_match_cpus)
{
	char text[1024], path[64];
	const char *sys;
	FILE *f;
	struct run_result r;

	snprintf(text, sizeof(text),
		 "platform: virt\n"
		 "partitions:\n"
		 "  - name: vcpu\n"
		 "    id: 0x8010\n"
		 "    ffa-version: 1.2\n"
		 "    uuid: " SP_VCPU_UUID "\n"
		 "    messaging-method: [direct-req-recv]\n"
		 "    execution-ctx-count: 3\n"
		 "    load-address: 0x0eb00000\n"
		 "    image: %s\n",
		 guest_path("sp_vcpu.elf"));
	snprintf(path, sizeof(path), "/tmp/ffa-sim-test-vcpu-%d.yaml", (int)getpid());
	f = fopen(path, "w");
	cr_assert_not_null(f);
	cr_assert_eq(fwrite(text, 1, strlen(text), f), strlen(text));
	fclose(f);
	sys = path;
	run_cli(&r, "run", "--cpus", "4", sys, guest_path("hello.elf"), NULL);
	cr_assert_eq(r.status, 2, "%s", r.notes);
	cr_expect_not_null(strstr(r.notes, ":8:26: execution-ctx-count: vcpu has 3 execution "
					   "contexts, but the run has 4 CPUs"),
			   "%s", r.notes);
	run_result_free(&r);
	/* A context for each CPU is fine, and so are more than the CPUs (Hafnium's count is
	 * its build's CPUs). */
	run_cli(&r, "run", "--cpus", "3", sys, guest_path("hello.elf"), NULL);
	cr_expect_eq(r.status, 0, "%s", r.notes);
	run_result_free(&r);
	run_cli(&r, "run", "--cpus", "2", sys, guest_path("hello.elf"), NULL);
	cr_expect_eq(r.status, 0, "%s", r.notes);
	run_result_free(&r);
	remove(path);
}
