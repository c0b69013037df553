/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What crossed which world (docs/observability.md): a recorder of every FF-A call of a run, made
 * by the normal world (through the hypervisor proxy when one runs) or by a partition, with its
 * caller, callee, decoded arguments and answer, the conformance checker's verdict, its start and
 * end on the virtual clock and the time each component spent in it. From the record: the FF-A
 * trace (text and JSON Lines), the timeline (Chrome trace-event JSON), sequence diagrams
 * (Mermaid, SVG) and the statistics per endpoint. The cycle model's fixed costs (the platform
 * file's `costs`) are charged here, where calls enter and leave each component.
 */
#ifndef SIM_OBS_H
#define SIM_OBS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "abi/regs.h"
#include "emu/cpu.h"

struct sim;
struct spmc_endpoint;

/* Actors other than endpoints (endpoint IDs are 16-bit). */
#define SIM_OBS_SPMC 0x10000u  /* the SPMC itself */
#define SIM_OBS_PROXY 0x10001u /* the hypervisor proxy, answering or calling on its own */

/* The components a call's time is split between. */
enum sim_obs_part {
	SIM_OBS_CALLER, /* entering and leaving the call (smc-entry, eret) */
	SIM_OBS_PART_PROXY,
	SIM_OBS_PART_SPMC, /* the SPMC's handling and EL3's world switches */
	SIM_OBS_CALLEE,    /* the rest: the partition that ran for the call */
	SIM_OBS_PARTS
};

#define SIM_OBS_DETAIL_MAX 640

/* One FF-A call. */
struct sim_obs_call {
	unsigned seq;    /* from 1, in the order calls began */
	unsigned parent; /* seq of the call it was made in (a partition running for it); 0: none */
	unsigned depth;  /* 0: a call nobody else's call contains */
	unsigned cpu;    /* the normal-world CPU (PE) whose time it took */
	uint32_t caller; /* an endpoint ID, or SIM_OBS_PROXY */
	uint32_t callee; /* an endpoint ID (a direct request's receiver, FFA_RUN's target),
			  * SIM_OBS_SPMC, or SIM_OBS_PROXY when the proxy answered it alone */
	bool via_proxy;  /* the normal world's call went through the proxy */
	bool host;       /* trapped from a normal-world CPU (false: the SPMC saw it first) */
	bool reached_spmc;
	bool answered;
	int verdict; /* conformance violations found in its answer; -1: not checked */
	uint64_t start, end;
	uint64_t spent[SIM_OBS_PARTS];
	struct ffa_value args, answer;
	char detail[SIM_OBS_DETAIL_MAX]; /* decoded: versions, UUIDs, descriptors, bitmaps */
};

/* The totals of one function of one endpoint (statistics). */
struct sim_obs_fn_stat {
	uint32_t fid;
	uint64_t calls;
	uint64_t cycles; /* end - start, summed */
};

#define SIM_OBS_MAX_FNS 48

/* An endpoint's statistics. */
struct sim_obs_ep_stat {
	uint32_t id;
	struct sim_obs_fn_stat fns[SIM_OBS_MAX_FNS];
	unsigned fn_count;
};

#define SIM_OBS_MAX_STACK 32
/* Endpoints with statistics: every endpoint an SPMC holds (SPMC_MAX_ENDPOINTS, 82) and the
 * proxy. */
#define SIM_OBS_MAX_EPS 96

/* A recorder (zero it, set record, then sim_obs_attach). */
struct sim_obs {
	struct sim *sim;
	bool record;    /* decode each call's arguments (traces, timeline, sequence) */
	bool proxy_cpu; /* the normal world's calls go through the proxy */
	struct sim_obs_call *calls;
	unsigned count, cap;
	unsigned stack[SIM_OBS_MAX_STACK]; /* seq of the open calls, innermost last */
	unsigned depth;
	bool overflow;             /* the memory for the record ran out: later calls are not kept */
	struct emu_dispatch inner; /* the normal-world CPUs' dispatch hook we wrap */
	struct emu_call_observer previous; /* the host CPU's observer before ours (the checker) */
	struct sim_obs_ep_stat eps[SIM_OBS_MAX_EPS];
	unsigned ep_count;
	unsigned last_host; /* seq of the last host call that ended (its verdict comes after) */
};

/*
 * Attaches the recorder (zeroed but for record) to the simulation's SPMC: from now on it sees
 * every call the SPMC takes (partitions' boot calls included when attached before they boot).
 * sim_open() does it when sim_config.obs is set.
 */
void sim_obs_attach(struct sim_obs *obs, struct sim *sim);

/* Attaches it to the normal-world CPUs (their calls, as they trapped, and the checker's
 * verdicts); sim_open() does it once they are open. */
void sim_obs_attach_cpus(struct sim_obs *obs);

/* Detaches it and frees the record. */
void sim_obs_free(struct sim_obs *obs);

/* The virtual time (ns, one a cycle) the recorder puts calls on, for CPU cpu. */
uint64_t sim_obs_now(const struct sim_obs *obs, unsigned cpu);

/* "NAME (0xID)" of an actor into buf: the endpoint's name, "SPMC", "pkvm". Returns buf. */
const char *sim_obs_actor(const struct sim_obs *obs, uint32_t actor, char *buf, size_t size);

/* A short identifier of an actor for diagrams: "ep_0000", "spmc", "proxy". Returns buf. */
const char *sim_obs_actor_id(uint32_t actor, char *buf, size_t size);

/* True when the callee runs for the call (a request, FFA_RUN, a call the SPMC or the proxy
 * handles), false for a response, which hands a CPU back to whoever waits for it. */
bool sim_obs_is_request(const struct sim_obs_call *c);

/* "ok", "violation" or "unchecked". */
const char *sim_obs_verdict(const struct sim_obs_call *c);

/* The writers (sim/obs_text.c, sim/obs_timeline.c, sim/obs_sequence.c). False when out fails. */
bool sim_obs_write_text(const struct sim_obs *obs, FILE *out);
bool sim_obs_write_jsonl(const struct sim_obs *obs, FILE *out);
bool sim_obs_write_timeline(const struct sim_obs *obs, FILE *out);
bool sim_obs_write_mermaid(const struct sim_obs *obs, FILE *out);
bool sim_obs_write_svg(const struct sim_obs *obs, FILE *out);
/* Statistics per endpoint: instructions, cycles, calls by function (json: one JSON object). */
bool sim_obs_write_stats(const struct sim_obs *obs, bool json, FILE *out);

/* Writes s as XML text: & < > " ' escaped, control characters but newline and tab dropped (the
 * SVG diagram, the JUnit file of `ffa-sim replay`). */
void sim_xml_text(FILE *out, const char *s);

/* Writes s as a JSON string (quoted, escaped). */
void sim_obs_json_string(FILE *out, const char *s);

#endif
