/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Notifications through whole guests with a partition binary: the normal-world guest
 * tests/guests/notif_npi.c and the example notification partition (partitions/sp/sp_notif.c) of
 * systems/notifications-sp.yaml: the notification pending interrupt pended for the partition
 * when it runs, its FFA_NOTIFICATION_GET, the partition's notifications for the normal world
 * (schedule receiver interrupts taken, INFO_GET, GET) and the refusals.
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

/* Every step as the guest sees it under Hafnium. */
Test(notif_guests, npi_and_sri)
{
	struct run_result r;

	run_cli(&r, "run", "-q", source_path("systems/notifications-sp.yaml"),
		guest_path("notif_npi.elf"), NULL);
	cr_assert_eq(r.status, 0, "%s\n%s", r.console, r.notes);
	/* The partition learnt the NPI's ID from FFA_FEATURES(1); the normal world is refused. */
	cr_expect_not_null(strstr(r.console, "[notif] notif: npi 5\n"), "%s", r.console);
	expect_line(&r, "features npi -> ERROR NOT_SUPPORTED");
	/* Normal world to partition: the NPI arrives through its virtual IRQ line, in its IRQ
	 * vector, when it unmasks IRQs. */
	expect_line(&r, "sp bind -> status OK");
	expect_line(&r, "sp bind again -> status DENIED");
	expect_line(&r, "take nothing -> status OK intid ffffffff none vm 0 sp 0 fwk 0");
	expect_line(&r, "set for sp -> FFA_SUCCESS_32");
	expect_line(&r, "set unbound for sp -> ERROR DENIED");
	expect_line(&r, "set per-vcpu for sp -> ERROR INVALID_PARAMETERS");
	expect_line(&r, "take -> status OK intid 5 vector vm 6 sp 0 fwk 0");
	expect_line(&r, "take again -> status OK intid ffffffff none vm 0 sp 0 fwk 0");
	expect_line(&r, "set for sp run -> FFA_SUCCESS_32");
	expect_line(&r, "run -> 8400006b");
	expect_line(&r, "last -> status OK intid 5 vector vm 2 sp 0 fwk 0");
	/* Partition to normal world: an SRI for every successful set, as Hafnium raises it (the
	 * normal world's two sets for the partition above, then the partition's). The partition's
	 * undelayed SRI is a non-secure interrupt on the CPU it runs on: it preempts the partition
	 * (ns-interrupts-action "signaled"), FFA_INTERRUPT to the normal world, which resumes it
	 * with FFA_RUN. The delayed one comes when the response gives the normal world its CPU
	 * back, without preempting. */
	expect_line(&r, "create -> FFA_SUCCESS_32");
	expect_line(&r, "bind -> FFA_SUCCESS_32");
	expect_line(&r, "sp set preempted");
	expect_line(&r, "sp set -> status OK");
	expect_line(&r, "sri taken 3");
	expect_line(&r, "sp set delayed -> status OK");
	cr_expect_null(strstr(r.console, "sp set delayed preempted"), "%s", r.console);
	expect_line(&r, "sri taken 4");
	expect_line(&r, "sp set unbound -> status DENIED");
	expect_line(&r, "info_get -> lists 1 more 0: 0");
	expect_line(&r, "info_get -> ERROR NO_DATA");
	expect_line(&r, "get -> 84000061 sp 100000030");
	expect_line(&r, "get -> 84000061 sp 0");
	/* Teardown. */
	expect_line(&r, "sp unbind -> status OK");
	expect_line(&r, "sp unbind again -> status DENIED");
	expect_line(&r, "unbind -> FFA_SUCCESS_32");
	expect_line(&r, "destroy -> FFA_SUCCESS_32");
	run_result_free(&r);
}
