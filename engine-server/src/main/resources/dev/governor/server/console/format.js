// Numbers and dates as the console shows them: whole numbers with thousands separators
// ("12,500 / 50,000"), utilization as a whole percentage rounded down (a budget shows 100% only
// when it is used up), dates in the viewer's locale and time zone.

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const dateTime = new Intl.DateTimeFormat('en-US', {
  year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit',
});

export function count(n) {
  return whole.format(n);
}

/** "12,500 / 50,000", or "12,500 / Unlimited" for a tracked-but-unlimited budget. */
export function usageOfLimit(usage, limit) {
  return `${count(usage)} / ${limit === null ? 'Unlimited' : count(limit)}`;
}

/**
 * "Reserved 1,200" for what open reservations hold on a budget; "" when nothing is held (or the row
 * has no such field), so that the line only shows when it says something.
 */
export function reservedText(reserved) {
  return reserved > 0 ? `Reserved ${count(reserved)}` : '';
}

/**
 * Where the hatched "reserved" segment sits on a budget's bar, in percent of the limit: it starts
 * where usage ends and stops at the end of the bar. Null without a limit (an unlimited budget has
 * no bar to fill) or without anything held.
 */
export function reservedSegment(usage, reserved, limit) {
  if (limit === null || limit === undefined || !(reserved > 0)) return null;
  if (limit <= 0) return { left: 100, width: 0 };
  // Multiplied before dividing: 145 of 1,000 is 14.5, where (145 / 1000) * 100 is 14.499999999999998.
  const left = Math.min(100, (usage * 100) / limit);
  return { left, width: Math.min(100 - left, (reserved * 100) / limit) };
}

/** "25%" from 0.25; "<1%" for a little usage; "" without a limit. */
export function percent(utilization) {
  if (utilization === null || utilization === undefined) return '';
  const p = utilization * 100;
  if (p > 0 && p < 1) return '<1%';
  // The epsilon keeps 0.29 (28.999999999999996 in binary) from showing as 28%.
  return `${Math.floor(p + 1e-9)}%`;
}

export function date(iso) {
  return iso ? dateTime.format(new Date(iso)) : '';
}

/** An id from a display name: "Cost center" gives "cost-center". */
export function slug(text) {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 255);
}
