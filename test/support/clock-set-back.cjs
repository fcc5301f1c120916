// Preload (node --require) for a server or tool whose wall clock reads CLOCK_OFFSET_MS off the real one
// (negative: set back), as an office server's clock set back by an NTP step, a dead CMOS battery or an
// administrator reads it (breaker9p P1). Only `Date` of that process moves; the machine's clock is untouched.
const offset = Number(process.env.CLOCK_OFFSET_MS || 0);
if (offset) {
  const RealDate = Date;
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate;
}
