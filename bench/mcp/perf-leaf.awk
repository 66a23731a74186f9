# Reads `perf script` output of a .NET process (JIT frames named through DOTNET_PerfMapEnabled=1) and prints
# 1. where the CPU is, by the sample's leaf frame (managed code, the runtime, kernel scheduling, kernel TCP, ...);
# 2. each managed assembly's inclusive share: the samples with one of its methods anywhere on the stack. Stacks
#    that pass through libc (no frame pointers) end there, so most kernel time cannot be attributed, and async
#    continuations run under their caller's frames, so shares overlap and add up to more than 100%.
function flush() {
  if (!insample) return
  total++
  leafclass[leaf]++
  for (a in seen) incl[a]++
  delete seen; insample = 0; leaf = ""
}
/^[^ \t]/ { flush(); insample = 1; depth = 0; next }
/^$/ { flush(); next }
{
  line = $0; depth++
  if (depth == 1) {
    if (line ~ /kallsyms/) {
      if (line ~ /tcp_|sock_|inet_|ip_|skb|net_rx|__dev_queue|napi|loopback/) leaf = "kernel: TCP/loopback"
      else if (line ~ /futex|schedule|sched_|finish_task_switch|try_to_wake_up|wake_up/) leaf = "kernel: scheduling/futex"
      else if (line ~ /epoll/) leaf = "kernel: epoll"
      else leaf = "kernel: other"
    } else if (line ~ /perf-[0-9]+\.map/) leaf = "managed code"
    else if (line ~ /libcoreclr/) leaf = "runtime (libcoreclr: GC, stubs, type system)"
    else if (line ~ /libclrjit/) leaf = "JIT compiler"
    else if (line ~ /libc\.so/) leaf = "libc"
    else leaf = "other native"
  }
  if (match(line, /\[[A-Za-z][A-Za-z0-9_.]*\] [A-Za-z]/)) {
    a = substr(line, RSTART + 1, RLENGTH - 4)
    seen[a] = 1
  }
}
END {
  flush()
  printf "samples: %d\n\nwhere the CPU is (leaf frame):\n", total
  for (k in leafclass) printf "%6.1f%%  %s\n", 100 * leafclass[k] / total, k | "sort -rn"
  close("sort -rn")
  printf "\nassemblies on the stack (inclusive; stacks through libc are cut, so kernel time is mostly unattributed):\n"
  for (k in incl) printf "%6.1f%%  %s\n", 100 * incl[k] / total, k | "sort -rn | head -30"
  close("sort -rn | head -30")
}
