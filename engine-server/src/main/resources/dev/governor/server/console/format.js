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
