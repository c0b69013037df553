/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Indirect messaging through whole guests: a normal-world guest (tests/guests/send2_e2e.c)
 * exchanging FFA_MSG_SEND2 messages with the example indirect partitions
 * (partitions/sp/sp_indirect.c) and the built-in indirect model of systems/indirect.yaml, both
 * ways and between partitions, with the SPMC's refusals and FFA_RX_ACQUIRE.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "helpers.h"

static void expect_line(const struct run_result *r, const char *line)
{
	char want[200];

	snprintf(want, sizeof(want), "[host] %s\n", line);
	cr_expect_not_null(strstr(r->console, want), "console lacks \"%s\":\n%s\nnotes:\n%s", line,
			   r->console, r->notes);
}

static void run_indirect(struct run_result *r, const char *hypervisor)
{
	if (hypervisor != NULL)
		run_cli(r, "run", "-q", "--hypervisor", hypervisor,
			source_path("systems/indirect.yaml"), guest_path("send2_e2e.elf"), NULL);
	else
		run_cli(r, "run", "-q", source_path("systems/indirect.yaml"),
			guest_path("send2_e2e.elf"), NULL);
}

/* Every step as the guest sees it under Hafnium. */
Test(send2_guests, exchange)
{
	struct run_result r;

	run_indirect(&r, NULL);
	cr_assert_eq(r.status, 0, "%s\n%s", r.console, r.notes);
	cr_expect_not_null(strstr(r.console, "[indirect-a] indirect: ready\n"), "%s", r.console);
	expect_line(&r, "rxtx_map -> OK");
	expect_line(&r, "features msg_send2 -> OK");
	expect_line(&r, "features rx_acquire -> OK");
	/* Normal world to partition and back, answered on a direct request. */
	expect_line(&r, "send a -> OK");
	expect_line(&r, "send a again -> ERROR BUSY");
	expect_line(&r, "ask a answer -> status OK size 7 sender 0 head 6c6c6568");
	expect_line(&r, "rx from 8001 to 0 offset 40 size 7: hello a");
	/* The message came with the RX-buffer-full notification: released once it is taken. */
	expect_line(&r, "release pending -> ERROR DENIED");
	expect_line(&r, "release fwk -> 1");
	expect_line(&r, "release -> OK");
	expect_line(&r, "release again fwk -> 0");
	expect_line(&r, "release again -> ERROR DENIED");
	/* Given cycles by FFA_RUN: its FFA_MSG_WAIT returns to the guest. */
	expect_line(&r, "send a run -> OK");
	expect_line(&r, "run a -> 8400006b");
	expect_line(&r, "rx run from 8001 to 0 offset 40 size 6: run me");
	expect_line(&r, "send a busy -> OK");
	expect_line(&r, "ask a answer busy -> status BUSY size 11 sender 0 head 206f6877");
	expect_line(&r, "release run fwk -> 1");
	expect_line(&r, "release run -> OK");
	/* Partition to partition. */
	expect_line(&r, "ask a send b -> status OK size 0 sender 0 head 0");
	expect_line(&r, "ask b read -> status OK size 16 sender 8001 head 676e6970");
	expect_line(&r, "ask b read again -> status NO_DATA size 0 sender 0 head 0");
	/* The built-in model. */
	expect_line(&r, "send model -> OK");
	expect_line(&r, "ask model -> status OK size 11 sender 0 head 0");
	expect_line(&r, "rx model from 8003 to 0 offset 40 size 11: model hello");
	expect_line(&r, "release model fwk -> 1");
	expect_line(&r, "release model -> OK");
	/* Refusals, in Hafnium's order and codes. */
	expect_line(&r, "send wrong sender -> ERROR INVALID_PARAMETERS");
	expect_line(&r, "send nobody -> ERROR INVALID_PARAMETERS");
	expect_line(&r, "send flags -> ERROR INVALID_PARAMETERS");
	expect_line(&r, "send inside header -> ERROR INVALID_PARAMETERS");
	expect_line(&r, "send for vm 1 -> ERROR DENIED");
	/* The hypervisor's acquire of the guest's buffer. */
	expect_line(&r, "rx_acquire -> OK");
	expect_line(&r, "rx_acquire again -> ERROR DENIED");
	expect_line(&r, "send a acquired -> OK");
	expect_line(&r, "ask a answer acquired -> status BUSY size 11 sender 0 head 61206f74");
	expect_line(&r, "release acquired fwk -> 0");
	expect_line(&r, "release acquired -> OK");
	run_result_free(&r);
}

/* Under TF-A's EL3 SPMC neither call exists: NOT_SUPPORTED, in FFA_FEATURES too. */
Test(send2_guests, tf_a_not_supported)
{
	struct run_result r;

	run_cli(&r, "run", "-q", "--spmc", "tf-a", source_path("systems/indirect.yaml"),
		guest_path("send2_e2e.elf"), NULL);
	cr_assert_eq(r.status, 0, "%s\n%s", r.console, r.notes);
	expect_line(&r, "features msg_send2 -> ERROR NOT_SUPPORTED");
	expect_line(&r, "features rx_acquire -> ERROR NOT_SUPPORTED");
	expect_line(&r, "send a -> ERROR NOT_SUPPORTED");
	expect_line(&r, "rx_acquire -> ERROR NOT_SUPPORTED");
	run_result_free(&r);
}

/* --trace decodes the message of each FFA_MSG_SEND2 the guest makes: its header and first
 * payload bytes, from its TX buffer. */
Test(send2_guests, trace_decodes_header)
{
	struct run_result r;

	run_cli(&r, "run", "-q", "--trace", "-", source_path("systems/indirect.yaml"),
		guest_path("send2_e2e.elf"), NULL);
	cr_assert_eq(r.status, 0, "%s\n%s", r.console, r.notes);
	cr_expect_not_null(strstr(r.notes, "FFA_MSG_SEND2 x1=0x0 x2=0x0 x3="), "%s", r.notes);
	cr_expect_not_null(strstr(r.notes,
				  "    tx: message from 0x0000 to 0x8001 offset 40 size 7 uuid "
				  "00000000-0000-0000-0000-000000000000: 68 65 6c 6c 6f 20 61\n"),
			   "%s", r.notes);
	run_result_free(&r);
}

/* Behind the pKVM proxy (Linux 6.12) both calls pass through to the SPMC, which acts on endpoint
 * 0's buffers: the proxy's. The host's message never reaches the SPMC: it reads the proxy's TX
 * buffer, where nothing was written (sender and receiver 0: INVALID_PARAMETERS). */
Test(send2_guests, pkvm_passes_through)
{
	struct run_result r;

	run_indirect(&r, "pkvm");
	cr_assert_eq(r.status, 0, "%s\n%s", r.console, r.notes);
	expect_line(&r, "features msg_send2 -> OK");
	expect_line(&r, "features rx_acquire -> OK");
	expect_line(&r, "send a -> ERROR INVALID_PARAMETERS");
	expect_line(&r, "ask a answer -> status NO_DATA size 0 sender 0 head 0");
	run_result_free(&r);
}
