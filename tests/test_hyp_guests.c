/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The pKVM proxy under real guests (tests/guests/hyp_*.c): the proxy is attached to the
 * host CPU after sim_open, the guest runs to its end, and its console lines are compared
 * exactly. Regression 7 (the driver probing before the finalisation) and regression 2 (no FF-A
 * firmware) run with the buggy and the fixed setting; PSCI reaches the firmware through the
 * proxy, SYSTEM_OFF included; a guest shares, re-shares and reclaims memory through the proxy.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "hyp/pkvm.h"

/* The prefix of the host's console lines. */
#define H "[host] "

/* Runs a guest under an SPMC with the proxy (a profile and settings); fills r. */
static void run_with_proxy(const char *guest, const char *spmc, const char *profile,
			   const char *const *settings, struct run_result *r,
			   enum hyp_pkvm_state *state)
{
	struct sim_config cfg = {0};
	struct spmc_config sc;
	struct sim *sim = calloc(1, sizeof(*sim));
	struct hyp_pkvm *hyp = calloc(1, sizeof(*hyp));
	struct hyp_pkvm_config hc;
	struct diag err;
	FILE *con, *notes;

	memset(r, 0, sizeof(*r));
	cr_assert(sim != NULL && hyp != NULL);
	con = open_memstream(&r->console, &r->console_len);
	notes = open_memstream(&r->notes, &r->notes_len);
	cr_assert(con != NULL && notes != NULL);
	config_spmc(&cfg, spmc, &sc);
	cfg.guest_path = guest_path(guest);
	cfg.console_out = con;
	cfg.notes = notes;
	cr_assert(sim_open(sim, &cfg, &err), "sim_open: %s", err.msg);
	cr_assert(hyp_profile_find(profile, &hc));
	for (const char *const *s = settings; s != NULL && *s != NULL; s++)
		cr_assert(hyp_pkvm_set(&hc, *s, &err), "%s: %s", *s, err.msg);
	cr_assert(sim_attach_pkvm(&sim->host, hyp, &hc, &sim->fw, &sim->memory, notes, &err),
		  "attach: %s", err.msg);
	r->status = sim_run(sim);
	r->stop = sim->host.stop;
	if (state != NULL)
		*state = hyp->state;
	sim_close(sim);
	free(sim);
	free(hyp);
	fclose(con);
	fclose(notes);
}

/* Checks the status and the whole console. */
static void expect_console(const struct run_result *r, int status, const char *console)
{
	cr_expect_eq(r->status, status, "status %d\nconsole:\n%s\nnotes:\n%s", r->status,
		     r->console, r->notes);
	cr_expect_str_eq(r->console, console, "console:\n%s\nwanted:\n%s\nnotes:\n%s", r->console,
			 console, r->notes);
}

/*
 * Regression 7, buggy ordering: the probe reaches the SPMC directly; after the finalise call
 * the proxy refuses everything with INVALID_PARAMETERS; a second probe negotiates through the
 * proxy, but the proxy's own RXTX_MAP collides with the host's buffers at the SPMC.
 */
Test(hyp_guests, boot_order_on_request)
{
	static const char *const s[] = {"finalise=on-request", NULL};
	struct run_result r;
	enum hyp_pkvm_state state;

	run_with_proxy("hyp_boot_order.elf", "hafnium:1.2", "current", s, &r, &state);
	expect_console(&r, 0,
		       H "version -> 1.2\n" H "id_get -> SUCCESS w2=0x0 w3=0x0\n" H
			 "rxtx_map -> SUCCESS w2=0x0 w3=0x0\n" H "finalise -> x0=0x0 x1=0x0\n" H
			 "partition_info_get -> ERROR INVALID_PARAMETERS w3=0x0\n" H
			 "rx_release -> ERROR INVALID_PARAMETERS w3=0x0\n" H
			 "direct_req -> ERROR INVALID_PARAMETERS w3=0x0\n" H
			 "version_again -> 1.2\n" H "rxtx_map_again -> ERROR DENIED w3=0x0\n" H
			 "partition_info_get_again -> ERROR BUSY w3=0x0\n" H
			 "hyp_boot_order: done\n");
	cr_expect_eq(state, HYP_PKVM_ACTIVE);
	cr_expect(strstr(r.notes, "the proxy's own FFA_RXTX_MAP_64") != NULL, "%s", r.notes);
	run_result_free(&r);
}

/* Regression 7, fixed ordering: the proxy is ready before the probe; everything works. */
Test(hyp_guests, boot_order_at_boot)
{
	static const char *const s[] = {"finalise=at-boot", NULL};
	struct run_result r;

	run_with_proxy("hyp_boot_order.elf", "hafnium:1.2", "current", s, &r, NULL);
	expect_console(&r, 0,
		       H "version -> 1.2\n" H "id_get -> SUCCESS w2=0x0 w3=0x0\n" H
			 "rxtx_map -> SUCCESS w2=0x0 w3=0x0\n" H
			 "finalise -> x0=0x0 x1=0xffffffffffffffff\n" H
			 "partition_info_get -> SUCCESS w2=0x1 w3=0x18\n" H "partition 0x8001\n" H
			 "rx_release -> SUCCESS w2=0x0 w3=0x0\n" H
			 "direct_req -> FFA_MSG_SEND_DIRECT_RESP_32 w3=0x1\n" H
			 "version_again -> 1.2\n" H "rxtx_map_again -> ERROR DENIED w3=0x0\n" H
			 "partition_info_get_again -> SUCCESS w2=0x1 w3=0x18\n" H
			 "partition 0x8001\n" H "hyp_boot_order: done\n");
	cr_expect(strstr(r.notes, "the proxy's own") == NULL, "%s", r.notes);
	run_result_free(&r);
}

/*
 * Regression 2, buggy: firmware that refuses the proxy's FFA_VERSION(1.2) with the 32-bit
 * 0xffffffff (Hafnium at v1.1, asked for v1.2; firmware without FF-A answers SMC_UNK, -1 in all of
 * x0, which the buggy check reads right) makes the proxy fail to initialise, and the host runs
 * without it; the firmware answers FFA_VERSION (32-bit 0xffffffff) and everything else.
 */
Test(hyp_guests, no_ffa_firmware_compare_u64)
{
	static const char *const s[] = {"version-error-check=compare-u64", NULL};
	struct run_result r;
	enum hyp_pkvm_state state;

	run_with_proxy("hyp_passthrough.elf", "hafnium:1.1", "current", s, &r, &state);
	expect_console(&r, 0,
		       H "smccc_version x0=0x10005\n" H "psci_version x0=0x10001\n" H
			 "psci_features x0=0x0\n" H "sip_unknown x0=0xffffffffffffffff\n" H
			 "ffa_version x0=0xffffffff\n" H "ffa_id_get x0=0x84000061 x2=0x0\n" H
			 "system_off\n");
	cr_expect_eq(state, HYP_PKVM_FAILED);
	cr_expect_eq(r.stop.kind, EMU_STOP_EXIT);
	cr_expect(strstr(r.notes, "pkvm: initialisation failed") != NULL, "%s", r.notes);
	run_result_free(&r);
}

/*
 * Regression 2, fixed: FF-A is off, the proxy runs; it answers the FF-A calls with its
 * sign-extended NOT_SUPPORTED and lets PSCI and SMCCC through.
 */
Test(hyp_guests, no_ffa_firmware_compare_s32)
{
	static const char *const s[] = {"version-error-check=compare-s32", NULL};
	struct run_result r;
	enum hyp_pkvm_state state;

	run_with_proxy("hyp_passthrough.elf", "hafnium:1.1", "current", s, &r, &state);
	expect_console(&r, 0,
		       H "smccc_version x0=0x10005\n" H "psci_version x0=0x10001\n" H
			 "psci_features x0=0x0\n" H "sip_unknown x0=0xffffffffffffffff\n" H
			 "ffa_version x0=0xffffffffffffffff\n" H
			 "ffa_id_get x0=0x84000060 x2=0xffffffffffffffff\n" H "system_off\n");
	cr_expect_eq(state, HYP_PKVM_FFA_OFF);
	run_result_free(&r);
}

/* With an SPMC: PSCI and SMCCC pass through, FF-A is proxied, SYSTEM_OFF ends the run. */
Test(hyp_guests, passthrough_with_spmc)
{
	struct run_result r;

	run_with_proxy("hyp_passthrough.elf", "hafnium:1.2", "current", NULL, &r, NULL);
	expect_console(&r, 0,
		       H "smccc_version x0=0x10005\n" H "psci_version x0=0x10001\n" H
			 "psci_features x0=0x0\n" H "sip_unknown x0=0xffffffffffffffff\n" H
			 "ffa_version x0=0x10002\n" H "ffa_id_get x0=0x84000061 x2=0x0\n" H
			 "system_off\n");
	run_result_free(&r);
}

/*
 * Memory sharing through the proxy, the whole stack: the guest shares a page with the echo
 * partition, the proxy refuses a second share of it and a lend of its own reserved memory
 * (DENIED, sign-extended), and the reclaim (the proxy's hypervisor retrieve request, then the
 * SPMC's reclaim) gives the page back for another share.
 */
Test(hyp_guests, mem_share)
{
	struct run_result r;

	run_with_proxy("hyp_mem_share.elf", "hafnium:1.2", "current", NULL, &r, NULL);
	expect_console(
		&r, 0,
		H "version -> 0x10002\n" H "rxtx_map -> SUCCESS\n" H "features_share -> SUCCESS\n" H
		  "share -> SUCCESS\n" H "share_again -> ERROR DENIED x2=0xfffffffffffffffa\n" H
		  "lend_reserved -> ERROR DENIED x2=0xfffffffffffffffa\n" H "reclaim -> SUCCESS\n" H
		  "reclaim_again -> ERROR INVALID_PARAMETERS x2=0xfffffffe\n" H
		  "share_after_reclaim -> SUCCESS\n" H "reclaim_after -> SUCCESS\n" H
		  "hyp_mem_share: done\n");
	cr_expect(strstr(r.notes, "0x7fff4000, 1 pages) is not the host's to share") != NULL, "%s",
		  r.notes);
	run_result_free(&r);
}

/* Runs the notification client of systems/notifications.yaml behind the proxy with a deny-list. */
static void run_notif(struct run_result *r, const char *deny_list)
{
	char setting[32];

	snprintf(setting, sizeof(setting), "deny-list=%s", deny_list);
	run_cli(r, "run", "--hypervisor", "pkvm", "--hyp-set", setting,
		source_path("systems/notifications.yaml"), guest_path("notif_client.elf"), NULL);
	cr_assert_eq(r->status, 0, "%s\n%s", r->console, r->notes);
}

/* Linux 6.12's deny-list has no notification call: the host's calls reach the SPMC as ID 0's,
 * so the driver's sequence (create, bind, INFO_GET, GET) works behind the proxy. */
Test(hyp_guests, notifications_pass_through)
{
	struct run_result r;

	run_notif(&r, "ffa-1.1");
	cr_expect_not_null(strstr(r.console, "[host] create -> FFA_SUCCESS_32\n"
					     "[host] bind -> FFA_SUCCESS_32\n"),
			   "%s", r.console);
	cr_expect_not_null(strstr(r.console, "[host] info_get -> lists 1 more 0: 0\n"), "%s",
			   r.console);
	cr_expect_not_null(strstr(r.console, "[host] get -> 84000061 sp 10000000028 vm 0 fwk 0\n"),
			   "%s", r.console);
	run_result_free(&r);
}

/* With "KVM: arm64: Mark FFA_NOTIFICATION_* calls as unsupported" the proxy answers them
 * itself: NOT_SUPPORTED, sign-extended as pKVM writes it; the SRI feature still passes. */
Test(hyp_guests, notifications_denied)
{
	struct run_result r;

	run_notif(&r, "ffa-1.2");
	cr_expect_not_null(strstr(r.console, "[host] sri 8\n"), "%s", r.console);
	cr_expect_not_null(strstr(r.console, "[host] create -> ERROR NOT_SUPPORTED\n"), "%s",
			   r.console);
	cr_expect_not_null(strstr(r.console, "[host] info_get -> ERROR NOT_SUPPORTED\n"), "%s",
			   r.console);
	run_result_free(&r);
}
