/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The notification probe: negotiates FF-A v1.2, then makes the normal world's notification calls
 * (FF-A v1.2 (DEN0077A) §13.12-13.19) with partition 0x8001 as the sender, each answer printed
 * register for register (probe.h): bitmap creation for VM 0 and for other VMs until the SPMC has
 * no room, binds a driver makes and ones it should see refused, INFO_GET in both forms, GET,
 * a set for a partition that bound nothing, unbinds and destroys in an order that shows what a
 * destroy checks. No partition takes part: only the normal world's view.
 */
#include <sdk/ffa.h>
#include <sdk/sdk.h>

#include "probe.h"

#define SP 0x8001ull
#define CREATE 0x8400007dull
#define DESTROY 0x8400007eull
#define BIND 0x8400007full
#define UNBIND 0x84000080ull
#define SET 0x84000081ull
#define GET 0x84000082ull
#define INFO_GET_32 0x84000083ull
#define INFO_GET_64 0xc4000083ull
#define VMS 18u

static const char *const vm_create_labels[VMS] = {
	"create_vm1",  "create_vm2",  "create_vm3",  "create_vm4",  "create_vm5",  "create_vm6",
	"create_vm7",  "create_vm8",  "create_vm9",  "create_vm10", "create_vm11", "create_vm12",
	"create_vm13", "create_vm14", "create_vm15", "create_vm16", "create_vm17", "create_vm18"};
static const char *const vm_destroy_labels[VMS] = {
	"destroy_vm1",  "destroy_vm2",  "destroy_vm3",  "destroy_vm4",  "destroy_vm5",
	"destroy_vm6",  "destroy_vm7",  "destroy_vm8",  "destroy_vm9",  "destroy_vm10",
	"destroy_vm11", "destroy_vm12", "destroy_vm13", "destroy_vm14", "destroy_vm15",
	"destroy_vm16", "destroy_vm17", "destroy_vm18"};

int main(void)
{
	probe_call("version", 0x84000063u, 0x10002u, 0, 0, 0, 0, 0, 0);
	probe_call("features_sri", 0x84000064u, 2, 0, 0, 0, 0, 0, 0);
	probe_call("bind_before_create", BIND, SP << 16, 0, 1, 0, 0, 0, 0);
	probe_call("create_vm0", CREATE, 0, 1, 0, 0, 0, 0, 0);
	probe_call("create_vm0_again", CREATE, 0, 1, 0, 0, 0, 0, 0);
	probe_call("create_hi_bits", CREATE, 0x10000, 1, 0, 0, 0, 0, 0);
	probe_call("bind_ok", BIND, SP << 16, 0, 1, 0, 0, 0, 0);
	probe_call("bind_again", BIND, SP << 16, 0, 1, 0, 0, 0, 0);
	probe_call("bind_other_sp", BIND, 0x8002ull << 16, 0, 1, 0, 0, 0, 0);
	probe_call("bind_per_vcpu", BIND, SP << 16, 1, 2, 0, 0, 0, 0);
	probe_call("bind_vm_sender", BIND, 0x1234ull << 16, 0, 4, 0, 0, 0, 0);
	probe_call("bind_high", BIND, SP << 16, 0, 0, 0x100, 0, 0, 0);
	probe_call("bind_x5", BIND, SP << 16, 0, 8, 0, 1, 0, 0);
	probe_call("info_get_64", INFO_GET_64, 0, 0, 0, 0, 0, 0, 0);
	probe_call("info_get_32", INFO_GET_32, 0, 0, 0, 0, 0, 0, 0);
	probe_call("get_sp", GET, 0, 1, 0, 0, 0, 0, 0);
	probe_call("get_none", GET, 0, 0, 0, 0, 0, 0, 0);
	probe_call("get_spm", GET, 0, 4, 0, 0, 0, 0, 0);
	probe_call("get_vcpu1", GET, 1u << 16, 1, 0, 0, 0, 0, 0);
	probe_call("get_vcpu4", GET, 4u << 16, 1, 0, 0, 0, 0, 0);
	probe_call("get_vcpu7", GET, 7u << 16, 1, 0, 0, 0, 0, 0);
	probe_call("get_vcpu8", GET, 8u << 16, 1, 0, 0, 0, 0, 0);
	probe_call("get_vcpu16", GET, 16u << 16, 1, 0, 0, 0, 0, 0);
	probe_call("get_vcpu32", GET, 32u << 16, 1, 0, 0, 0, 0, 0);
	probe_call("set_unbound_sp", SET, SP, 0, 1, 0, 0, 0, 0);
	probe_call("destroy_bound", DESTROY, 0, 0, 0, 0, 0, 0, 0);
	probe_call("unbind_ok", UNBIND, SP << 16, 0, 1, 0, 0, 0, 0);
	probe_call("unbind_high", UNBIND, SP << 16, 0, 0, 0x100, 0, 0, 0);
	probe_call("unbind_vm_sender", UNBIND, 0x1234ull << 16, 0, 4, 0, 0, 0, 0);
	probe_call("unbind_flags", UNBIND, SP << 16, 1, 1, 0, 0, 0, 0);
	probe_call("destroy_vm0", DESTROY, 0, 0, 0, 0, 0, 0, 0);
	probe_call("destroy_vm0_again", DESTROY, 0, 0, 0, 0, 0, 0, 0);
	for (unsigned i = 0; i < VMS; i++)
		probe_call(vm_create_labels[i], CREATE, i + 1, 2, 0, 0, 0, 0, 0);
	probe_call("bind_vm5", BIND, (SP << 16) | 5, 0, 1, 0, 0, 0, 0);
	probe_call("get_vm5_vcpu2", GET, (2u << 16) | 5, 1, 0, 0, 0, 0, 0);
	probe_call("unbind_vm5", UNBIND, (SP << 16) | 5, 0, 1, 0, 0, 0, 0);
	for (unsigned i = 0; i < VMS; i++)
		probe_call(vm_destroy_labels[i], DESTROY, i + 1, 0, 0, 0, 0, 0, 0);
	return probe_end();
}
