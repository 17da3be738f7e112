# The audit's syscall programs for arm64 (GNU as syntax, aarch64-linux-gnu-as). SyscallPrograms.java
# holds the assembled bytes of each _start below; every one ends in the shared tail.
# Syscall numbers from the generic table: mount 40, unshare 97, keyctl 219, getpid 172,
# process_vm_readv 270, exit 93. Checked under qemu-aarch64 against the x86-64 programs for mount
# (EPERM as nobody, 0 as root in a fresh mount namespace); qemu-user implements neither keyctl nor
# process_vm_readv and runs threads that make unshare(CLONE_NEWUSER) fail, so those three rest on the table.

# --- mount
.globl _start
_start:
  mov x0, #0
  adr x1, slash
  mov x2, #0
  movz x3, #0x4000
  movk x3, #0x4, lsl #16
  mov x4, #0
  mov x8, #40
  svc #0
  neg x1, x0
  cmp x0, #0
  csel x0, x1, xzr, lt
  mov x8, #93
  svc #0
slash: .asciz "/"

# --- unshare
.globl _start
_start:
  movz x0, #0x1000, lsl #16
  mov x8, #97
  svc #0
  neg x1, x0
  cmp x0, #0
  csel x0, x1, xzr, lt
  mov x8, #93
  svc #0

# --- keyctl
.globl _start
_start:
  mov x0, #0
  movn x1, #2
  mov x2, #0
  mov x8, #219
  svc #0
  neg x1, x0
  cmp x0, #0
  csel x0, x1, xzr, lt
  mov x8, #93
  svc #0

# --- process_vm_readv
.globl _start
_start:
  mov x8, #172
  svc #0
  mov x1, #0
  mov x2, #0
  mov x3, #0
  mov x4, #0
  mov x5, #0
  mov x8, #270
  svc #0
  neg x1, x0
  cmp x0, #0
  csel x0, x1, xzr, lt
  mov x8, #93
  svc #0
