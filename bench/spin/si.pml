/* si.pml: snapshot isolation with first-updater-wins (SPEC.md 2, `snapshot`).
 *
 *   spin -a -DN=4 [-DTRANSFER] si.pml && gcc -O2 -DSAFETY -o pan pan.c && ./pan
 *
 * Every key keeps all its committed versions (value, commit time), oldest
 * first. A transaction's snapshot is the clock when its first operation takes
 * effect; it reads the newest version no newer than that. A write waits while
 * another transaction holds the row lock; once the row is free it aborts
 * (serialization failure, in its own step) if a version newer than its
 * snapshot has committed, else it locks the row and buffers the value. A
 * commit stamps the buffered value with the next clock value and unlocks.
 * -DMUTANT_NO_FUW drops the lock and the check (the assertion must then fail:
 * a lost update). */

#define NV        (N + 1)                 /* versions per key at most */
#define VER(k, v) ((k) * NV + (v))
#define NEWEST(k) (nver[k] - 1)
#define FINAL(k)  vval[VER(k, NEWEST(k))]

#include "core.pml"

short vval[NK * NV];
byte vts[NK * NV];
byte nver[NK];
byte lock[NK];            /* holder + 1; 0 = free */
byte clock;
byte snap[N];

#ifdef MUTANT_NO_FUW
#define CAN(t) true
#else
#define CAN(t) (pc[t] != NK || lock[WKEY(t)] == 0)
#endif

inline setup() {
  for (k : 0 .. NK - 1) { vval[VER(k, 0)] = INIT(k); nver[k] = 1 }
}

inline step(t) {
  if
  :: pc[t] < NK ->                              /* r key pc */
     if :: pc[t] == 0 -> snap[t] = clock :: else fi;
     k = pc[t];
     m = NEWEST(k);
     do :: vts[VER(k, m)] > snap[t] -> m-- :: else -> break od;
     RV(t, k) = vval[VER(k, m)];
     pc[t]++
  :: pc[t] == NK ->                             /* w WKEY = NEWVAL */
     k = WKEY(t);
#ifndef MUTANT_NO_FUW
     if
     :: vts[VER(k, NEWEST(k))] > snap[t] ->     /* first updater won */
        st[t] = ABORTED; snap[t] = 0; forget(t)
     :: else ->
        lock[k] = t + 1;
#endif
        wval[t] = NEWVAL(t);
        pc[t]++
#ifndef MUTANT_NO_FUW
     fi
#endif
  :: pc[t] == NK + 1 ->                         /* commit */
     k = WKEY(t);
     clock++;
     vval[VER(k, nver[k])] = wval[t];
     vts[VER(k, nver[k])] = clock;
     nver[k]++;
     lock[k] = 0;
     st[t] = COMMITTED; snap[t] = 0; forget(t)
  fi
}

#include "driver.pml"
