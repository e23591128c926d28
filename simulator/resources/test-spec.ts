import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import type { Answer } from '../test-helpers.js';

/**
 * A validator for one of the official spec subsets vendored in vendor/atlas-openapi/: every body
 * the simulator sends must fit them. `patch` adjusts the spec where recordings contradict it.
 */
// biome-ignore lint/suspicious/noExplicitAny: the spec is walked as plain JSON
export function loadSpec(file: string, patch: (spec: any) => void = () => {}) {
  // biome-ignore lint/suspicious/noExplicitAny: the spec is walked as plain JSON
  const spec: any = JSON.parse(
    readFileSync(new URL(`../../vendor/atlas-openapi/${file}`, import.meta.url), 'utf8'),
  );
  // api.md §3: real ApiError `parameters` are strings and numbers, not the spec's objects; recordings win.
  spec.components.schemas.ApiError.properties.parameters.items = {};
  patch(spec);
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  for (const f of ['int32', 'int64', 'double', 'float'])
    ajv.addFormat(f, { type: 'number', validate: () => true });
  ajv.addSchema({ ...spec, $id: 'spec' });

  /** The schema the spec gives for `template`, `status` and version (undeclared statuses: ApiError). */
  function schemaRef(template: string, status: number, version?: string): string {
    let response = spec.paths[template]?.get?.responses?.[String(status)];
    if (response?.$ref) response = spec.components.responses[response.$ref.split('/').pop()];
    const content: Record<string, { schema: { $ref: string } }> = response?.content ?? {};
    const media = version ? content[`application/vnd.atlas.${version}+json`] : Object.values(content)[0];
    return `spec${media?.schema.$ref ?? '#/components/schemas/ApiError'}`;
  }

  function expectValid(template: string, res: Answer, status: number, version?: string): void {
    expect(res.status, res.text).toBe(status);
    const validate = ajv.getSchema(schemaRef(template, status, version));
    expect(validate).toBeDefined();
    const ok = validate?.(res.json);
    expect(ok, JSON.stringify(validate?.errors)).toBe(true);
    if (status === 200) {
      expect(res.headers.get('content-type')).toMatch(
        version
          ? `application/vnd.atlas.${version}+json;charset=utf-8`
          : /^application\/vnd\.atlas\.\d{4}-\d{2}-\d{2}\+json;charset=utf-8$/,
      );
    } else {
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(res.headers.get('x-error-code')).toBe(res.json.errorCode);
      expect(res.json.error).toBe(status);
    }
  }

  return { spec, ajv, expectValid };
}
