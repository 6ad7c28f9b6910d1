// Preloaded with `node --require` by the determinism test: moves the process's clock by
// SHIFT_CLOCK_MS (years, in practice), for `Date.now()` and `new Date()` alike, and records
// what the process saw (clock and time-zone offset) in CLOCK_PROOF_FILE, so that the test
// can tell the shift and the TZ really applied.
'use strict';
const fs = require('fs');

const shift = Number(process.env.SHIFT_CLOCK_MS ?? 0);
const RealDate = Date;
class ShiftedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + shift);
    else super(...args);
  }
  static now() {
    return RealDate.now() + shift;
  }
}
globalThis.Date = ShiftedDate;

if (process.env.CLOCK_PROOF_FILE) {
  // The zone offset at a fixed January instant: zones move (Kiritimati was UTC-10:40 before 1995).
  const tzOffsetMinutes = new RealDate(RealDate.UTC(2026, 0, 15)).getTimezoneOffset();
  fs.writeFileSync(process.env.CLOCK_PROOF_FILE, JSON.stringify({ now: Date.now(), realNow: RealDate.now(), tzOffsetMinutes }));
}
