/* core.pml: what the two engines (si.pml, s2pl.pml) share.
 *
 * A workload is N transactions T1..TN (indices 0..N-1, file order). Each one
 * reads every key 0..NK-1 in order, writes one key WKEY(t) with NEWVAL(t),
 * then commits: pc[t] = 0..NK-1 read key pc, NK write, NK+1 commit. The
 * workload file (counter.pml, or transfer.pml with -DTRANSFER) defines NK,
 * INIT(k), WKEY(t), NEWVAL(t) and the inline serial_ok(ok).
 *
 * One transaction is one process whose only statement is a d_step that runs
 * its next operation when the engine's CAN(t) allows it, so one Spin
 * transition is one operation taking effect (one schedule step of SPEC 1.3).
 * Everything lives in global arrays; scratch variables are `hidden` (not in
 * the state vector, assigned before use in every d_step), so a state is:
 * positions, statuses, values read, buffered writes, and the engine's locks
 * or versions. A finished transaction's private data is cleared. */

#ifndef N
#define N 3
#endif

#define LIVE      0
#define COMMITTED 1
#define ABORTED   2
#define BIT(t)    (1 << (t))
#define RV(t, k)  rv[(t) * NK + (k)]

#ifdef TRANSFER
#include "transfer.pml"
#else
#include "counter.pml"
#endif

byte pc[N];
byte st[N];
byte finished;           /* committed or aborted */
short rv[N * NK];        /* the values each transaction read */
short wval[N];           /* each transaction's write, until it commits */

hidden byte i, j, k, m;  /* scratch, only used inside one d_step */
hidden int  x, y;
hidden byte ok;

inline forget(t) {       /* a transaction ends: drop its private data */
#ifndef KEEP_PRIVATE     /* (-DKEEP_PRIVATE keeps it: more states) */
  for (j : 0 .. NK - 1) { RV(t, j) = 0 };
  wval[t] = 0;
  pc[t] = 0;
#endif
  finished++
}
