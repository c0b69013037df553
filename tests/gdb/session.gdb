# SPDX-License-Identifier: BSD-3-Clause
# The gdb session tests/gdb/run-session drives against `ffa-sim run --gdb 0 --gdb-wait`
# (docs/observability.md, "Debugging with gdb"): break at the guest's direct request, list the
# threads, stop at the partition's answer, step into the partition and back, watch a variable.
set pagination off
set confirm off
break gdb_req2_smc
continue
info threads
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
