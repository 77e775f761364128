/* s2pl.pml: strict two-phase locking with deadlock victims (SPEC.md 2,
 * `serializable`).
 *
 *   spin -a -DN=4 [-DTRANSFER] s2pl.pml && gcc -O2 -DSAFETY -o pan pan.c && ./pan
 *
 * A read takes an S lock, a write an X lock (an upgrade once no other S
 * holder is left); all are kept to the end. There are no lock queues: a
 * blocked operation waits for the holders. Writes are buffered and applied at
 * commit, which strict 2PL makes invisible anyway. Deadlocks are found at
 * once: after every step the waits-for graph is rebuilt from each live
 * transaction's next operation, and while it has a cycle the last-in-file
 * transaction on one aborts, releasing its locks, in that same step. So no
 * state is ever stuck, and the search goes on past every deadlock.
 * -DLAZY_DETECTION instead makes a blocked operation take a step of its own
 * that registers the wait, and only registered waits count, as in a lock
 * manager that checks for deadlock when a request blocks (more states).
 * -DALL_COMMIT asserts that every transaction committed: its failures are the
 * final states reached after a deadlock victim. */

#define FINAL(k) db[k]

#include "core.pml"

short db[NK];
short sh[NK];             /* S holders, one bit per transaction */
byte  xo[NK];             /* X holder + 1; 0 = none */
hidden short wf[N];       /* waits-for: whom t waits for */
hidden short rc[N];       /* whom t reaches in waits-for */
hidden short cyc;
#ifdef LAZY_DETECTION
bit blocked[N];           /* t has tried its next operation and waits */
#define WAITING(t) blocked[t]
#else
#define WAITING(t) true
#endif

#define XFREE(k, t) (xo[k] == 0 || xo[k] == (t) + 1)
#define CAN(t) (pc[t] < NK -> XFREE(pc[t], t) : \
                (pc[t] == NK -> XFREE(WKEY(t), t) && (sh[WKEY(t)] & ~BIT(t)) == 0 : true))

inline setup() {
  for (k : 0 .. NK - 1) { db[k] = INIT(k) }
}

inline release(t) {
  for (k : 0 .. NK - 1) {
    sh[k] = sh[k] & ~BIT(t);
    if :: xo[k] == t + 1 -> xo[k] = 0 :: else fi
  }
}

inline waits_for(t) {     /* wf[t] = the holders t's next operation waits for */
  wf[t] = 0;
  if
  :: st[t] != LIVE || CAN(t) || !WAITING(t) -> skip
  :: else ->
     k = (pc[t] < NK -> pc[t] : WKEY(t));
     if :: xo[k] != 0 -> wf[t] = BIT(xo[k] - 1) :: else fi;
     if :: pc[t] == NK -> wf[t] = wf[t] | (sh[k] & ~BIT(t)) :: else fi
  fi
}

inline resolve_deadlocks() {
  do
  :: true ->
     m = 0;
     for (i : 0 .. N - 1) { waits_for(i); rc[i] = wf[i]; if :: wf[i] -> m++ :: else fi };
     if :: m < 2 -> break :: else fi;            /* a cycle needs two waiters */
     for (m : 1 .. N) {                          /* transitive closure */
       for (i : 0 .. N - 1) {
         for (j : 0 .. N - 1) { if :: rc[i] & BIT(j) -> rc[i] = rc[i] | wf[j] :: else fi }
       }
     };
     cyc = 0;
     for (i : 0 .. N - 1) { if :: rc[i] & BIT(i) -> cyc = cyc | BIT(i) :: else fi };
     if
     :: cyc == 0 -> break
     :: else ->                                  /* abort the last one on a cycle */
        i = N - 1;
        do :: cyc & BIT(i) -> break :: else -> i-- od;
        release(i); st[i] = ABORTED; forget(i);
#ifdef LAZY_DETECTION
        blocked[i] = 0
#endif
     fi
  od;
  cyc = 0                                         /* (a d_step cannot end with od) */
}

inline step(t) {
  if
  :: pc[t] < NK ->                              /* r key pc */
     k = pc[t];
     sh[k] = sh[k] | BIT(t);
     RV(t, k) = db[k];
     pc[t]++
  :: pc[t] == NK ->                             /* w WKEY = NEWVAL */
     xo[WKEY(t)] = t + 1;
     wval[t] = NEWVAL(t);
     pc[t]++
  :: pc[t] == NK + 1 ->                         /* commit */
     db[WKEY(t)] = wval[t];
     release(t);
     st[t] = COMMITTED; forget(t)
  fi;
#ifdef LAZY_DETECTION
  blocked[t] = 0;
#endif
  resolve_deadlocks()
}

#ifdef LAZY_DETECTION
#define EXTRA_STEP(t) \
  :: d_step { st[t] == LIVE && !CAN(t) && !blocked[t] -> \
              blocked[t] = 1; resolve_deadlocks() }
#endif

#include "driver.pml"
