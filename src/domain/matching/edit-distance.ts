/**
 * Edit distance between names: optimal string alignment (restricted Damerau–Levenshtein), so a
 * transposition of two neighbouring letters ("Mrtain") costs one edit like a typo does.
 */

/**
 * The number of insertions, deletions, substitutions and adjacent transpositions from a to b.
 * @example osaDistance('martin', 'matrin') // 1
 */
export function osaDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (d[(i - 1) * cols + j] as number) + 1,
        (d[i * cols + j - 1] as number) + 1,
        (d[(i - 1) * cols + j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (d[(i - 2) * cols + j - 2] as number) + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1] as number;
}

/**
 * How many edits a name of this length may differ by and still be "close": none up to 3
 * letters, one from 4 to 6, two from 7 (OpenCRVS's fuzzy 'AUTO:4,7', Elasticsearch's
 * AUTO fuzziness with those bounds). The shorter of the two names decides.
 * @example editTolerance(5) // 1
 */
export function editTolerance(length: number): number {
  if (length <= 3) return 0;
  if (length <= 6) return 1;
  return 2;
}

/**
 * Whether two normalised names are within the tolerance of the shorter one (and not equal).
 * @example isCloseName('mohamed', 'mohammed') // true
 */
export function isCloseName(a: string, b: string): boolean {
  if (a === b || a === '' || b === '') return false;
  const tolerance = editTolerance(Math.min(a.length, b.length));
  if (tolerance === 0 || Math.abs(a.length - b.length) > tolerance) return false;
  return osaDistance(a, b) <= tolerance;
}
