# The audit's syscall programs (x86-64, GNU as syntax). SyscallPrograms.java holds the
# assembled bytes of each _start below; every one ends in the shared tail.
# Build one to check: as -o p.o p.s && objcopy -O binary --only-section=.text p.o p.bin && xxd -p p.bin

# --- mount
.globl _start
_start:
  xor %edi, %edi
  lea slash(%rip), %rsi
  xor %edx, %edx
  mov $0x44000, %r10d
  xor %r8d, %r8d
  mov $165, %eax
  syscall
  mov %eax, %edi
  neg %edi
  test %eax, %eax
  jl 1f
  xor %edi, %edi
1: mov $60, %eax
  syscall
slash: .asciz "/"

# --- unshare
.globl _start
_start:
  mov $0x10000000, %edi
  mov $272, %eax
  syscall
  mov %eax, %edi
  neg %edi
  test %eax, %eax
  jl 1f
  xor %edi, %edi
1: mov $60, %eax
  syscall

# --- keyctl
.globl _start
_start:
  xor %edi, %edi
  mov $-3, %esi
  xor %edx, %edx
  mov $250, %eax
  syscall
  mov %eax, %edi
  neg %edi
  test %eax, %eax
  jl 1f
  xor %edi, %edi
1: mov $60, %eax
  syscall

# --- process_vm_readv
.globl _start
_start:
  mov $39, %eax
  syscall
  mov %eax, %edi
  xor %esi, %esi
  xor %edx, %edx
  xor %r10d, %r10d
  xor %r8d, %r8d
  xor %r9d, %r9d
  mov $310, %eax
  syscall
  mov %eax, %edi
  neg %edi
  test %eax, %eax
  jl 1f
  xor %edi, %edi
1: mov $60, %eax
  syscall
