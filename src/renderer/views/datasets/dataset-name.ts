const MAX = 100;
// Letters NFKD does not take apart, and Cyrillic, spelled in ASCII so "Données" and "Данные" give readable names.
const SPELLED: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  ø: 'o',
  Ø: 'O',
  œ: 'oe',
  Œ: 'OE',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  þ: 'th',
  Þ: 'Th',
  ı: 'i',
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

function spell(s: string): string {
  return [...s.normalize('NFKD').replace(/\p{M}+/gu, '')]
    .map((c) => {
      const lower = c.toLowerCase();
      const t = SPELLED[c] ?? SPELLED[lower];
      if (t === undefined) return c;
      return c !== lower && t ? t[0]!.toUpperCase() + t.slice(1) : t;
    })
    .join('');
}

/**
 * A valid, readable dataset name from a folder or file name: accents dropped and Cyrillic spelled
 * out ("Données 2024" → Donnees-2024), other characters as "-", at most 100 characters.
 */
export function suggestDatasetName(label: string): string {
  const base = spell(label.replace(/\.[A-Za-z0-9]{1,5}$/, ''));
  const s = base
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, MAX)
    .replace(/[-._]+$/, '');
  return s || 'dataset';
}

export const DATASET_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** What is wrong with a dataset name, in one sentence, or null when it is fine. */
export function datasetNameProblem(name: string): string | null {
  if (!name) return 'Give the dataset a name.';
  if (name.length > MAX) return `The name is ${name.length} characters long: at most ${MAX}.`;
  if (!DATASET_NAME_RE.test(name)) return 'Letters, digits, “.”, “_” and “-”, starting with a letter or digit.';
  return null;
}
