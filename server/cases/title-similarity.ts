/**
 * Similarity of two case titles, for spotting a second case about the same matter. Chinese has
 * no spaces between words, so titles are compared by their character pairs (bigrams): the Dice
 * coefficient, 2 × shared pairs / all pairs, from 0 (nothing shared) to 1 (same pairs).
 */

/** Titles at least this similar are offered for merging. */
export const SIMILAR_TITLE_THRESHOLD = 0.5;

function bigrams(title: string): string[] {
  const characters = [...title.toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '')];
  if (characters.length === 1) return characters;
  const pairs: string[] = [];
  for (let index = 0; index + 1 < characters.length; index++) pairs.push(characters[index] + characters[index + 1]);
  return pairs;
}

export function titleSimilarity(first: string, second: string): number {
  const a = bigrams(first);
  const b = bigrams(second);
  if (a.length === 0 || b.length === 0) return 0;

  const counts = new Map<string, number>();
  for (const pair of a) counts.set(pair, (counts.get(pair) ?? 0) + 1);
  let shared = 0;
  for (const pair of b) {
    const left = counts.get(pair) ?? 0;
    if (left > 0) {
      shared++;
      counts.set(pair, left - 1);
    }
  }
  return (2 * shared) / (a.length + b.length);
}
