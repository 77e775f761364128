/* counter.pml: every Ti does r x, w x = x + 1, commit; x = 0 initially.
 * Serial outcome: x = number of committed transactions. */
#define NK         1
#define INIT(k)    0
#define WKEY(t)    0
#define NEWVAL(t)  (RV(t, 0) + 1)

inline serial_ok(ok) {
  m = 0;
  for (i : 0 .. N - 1) { if :: st[i] == COMMITTED -> m++ :: else fi };
  ok = (FINAL(0) == INIT(0) + m)
}
