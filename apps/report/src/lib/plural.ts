/** English count phrases for pages and chart prose: "1 worker", "2 workers", "0 cells". */
const rules = new Intl.PluralRules('en');

/** `count` and `noun`, the noun's last word in the plural when English wants it ("2 usable cores"). */
export function plural(count: number, noun: string, nounPlural = `${noun}s`): string {
  return `${count} ${rules.select(count) === 'one' ? noun : nounPlural}`;
}
