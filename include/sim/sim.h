/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A simulation: the platform, its memory and console, the normal-world CPU and the firmware,
 * assembled from a configuration and run to the end. Everything a run owns hangs off struct
 * sim, so two simulations in one process do not see each other.
 */
#ifndef SIM_SIM_H
#define SIM_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "abi/checker.h"
#include "common/diag.h"
#include "emu/console.h"
#include "emu/cpu.h"
#include "emu/gic.h"
#include "emu/loader.h"
#include "emu/memory.h"
#include "emu/platform.h"
#include "fw/firmware.h"
#include "hyp/pkvm.h"
#include "partitions/binary.h"
#include "partitions/builtin.h"
#include "partitions/manifest.h"
#include "sim/smp.h"
#include "sim/wiring.h"
#include "spmc/spmc.h"

/* An image carried by the ffa-sim binary (`image: builtin:NAME` in a manifest). */
struct sim_builtin_image {
	const char *name;
	const void *data;
	size_t size;
};

struct sim_obs;

struct sim_config {
	const char *platform_path; /* NULL: the built-in "virt" */
	/* The normal-world image: a file, or bytes in memory (the embedded demo); neither: no
	 * guest (a simulation whose calls come from scenario steps or an embedding program). */
	const char *guest_path;
	const void *guest_data;
	size_t guest_size;
	const char *guest_name; /* for errors when guest_data is used */
	bool load_addr_set;     /* raw images: where to load (required for them) */
	uint64_t load_addr;
	bool entry_set; /* override the entry point */
	uint64_t entry;
	const char *dtb_path;    /* NULL: generate the device tree */
	const char *bootargs;    /* --append: /chosen/bootargs of the generated tree, or NULL */
	const char *initrd_path; /* --initrd: a file put in RAM and named in /chosen, or NULL */
	unsigned entry_el;       /* 0: the platform's entry-el */
	uint64_t max_insns;      /* 0: EMU_DEFAULT_MAX_INSNS */
	/* Virtual nanoseconds a partition runs for its caller before it is preempted
	 * (spmc_config.timeslice); 0: the SPMC configuration's. */
	uint64_t timeslice;
	unsigned cpus;     /* normal-world CPUs (--cpus, run.cpus); 0: the platform's `cpus` */
	uint64_t quantum;  /* the scheduler's quantum in ns (--quantum); 0: SIM_DEFAULT_QUANTUM */
	bool no_idle_skip; /* emulate every pass of a counter wait (emu/idle.c) */
	enum emu_halt_policy halt;
	enum emu_exc_policy exceptions; /* --exceptions (docs/guest-abi.md, "Exceptions") */
	uint32_t smccc_version;         /* SMCCC_VERSION's answer, 1.0-1.5; 0: 1.5 (TF-A v2.15) */
	enum ffa_conduit conduit;       /* the normal world's conduit in its device tree (SMC) */
	/* The SPMC behind the firmware, with its personality, version, ID and behaviour
	 * switches (sim_parse_spmc() reads the command line's form). NULL: SIM_DEFAULT_SPMC. */
	const struct spmc_config *spmc;
	bool no_spmc;      /* firmware without FF-A (`--spmc none`, `spmc: none`) */
	FILE *console_out; /* NULL: stdout */
	const char *until_console;
	const char *input_path;
	const char *input_text;
	bool interactive; /* read stdin (a terminal, or `--input -`) after scripted input */
	FILE *notes;      /* notes and reports; NULL: stderr */
	/* The pKVM-style proxy's configuration: a profile and its switches
	 * (sim_parse_hypervisor(), sim_system_hypervisor()). NULL: no hypervisor. */
	const struct hyp_pkvm_config *hypervisor;
	/* Images manifests can name as builtin:NAME. */
	const struct sim_builtin_image *builtin_images;
	unsigned builtin_image_count;
	/* The secure partitions, in boot order (NULL: one built-in echo model, SIM_ECHO_*). */
	const struct part_manifest *partitions;
	unsigned partition_count;
	bool quiet;        /* no notes (fault reports are still printed) */
	bool stats;        /* print instruction and call counts at the end */
	bool strict;       /* a conformance violation ends the run (status 5) */
	bool strict_known; /* ... known deviations of the personality's firmware too */
	bool no_check;     /* no conformance checking at all */
	/* The call recorder (include/sim/obs.h), attached before the partitions boot; NULL: none
	 * (nothing is recorded, and nothing costs time but instructions and waits). */
	struct sim_obs *obs;
	/* Called once, when the partitions' engines are open and before they boot (the
	 * instruction trace attaches to them there, so that it sees their boot); NULL: none. */
	void (*before_boot)(void *ctx, struct sim *sim);
	void *before_boot_ctx;
};

/* A partition's runtime: a binary in its own CPU or a built-in model. */
struct sim_partition {
	const struct part_manifest *manifest;
	struct spmc_endpoint *ep;
	struct emu_window windows[EMU_MAX_WINDOWS];
	unsigned window_count;
	bool binary;
	struct part_binary bin;
	/* Its execution contexts 1.. when it has one per CPU (bin is context 0). */
	struct part_binary *ctx_bins;
	unsigned ctx_bin_count;
	/* The built-in model's state, by `model`. */
	union {
		struct part_echo echo;
		struct part_error error;
		struct part_yield yield;
		struct part_scripted scripted;
		struct part_memory memory;
		struct part_indirect indirect;
		struct part_optee optee;
	} model;
};

/* The secure devices and the secure interrupts of a run (sim/secure.c). */
struct sim_secure {
	struct emu_sp805 sp805s[EMU_PLATFORM_MAX_SECURE_DEVICES]; /* the platform's, in order */
	unsigned sp805_count;
	const struct sim_partition *owner[EMU_PLATFORM_MAX_SECURE_DEVICES]; /* NULL: nobody's */
	unsigned configured; /* owned interrupts configured in the GIC (0: EL3 takes no FIQ) */
	unsigned routed;     /* of them, routed by an interrupts-target */
	/* secure interrupts taken on each CPU (from the normal world or from a partition) */
	uint64_t taken_on[EMU_PLATFORM_MAX_CPUS];
	uint64_t taken;    /* secure interrupts EL3 took from the normal world */
	uint64_t handled;  /* ... that their waiting owner handled */
	uint64_t queued;   /* ... left pending for an owner that was not waiting */
	uint64_t spurious; /* ... that nobody had enabled */
	/* Secure interrupts the SPMC took while a partition ran (spmc_secure_interrupt_running),
	 * counted in handled, queued and spurious too, or in: (a level-sensitive one its device
	 * still asserts is taken, and counted, again) */
	uint64_t in_partitions;
	uint64_t injected;    /* ... injected into their owner, the partition that ran */
	uint64_t preempted;   /* ... that preempted the partition their owner had called */
	unsigned storm_masks; /* interrupts disabled for staying asserted after their owner ran */
};

struct sim {
	struct sim_config cfg;
	struct emu_platform platform;
	struct emu_memory memory;
	struct emu_console console;
	struct emu_cpu host;
	struct emu_gic_state gic; /* the GIC model, when the platform has a GIC */
	bool gic_ready;
	/* The PEs: their clocks and timers (the normal world's CPU runs on pes[0]). */
	struct emu_pe pes[EMU_GIC_MAX_PES];
	unsigned pe_count;
	struct sim_smp smp;       /* the normal world's CPUs and their scheduler */
	struct sim_secure secure; /* secure devices and interrupts (sim/secure.c) */
	struct fw_el3 fw;
	struct spmc spmc;
	bool spmc_enabled;
	struct sim_console_lines spmc_lines; /* the SPMC's FFA_CONSOLE_LOG lines */
	struct sim_mem_wiring spmc_memory;   /* the SPMC's memory, access enforced on CPUs */
	struct part_echo echo;               /* the built-in echo partition's state */
	struct hyp_pkvm hyp;                 /* the hypervisor proxy, when cfg.hypervisor is set */
	bool hyp_enabled;
	struct sim_partition *parts; /* one runtime per partition (cfg.partitions) */
	/* Virtual time partitions ran on no CPU's PE (on their own, booting): the trace's time
	 * axis adds it to every CPU's clock (sim_obs_now), so that the axis never goes back. */
	uint64_t off_pe_ns;
	unsigned part_count;
	unsigned boot_failures;
	struct emu_image image;
	uint64_t dtb_addr;
	size_t dtb_size;
	uint64_t initrd_addr; /* the initrd in RAM (sim/boot.c); size 0: none */
	uint64_t initrd_size;
	unsigned violations;       /* conformance violations reported */
	unsigned rule_aborts_seen; /* spmc.rule_aborts already counted as violations */
	/* The checker's plan for the last kind of answer it checked (abi/checker.h). */
	struct ffa_check_plan check_plan;
	bool memory_ready;
	bool host_ready;
	bool has_guest; /* a guest image was loaded (sim_run needs one) */
};

/*
 * Builds a simulation: platform, memory, console, CPU, firmware routing, the guest image (when
 * the configuration names one) and the device tree. False on an input error (*err names the
 * file and what is wrong).
 */
bool sim_open(struct sim *sim, const struct sim_config *cfg, struct diag *err);

/*
 * Runs the guest to its end; prints notes, reports and stats. Returns the exit status
 * (EMU_STATUS_USAGE, with a note, for a simulation opened without a guest).
 */
int sim_run(struct sim *sim);

/* Initialises the platform's secure devices on CPU 0's PE (sim/secure.c; see
 * sim_secure_setup_cpus). */
void sim_secure_setup_devices(struct sim *sim);

/*
 * Checks interrupt j of device region i of a partition's manifest: an SPI of the platform's
 * GIC, and its interrupts-target (if any) the MPIDR of one of the run's CPUs. False with *err
 * naming the interrupt's (or the target's) file, line and column.
 */
bool sim_secure_check_interrupt(const struct sim *sim, const struct part_manifest *m, unsigned i,
				unsigned j, struct diag *err);

/*
 * Gives the partition the secure devices its device regions cover: one page each, one owner.
 * False with *err naming the device region's file, line and column.
 */
bool sim_secure_claim_devices(struct sim *sim, const struct sim_partition *part, struct diag *err);

/*
 * Configures the interrupts partitions own in the GIC as the SPMC does at boot (Hafnium: secure,
 * with the manifest's priority, enabled, routed to the CPU of its interrupts-target, else CPU 0)
 * and lets EL3 take them from the normal world's CPUs. Other personalities leave them alone
 * (docs/ffa-support.md).
 */
void sim_secure_setup_interrupts(struct sim *sim);

/*
 * Once every CPU is open: EL3 takes secure interrupts from each normal-world CPU, and a secure
 * device whose interrupt an interrupts-target routes to CPU k counts on CPU k's clock (the PE its
 * owner runs on when it serves that CPU), instead of CPU 0's.
 */
void sim_secure_setup_cpus(struct sim *sim);

/* Frees everything sim_open built. */
void sim_close(struct sim *sim);

/*
 * Writes out what the simulation still holds for its outputs (each CPU's unfinished console
 * line, then the console and notes streams) and releases nothing: for a process that exits
 * next, whose exit releases the engines at once where closing them one by one costs about as
 * much as a short run (docs/performance.md, "Start-up"). sim_close() may still follow.
 */
void sim_end(struct sim *sim);

/* Parses a decimal or 0x-hexadecimal number (no sign, no suffix). False if it is not one. */
bool sim_parse_u64(const char *text, uint64_t *out);

/*
 * Parses an SPMC as the command line names it: "PERSONALITY[:VERSION]" (hafnium, tf-a, optee;
 * spmc_config_parse()) into *out, or "none" (firmware without FF-A: *none set, *out untouched).
 * False with *err ("--spmc: ...") otherwise.
 */
bool sim_parse_spmc(const char *text, struct spmc_config *out, bool *none, struct diag *err);

/*
 * Parses a hypervisor as the command line names it: "pkvm" or "pkvm:PROFILE", into the
 * profile's configuration. False with *err ("--hypervisor: ...") otherwise.
 */
bool sim_parse_hypervisor(const char *text, struct hyp_pkvm_config *out, struct diag *err);

/*
 * Fills *out with the pKVM-style proxy's profile named profile (NULL or "": the default).
 * False with *err otherwise: "WHERE: unknown profile ..." (file, when not NULL, heads it).
 */
bool sim_hyp_profile(const char *profile, const char *file, const char *where,
		     struct hyp_pkvm_config *out, struct diag *err);

/*
 * Loads the platform: a file, a name (built in, like "virt", or shipped in the data directory,
 * like "fvp-base": include/common/datadir.h), or the built-in "virt" when path is NULL.
 */
bool sim_load_platform(const char *path, struct emu_platform *platform, struct diag *err);

/* Loads a platform given by name or path (text not NULL), as sim_load_platform does. */
bool sim_load_platform_named(const char *text, struct emu_platform *platform, struct diag *err);

/*
 * Builds the device tree the normal world gets on this platform into buf, with an FF-A node
 * when spmc is not NULL (and its partitions), and with the hypervisor proxy's reserved memory
 * as a /reserved-memory no-map child when hypervisor is set. 0 on error.
 */
/* What a run puts in /chosen beside stdout-path: the command line and the initrd. */
struct sim_chosen {
	const char *bootargs; /* NULL: none */
	uint64_t initrd_start;
	uint64_t initrd_end; /* <= initrd_start: no initrd */
};

size_t sim_build_dtb(const struct emu_platform *platform, const struct spmc *spmc,
		     enum ffa_conduit conduit, bool hypervisor, const struct sim_chosen *chosen,
		     void *buf, size_t size, struct diag *err);

/*
 * Loads the normal-world image held in data (sim/boot.c): an ELF at its physical addresses
 * (an arm64 vmlinux where its Image goes), an arm64 Image as its header says (Linux
 * Documentation/arch/arm64/booting.rst: text_offset above a 2 MiB-aligned address, at
 * --load-addr when given), or a raw binary at --load-addr. False with *err naming the file.
 */
bool sim_boot_load_image(struct sim *sim, const uint8_t *data, size_t size, struct diag *err);

/*
 * Where an initrd of size bytes goes: page-aligned past the image (image may be NULL) and the
 * device tree's 64 KiB slot after it, inside non-secure RAM (short of the proxy's reserved
 * memory with hypervisor). False with *err naming the file (name) when it does not fit.
 */
bool sim_boot_place_initrd(const struct emu_platform *platform, const struct emu_image *image,
			   bool hypervisor, const char *name, uint64_t size, uint64_t *addr,
			   struct diag *err);

/* Puts cfg.initrd_path's file in RAM (sim_boot_place_initrd) and notes where. */
bool sim_boot_load_initrd(struct sim *sim, struct diag *err);

/*
 * Builds the device tree a run with this configuration would pass to its guest (platform and
 * SPMC with its partitions; no guest needed). Returns its size, or 0 with *err.
 */
size_t sim_run_dtb(const struct sim_config *cfg, void *buf, size_t size, struct diag *err);

/*
 * Adds a partition from its manifest to the simulation's SPMC: the endpoint (ID, UUIDs,
 * properties, version) and its runtime: its image loaded into its memory and a CPU of its own,
 * or a built-in model. False with *err naming the manifest.
 */
/*
 * The CPU that runs an endpoint of the simulation's SPMC (ctx: the struct sim): a binary
 * partition's own, the normal world's for endpoint 0 and VM IDs once it is open, else NULL.
 */
struct emu_cpu *sim_endpoint_cpu(void *ctx, uint16_t endpoint);

/*
 * The n-th CPU that runs an endpoint (n from 0; NULL past the last): sim_endpoint_cpu's for n 0,
 * then a partition's other execution contexts (one engine each), or the normal world's other
 * CPUs for endpoint 0 and VM IDs.
 */
struct emu_cpu *sim_endpoint_cpu_nth(void *ctx, uint16_t endpoint, unsigned n);

bool sim_add_partition(struct sim *sim, struct sim_partition *part, const struct part_manifest *m,
		       struct diag *err);

/* Exit status of a run that --strict ended on a conformance violation. */
#define SIM_STATUS_CONFORMANCE 5

/*
 * Exit status of a run in which a partition failed to boot and the normal world otherwise
 * ended with status 0 (without --strict, which ends the run before the normal world with 5).
 */
#define SIM_STATUS_BOOT_FAILURE 6

/*
 * A run with an SPMC and no partitions of its own (sim_config.partitions NULL: no system file
 * or manifest names any) hosts one built-in `echo` partition: ID 0x8001, this UUID, FF-A v1.2,
 * direct messages in both conventions.
 */
#define SIM_ECHO_ID 0x8001u
#define SIM_ECHO_UUID "b1c3b4e2-5c8f-4e61-9d2a-7e0f6a3c1d45"

/* The default SPMC, as `--spmc` names it. */
#define SIM_DEFAULT_SPMC "hafnium:1.2"

#endif
