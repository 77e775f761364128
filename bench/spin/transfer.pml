/* transfer.pml: T1, T3, ... do r x, r y, w x = x + y, commit; T2, T4, ...
 * the same writing y = x + y; x = 10, y = 20 initially.
 * Serial outcome: transactions of one kind act alike, so it suffices to try
 * every arrangement of the committed x-writers and y-writers (a bit mask with
 * as many ones as x-writers) and compare its result with the final state. */
#define NK         2
#define INIT(k)    ((k) == 0 -> 10 : 20)
#define WKEY(t)    ((t) % 2)
#define NEWVAL(t)  (RV(t, 0) + RV(t, 1))

hidden byte nx, ny;
hidden short s;

inline serial_ok(ok) {
  nx = 0; ny = 0;
  for (i : 0 .. N - 1) {
    if
    :: st[i] == COMMITTED && WKEY(i) == 0 -> nx++
    :: st[i] == COMMITTED && WKEY(i) == 1 -> ny++
    :: else
    fi
  };
  ok = 0;
  s = 0;
  do
  :: s < (1 << (nx + ny)) ->
     m = 0;                                   /* popcount of s */
     for (i : 0 .. nx + ny - 1) { if :: s & BIT(i) -> m++ :: else fi };
     if
     :: m == nx ->
        x = INIT(0); y = INIT(1);
        for (i : 0 .. nx + ny - 1) {
          if :: s & BIT(i) -> x = x + y :: else -> y = x + y fi
        };
        if :: x == FINAL(0) && y == FINAL(1) -> ok = 1 :: else fi
     :: else
     fi;
     s++
  :: else -> break
  od
}
