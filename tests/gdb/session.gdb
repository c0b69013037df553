# SPDX-License-Identifier: BSD-3-Clause
# The gdb session tests/gdb/run-session drives against `ffa-sim run --gdb 0 --gdb-wait`
# (docs/observability.md, "Debugging with gdb"): break at the guest's direct request, list the
# threads, stop at the partition's answer, step into the partition and back, watch a variable;
# a breakpoint for another thread only (thread 1 passes it), the SIMD, FPCR and system
# registers read and written.
set pagination off
set confirm off
break main thread 2
break gdb_req2_smc
continue
info threads
set $v3.d.u[0] = 0x1122334455667788
set $v3.d.u[1] = 0x99
p/x $v3.d.u
p/x $q3
set $fpcr = 0x3400000
p/x $fpcr
set $old_vbar = $vbar_el1
set $vbar_el1 = 0x40001000
p/x $vbar_el1
set $vbar_el1 = $old_vbar
set $fpcr = 0
monitor break-on FFA_MSG_SEND_DIRECT_REQ2
stepi
stepi
thread
info registers x0 x1 x2 x3 x4 x5 x6 x7
monitor break-on FFA_MSG_SEND_DIRECT_RESP2
continue
stepi
thread
monitor break-on none
monitor time
monitor ffa-log
monitor frobnicate
delete
watch *(unsigned long *)&gdb_counter
continue
print/x *(unsigned long *)&gdb_counter
delete
continue
