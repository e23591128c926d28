import { isObject, text } from '../lenient.js';
import { parseTags, type Tag } from '../tags.js';

/** An Atlas project (the API calls it a group). */
export interface Group {
  id: string;
  name: string;
  orgId: string;
  /** its Atlas tags; none when the project was named by id and not listed */
  tags?: readonly Tag[];
  /** in --atlas.project-id but not among the projects the credentials see: no name, no organisation */
  unlisted?: true;
}

export function parseGroup(raw: unknown): Group | undefined {
  if (!isObject(raw)) return undefined;
  const id = text(raw.id);
  const name = text(raw.name);
  if (id === undefined || name === undefined) return undefined;
  return { id, name, orgId: text(raw.orgId) ?? '', tags: parseTags(raw.tags) };
}
