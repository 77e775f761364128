/* driver.pml: the processes, included last by each engine. The engine
 * defines CAN(t) (the next operation of t can take effect now), the inline
 * step(t) (it takes effect) and the inline setup(). init starts every
 * transaction in one atomic step and, once all have ended, checks that the
 * final state is that of some serial order of the committed transactions. A
 * transaction that can never run again rests at an end label; if init is
 * still waiting then, Spin reports an invalid end state (a deadlock). */

proctype Txn(byte t) {
end:
  do
  :: d_step { st[t] == LIVE && CAN(t) -> step(t) }
#ifdef EXTRA_STEP
  EXTRA_STEP(t)
#endif
  od
}

init {
  atomic {
    setup();
    for (i : 0 .. N - 1) { run Txn(i) }
  };
  d_step {
    finished == N ->
    serial_ok(ok);
#ifdef ALL_COMMIT
    for (i : 0 .. N - 1) { assert(st[i] == COMMITTED) };
#endif
    assert(ok)
  }
}
