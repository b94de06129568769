/**
 * A pure function's answers kept for the last `max` distinct arguments, the oldest forgotten first
 * (a Map keeps its keys in the order they came). For the day and instant conversions a calendar page
 * asks thousands of times over a few hundred days: each costs a call to Intl or a parse, the same
 * answer every time. An argument whose computation throws is not kept.
 */
export function keptAnswers<K, V>(compute: (key: K) => V, max: number): (key: K) => V {
  const kept = new Map<K, V>();
  return (key) => {
    if (kept.has(key)) return kept.get(key)!;
    const value = compute(key);
    if (kept.size >= max) kept.delete(kept.keys().next().value!);
    kept.set(key, value);
    return value;
  };
}
