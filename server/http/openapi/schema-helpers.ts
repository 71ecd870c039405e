/** Small builders for the OpenAPI document, shared by every file that describes routes. */
import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

/** Converts a zod request schema into JSON Schema, without the `$schema` dialect line. */
export function schemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** Lists the properties of a zod object schema as OpenAPI query or path parameters. */
export function parameters(schema: z.ZodType, location: 'query' | 'path'): JsonSchema[] {
  const json = schemaOf(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const json = (schema: JsonSchema, description: string) => ({ description, content: { 'application/json': { schema } } });
export const error = (description: string) => json(ref('Error'), description);
