import Decimal from "decimal.js";

/**
 * The units the arithmetic rule understands, as data. Every unit converts to a base unit of its
 * dimension (seconds, bytes, US dollars); counts of things ("requests", "orders") are
 * dimensionless. Bits are eighths of a byte, so "12 Gbit/s" and "1.5 GB/s" compare.
 */

/** Exponents of the three base dimensions; all zero is a plain count. */
export interface Dimension {
  time: number;
  data: number;
  money: number;
}

export const COUNT: Dimension = { time: 0, data: 0, money: 0 };

export interface Unit {
  /** How many base units one of this unit is. */
  scale: Decimal;
  dimension: Dimension;
  /** The spelling used when the rule prints a value in this unit. */
  symbol: string;
}

const D = (value: number | string): Decimal => new Decimal(value);

function unit(scale: Decimal | number | string, dimension: Partial<Dimension>, symbol: string): Unit {
  return { scale: scale instanceof Decimal ? scale : D(scale), dimension: { ...COUNT, ...dimension }, symbol };
}

/** A month as cloud prices count it, 730 hours: the rule tries it beside 30 days. */
export const PRICING_MONTH: Unit = unit(730 * 3600, { time: 1 }, "months");

const TIME: Array<[string[], Unit]> = [
  [["ns", "nanosecond", "nanoseconds", "nanos"], unit("1e-9", { time: 1 }, "ns")],
  [["µs", "μs", "us", "microsecond", "microseconds", "micros"], unit("1e-6", { time: 1 }, "µs")],
  [["ms", "millisecond", "milliseconds", "millis"], unit("1e-3", { time: 1 }, "ms")],
  [["s", "sec", "secs", "second", "seconds"], unit(1, { time: 1 }, "s")],
  [["min", "mins", "minute", "minutes"], unit(60, { time: 1 }, "min")],
  [["h", "hr", "hrs", "hour", "hours"], unit(3600, { time: 1 }, "h")],
  [["day", "days"], unit(86400, { time: 1 }, "days")],
  [["week", "weeks", "wk"], unit(604800, { time: 1 }, "weeks")],
  // A month is 30 days here and 730 hours in PRICING_MONTH; a year is 365 days.
  [["month", "months"], unit(2592000, { time: 1 }, "months")],
  [["year", "years", "yr", "yrs"], unit(31536000, { time: 1 }, "years")],
];

const DECIMAL_PREFIXES: Array<[string, number]> = [["", 0], ["K", 3], ["k", 3], ["M", 6], ["G", 9], ["T", 12], ["P", 15]];
const BINARY_PREFIXES: Array<[string, number]> = [["Ki", 10], ["Mi", 20], ["Gi", 30], ["Ti", 40], ["Pi", 50]];

function dataUnits(): Array<[string[], Unit]> {
  const units: Array<[string[], Unit]> = [[["byte", "bytes"], unit(1, { data: 1 }, "B")], [["bit", "bits"], unit("0.125", { data: 1 }, "bit")]];
  for (const [prefix, power] of DECIMAL_PREFIXES) {
    const scale = D(10).pow(power);
    units.push([[`${prefix}B`], unit(scale, { data: 1 }, `${prefix.toUpperCase()}B`)]);
    // Bits: "Gbit", "Gb" (capital prefix, lower-case b) and "Gbps" as a rate.
    if (prefix) units.push([[`${prefix}bit`, `${prefix}bits`, `${prefix}b`], unit(scale.div(8), { data: 1 }, `${prefix.toUpperCase()}bit`)]);
    units.push([[`${prefix}bps`], unit(scale.div(8), { data: 1, time: -1 }, `${prefix.toUpperCase()}bps`)]);
  }
  for (const [prefix, power] of BINARY_PREFIXES) units.push([[`${prefix}B`], unit(D(2).pow(power), { data: 1 }, `${prefix}B`)]);
  return units;
}

const MONEY: Array<[string[], Unit]> = [
  // One currency per calculation in practice; euros and pounds are read as money like dollars.
  [["usd", "dollar", "dollars", "$", "eur", "euro", "euros", "gbp"], unit(1, { money: 1 }, "USD")],
  [["cent", "cents"], unit("0.01", { money: 1 }, "cents")],
];

/** Rates written as one word: queries, requests or transactions per second. */
const RATES: Array<[string[], Unit]> = [[["qps", "rps", "tps"], unit(1, { time: -1 }, "/s")]];

function table(entries: Array<[string[], Unit]>, caseSensitive: boolean): Map<string, Unit> {
  const map = new Map<string, Unit>();
  for (const [names, value] of entries) for (const name of names) map.set(caseSensitive ? name : name.toLowerCase(), value);
  return map;
}

const CASE_SENSITIVE = table(dataUnits(), true);
const CASE_INSENSITIVE = table([...TIME, ...MONEY, ...RATES], false);
const TIME_ONLY = table(TIME, false);

/** The unit a word names, or undefined. Data units are case-sensitive ("Mb" is a megabit, "MB" a megabyte). */
export function unitNamed(word: string): Unit | undefined {
  return CASE_SENSITIVE.get(word) ?? (word === "B" ? undefined : CASE_INSENSITIVE.get(word.toLowerCase()));
}

/** A time unit a word names ("s", "day", "hours"), for rates written "/s" or "per day". */
export function timeUnitNamed(word: string): Unit | undefined {
  return TIME_ONLY.get(word.toLowerCase());
}

/** Multipliers written after a number: "40 k", "8 M", "2.5 billion". */
export const SCALE_WORDS: ReadonlyMap<string, Decimal> = new Map([
  ["k", D(1e3)],
  ["K", D(1e3)],
  ["thousand", D(1e3)],
  ["M", D(1e6)],
  ["mn", D(1e6)],
  ["million", D(1e6)],
  ["millions", D(1e6)],
  ["bn", D(1e9)],
  ["billion", D(1e9)],
  ["billions", D(1e9)],
  ["trillion", D(1e12)],
  // Percentage points: "a standard error of 0.42 pp".
  ["pp", D("0.01")],
]);

export function sameDimension(a: Dimension, b: Dimension): boolean {
  return a.time === b.time && a.data === b.data && a.money === b.money;
}

export function combine(a: Dimension, b: Dimension, sign: 1 | -1): Dimension {
  return { time: a.time + sign * b.time, data: a.data + sign * b.data, money: a.money + sign * b.money };
}

export function scaleDimension(a: Dimension, power: number): Dimension {
  return { time: a.time * power, data: a.data * power, money: a.money * power };
}

/** A dimension as base units: "B", "B/s", "USD", "s²", "plain numbers". */
export function describeDimension(dimension: Dimension): string {
  const power = (symbol: string, exponent: number): string => (exponent === 1 ? symbol : `${symbol}^${exponent}`);
  const above = [power("B", dimension.data), power("USD", dimension.money), power("s", dimension.time)].filter((_, index) => [dimension.data, dimension.money, dimension.time][index]! > 0);
  const below = [power("B", -dimension.data), power("USD", -dimension.money), power("s", -dimension.time)].filter((_, index) => [dimension.data, dimension.money, dimension.time][index]! < 0);
  if (!above.length && !below.length) return "plain numbers";
  return `${above.length ? above.join("·") : "1"}${below.length ? `/${below.join("·")}` : ""}`;
}

/** Units a right side may have left unwritten, by dimension: time and decimal sizes. */
const ELIDABLE: Unit[] = [...TIME.map(([, value]) => value), ...dataUnits().filter(([names]) => /^[KMGTP]?B$/.test(names[0]!)).map(([, value]) => value)];

export function unitsOfDimension(dimension: Dimension): Unit[] {
  return ELIDABLE.filter((candidate) => sameDimension(candidate.dimension, dimension));
}
