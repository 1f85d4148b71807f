import { readSkill } from '../../skills/catalog.js';
import { CATEGORIES, type Category } from '../categories.js';

export interface ChecklistSection {
  category: Category;
  /** The section title in AUDIT-CHECKLIST.md, e.g. "Sign-up". */
  title: string;
  /** "Phase that deals with it", from the table at the top of AUDIT-CHECKLIST.md. */
  phase: string;
}

/**
 * The level-2 sections of AUDIT-CHECKLIST.md headed `## <Title> — \`<category>\``, in file order,
 * with the phase column of its summary table. Categories the file lacks are appended by id.
 */
export function parseChecklistSections(text: string): ChecklistSection[] {
  const phases = new Map<string, string>();
  for (const match of text.matchAll(/^\|\s*([a-z-]+)\s*\|[^|\n]*\|\s*([^|\n]+?)\s*\|\s*$/gm)) phases.set(match[1]!, match[2]!.replace(/`/g, ''));
  const sections: ChecklistSection[] = [];
  for (const match of text.matchAll(/^##\s+(.+?)\s+[—–-]\s+`([a-z-]+)`\s*$/gm)) {
    const category = match[2] as Category;
    if (!CATEGORIES.includes(category) || sections.some((section) => section.category === category)) continue;
    sections.push({ category, title: match[1]!.trim(), phase: phases.get(category) ?? '' });
  }
  for (const category of CATEGORIES) {
    if (!sections.some((section) => section.category === category)) sections.push({ category, title: category, phase: phases.get(category) ?? '' });
  }
  return sections;
}

export async function loadChecklistSections(): Promise<ChecklistSection[]> {
  try {
    return parseChecklistSections((await readSkill('AUDIT-CHECKLIST.md')).text);
  } catch {
    return parseChecklistSections('');
  }
}
