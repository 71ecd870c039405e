/**
 * A reader for Asterisk's .conf format, enough to check the files in asterisk-config/ against
 * the platform's defaults: sections with template markers, `key = value` and `key => value`
 * lines, and `;` comments.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ASTERISK_CONFIG_DIR = fileURLToPath(new URL('../../asterisk-config/', import.meta.url));

export interface ConfEntry {
  key: string;
  value: string;
  line: number;
}

export interface ConfSection {
  name: string;
  /** True for a template section, `[name](!)`. */
  isTemplate: boolean;
  /** Templates this section inherits from, `[name](template-a,template-b)`. */
  templates: string[];
  entries: ConfEntry[];
}

/** Parses Asterisk configuration text. A line it cannot read throws with its number. */
export function parseConf(text: string): ConfSection[] {
  const sections: ConfSection[] = [];
  let current: ConfSection | null = null;

  text.split('\n').forEach((rawLine, index) => {
    const lineNumber = index + 1;
    const line = stripComment(rawLine).trim();
    if (line === '') {
      return;
    }

    const header = /^\[([^\]]+)\](?:\(([^)]*)\))?$/.exec(line);
    if (header) {
      const options = (header[2] ?? '').split(',').map((option) => option.trim()).filter(Boolean);
      current = {
        name: header[1],
        isTemplate: options.includes('!'),
        templates: options.filter((option) => option !== '!'),
        entries: [],
      };
      sections.push(current);
      return;
    }

    const assignment = /^([^=]+?)\s*=>?\s*(.*)$/.exec(line);
    if (!assignment || !current) {
      throw new Error(`line ${lineNumber} is neither a section header nor key = value: ${rawLine}`);
    }
    (current as ConfSection).entries.push({ key: assignment[1].trim(), value: assignment[2].trim(), line: lineNumber });
  });
  return sections;
}

/** Removes a `;` comment; `\;` is a literal semicolon. */
function stripComment(line: string): string {
  for (let index = 0; index < line.length; index++) {
    if (line[index] === ';' && line[index - 1] !== '\\') {
      return line.slice(0, index);
    }
  }
  return line;
}

export function readConf(fileName: string): ConfSection[] {
  return parseConf(readFileSync(`${ASTERISK_CONFIG_DIR}${fileName}`, 'utf8'));
}

/** The sections named `name`; PJSIP allows one name for several object types. */
export function sectionsNamed(sections: ConfSection[], name: string): ConfSection[] {
  return sections.filter((section) => section.name === name);
}

/**
 * The settings of `section` with its templates applied first, as Asterisk does. Later values of
 * the same key replace earlier ones (use `entries` for keys that may repeat).
 */
export function settingsOf(sections: ConfSection[], section: ConfSection): Map<string, string> {
  const settings = new Map<string, string>();
  for (const templateName of section.templates) {
    const template = sections.find((candidate) => candidate.name === templateName && candidate.isTemplate);
    if (!template) {
      throw new Error(`section [${section.name}] inherits from missing template [${templateName}]`);
    }
    for (const [key, value] of settingsOf(sections, template)) {
      settings.set(key, value);
    }
  }
  for (const entry of section.entries) {
    settings.set(entry.key, entry.value);
  }
  return settings;
}

/** The non-template PJSIP objects of `type` (endpoint, aor, auth, ...), with templates applied. */
export function pjsipObjects(sections: ConfSection[], type: string): { name: string; settings: Map<string, string> }[] {
  return sections
    .filter((section) => !section.isTemplate)
    .map((section) => ({ name: section.name, settings: settingsOf(sections, section) }))
    .filter((object) => object.settings.get('type') === type);
}

/**
 * The dialplan of one context as `exten` lines with `same` lines resolved to their extension:
 * extension, priority label (1, n, or n(label)) and the application call.
 */
export function dialplanOf(sections: ConfSection[], context: string): { extension: string; priority: string; application: string }[] {
  const section = sections.find((candidate) => candidate.name === context);
  if (!section) {
    throw new Error(`context [${context}] not found`);
  }
  const steps: { extension: string; priority: string; application: string }[] = [];
  let extension = '';
  for (const entry of section.entries) {
    if (entry.key !== 'exten' && entry.key !== 'same') {
      continue;
    }
    const parts = splitFirst(entry.value, entry.key === 'exten' ? 3 : 2);
    if (entry.key === 'exten') {
      extension = parts[0];
      steps.push({ extension, priority: parts[1], application: parts[2] });
    } else {
      steps.push({ extension, priority: parts[0], application: parts[1] });
    }
  }
  return steps;
}

/** Splits `value` at its first `count - 1` commas outside parentheses. */
function splitFirst(value: string, count: number): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < value.length && parts.length < count - 1; index++) {
    const character = value[index];
    if (character === '(') depth++;
    if (character === ')') depth--;
    if (character === ',' && depth === 0) {
      parts.push(value.slice(start, index).trim());
      start = index + 1;
    }
  }
  parts.push(value.slice(start).trim());
  return parts;
}
