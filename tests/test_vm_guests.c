/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A guest as a VM behind the forwarding hypervisor (tests/guests/vm_e2e.c with
 * systems/indirect.yaml): indirect messages both ways with the VM's ID, its notifications
 * through FFA_NOTIFICATION_INFO_GET, and the hypervisor's refusals of what a VM may not do; a
 * VM ID other than 1; the same guest behind pKVM, which gets pKVM's answers.
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

static void run_vm(struct run_result *r, const char *hypervisor, const char *set)
{
	if (set != NULL)
		run_cli(r, "run", "-q", "--hypervisor", hypervisor, "--hyp-set", set,
			source_path("systems/indirect.yaml"), guest_path("vm_e2e.elf"), NULL);
	else
		run_cli(r, "run", "-q", "--hypervisor", hypervisor,
			source_path("systems/indirect.yaml"), guest_path("vm_e2e.elf"), NULL);
}

/* Every step as VM 1 sees it behind the forwarding hypervisor, over Hafnium. */
Test(vm_guests, forwarding)
{
	struct run_result r;

	run_vm(&r, "forwarding", NULL);
	cr_assert_eq(r.status, 0, "%s\n%s", r.console, r.notes);
	expect_line(&r, "id 1");
	/* Before its buffers: no message, no discovery; one page each, once. */
	expect_line(&r, "send no buffers -> ERROR DENIED");
	expect_line(&r, "partinfo no buffers -> ERROR BUSY");
	expect_line(&r, "rxtx_map 2 pages -> ERROR INVALID_PARAMETERS");
	expect_line(&r, "rxtx_map -> OK");
	expect_line(&r, "rxtx_map again -> ERROR DENIED");
	expect_line(&r, "features bitmap_create -> ERROR NOT_SUPPORTED");
	expect_line(&r, "features msg_send2 -> OK");
	expect_line(&r, "features rx_acquire -> ERROR NOT_SUPPORTED");
	expect_line(&r, "partinfo -> OK count 3");
	/* The VM owns its RX buffer until it releases it (without naming an ID). */
	expect_line(&r, "partinfo while owned -> ERROR BUSY");
	expect_line(&r, "release naming self -> ERROR INVALID_PARAMETERS");
	expect_line(&r, "partinfo release -> OK");
	/* VM 1 to a partition and back. */
	expect_line(&r, "send a -> OK");
	expect_line(&r, "ask a answer -> status OK size 13 sender 1");
	expect_line(&r, "rx from 8001 to 1 offset 40 size 13: hello from vm");
	expect_line(&r, "release pending -> ERROR DENIED");
	expect_line(&r, "a get -> sp 0 fwk 1");
	expect_line(&r, "a release -> OK");
	/* Notifications as VM 1. */
	expect_line(&r, "bind model -> OK");
	expect_line(&r, "send model -> OK");
	expect_line(&r, "ask model -> status OK size 9 sender 1");
	expect_line(&r, "info -> 1: 1");
	expect_line(&r, "rx model from 8003 to 1 offset 40 size 9: notify me");
	expect_line(&r, "model get -> sp 2 fwk 1");
	expect_line(&r, "model release -> OK");
	expect_line(&r, "info -> ERROR NO_DATA");
	expect_line(&r, "unbind model -> OK");
	/* What a VM may not do. */
	expect_line(&r, "send as other -> ERROR INVALID_PARAMETERS");
	expect_line(&r, "send for other -> ERROR INVALID_PARAMETERS");
	expect_line(&r, "send to self -> ERROR INVALID_PARAMETERS");
	expect_line(&r, "rx_acquire -> ERROR NOT_SUPPORTED");
	expect_line(&r, "bitmap_create -> ERROR NOT_SUPPORTED");
	expect_line(&r, "bind other -> ERROR INVALID_PARAMETERS");
	expect_line(&r, "ask as other -> ERROR INVALID_PARAMETERS");
	expect_line(&r, "send flags -> ERROR INVALID_PARAMETERS");
	expect_line(&r, "set from other -> ERROR INVALID_PARAMETERS");
	expect_line(&r, "get other -> ERROR INVALID_PARAMETERS");
	expect_line(&r, "unmap naming self -> ERROR INVALID_PARAMETERS");
	expect_line(&r, "unmap -> OK");
	expect_line(&r, "unmap again -> ERROR INVALID_PARAMETERS");
	cr_expect_null(strstr(r.notes, "conformance"), "%s", r.notes);
	run_result_free(&r);
}

/* The VM's ID is the hypervisor's to choose: --hyp-set vm-id=5. */
Test(vm_guests, other_vm_id)
{
	struct run_result r;

	run_vm(&r, "forwarding", "vm-id=5");
	cr_assert_eq(r.status, 0, "%s\n%s", r.console, r.notes);
	expect_line(&r, "id 5");
	expect_line(&r, "ask a answer -> status OK size 13 sender 5");
	expect_line(&r, "rx from 8001 to 5 offset 40 size 13: hello from vm");
	expect_line(&r, "info -> 1: 5");
	run_result_free(&r);
}

/* Behind pKVM (Linux 6.12's proxy) the guest is the host, ID 0: its message never reaches the
 * SPMC (MSG_SEND2 passes through and the SPMC reads the proxy's TX buffer), and every
 * notification call is on the deny-list (NOT_SUPPORTED). */
Test(vm_guests, pkvm)
{
	struct run_result r;

	run_vm(&r, "pkvm", NULL);
	cr_assert_eq(r.status, 0, "%s\n%s", r.console, r.notes);
	expect_line(&r, "id 0");
	expect_line(&r, "send a -> ERROR INVALID_PARAMETERS");
	expect_line(&r, "ask a answer -> status NO_DATA size 0 sender 0");
	expect_line(&r, "bind model -> ERROR NOT_SUPPORTED");
	expect_line(&r, "info -> ERROR NOT_SUPPORTED");
	expect_line(&r, "bitmap_create -> ERROR NOT_SUPPORTED");
	run_result_free(&r);
}

/* Under TF-A's EL3 SPMC, which knows endpoint 0 only, the forwarded buffers are refused and the
 * VM's map fails with the SPMC's answer; the VM's bitmap was refused at its start (a note). */
Test(vm_guests, tf_a_knows_no_vms)
{
	struct run_result r;

	run_cli(&r, "run", "-q", "--spmc", "tf-a", "--hypervisor", "forwarding",
		source_path("systems/indirect.yaml"), guest_path("vm_e2e.elf"), NULL);
	cr_assert_eq(r.status, 0, "%s\n%s", r.console, r.notes);
	expect_line(&r, "rxtx_map -> ERROR INVALID_PARAMETERS");
	cr_expect_not_null(strstr(r.notes, "FFA_NOTIFICATION_BITMAP_CREATE for VM 1 was refused"),
			   "%s", r.notes);
	run_result_free(&r);
}
