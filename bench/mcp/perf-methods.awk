# Reads `perf script` output and prints the methods matching the regular expression `pat` by inclusive share
# (samples with the method anywhere on the stack), the `n` largest. See perf-leaf.awk for the caveats.
function flush() { if (!ins) return; total++; for (a in seen) incl[a]++; delete seen; ins = 0 }
/^[^ \t]/ { flush(); ins = 1; next }
/^$/ { flush(); next }
{
  if (match($0, /\[[A-Za-z][A-Za-z0-9_.]*\] [^(]*/)) {
    s = substr($0, RSTART, RLENGTH)
    if (s ~ pat && s !~ /AsyncStateMachineBox|ExecuteFromThreadPool/) { sub(/^\[[^]]*\] /, "", s); sub(/\[[^]]*\]$/, "", s); seen[s] = 1 }
  }
}
END { flush(); for (k in incl) printf "%6.1f%%  %s\n", 100 * incl[k] / total, k | "sort -rn | head -" n }
