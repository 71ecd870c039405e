/** OpenAPI paths of the self-service intake: the public pages and their API, the intake API and its admin routes. */
import { z } from 'zod';
import { apiIntakeRequestSchema, progressRequestSchema, webIntakeRequestSchema } from '../../../intake/intake-request';
import { apiKeyIdSchema, createApiKeyRequestSchema } from './admin-router';
import { error, json, schemaOf, type JsonSchema } from '../../openapi/schema-helpers';

const body = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: schemaOf(schema) } } });
const html = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });
const ADMIN_ERRORS = {
  401: error('AUTH_REQUIRED without a token, AUTH_INVALID for a bad or expired token'),
  403: error('FORBIDDEN: only admins may use this route'),
};

const receipt = {
  type: 'object',
  required: ['caseNo', 'queryCode'],
  properties: {
    caseNo: { type: 'string', examples: ['MQ202603050001'] },
    queryCode: { type: 'string', description: 'Shown once; with the case number it opens the progress page. Only its hash is stored.' },
  },
};

const step = {
  type: 'object',
  properties: { at: { type: 'string', format: 'date-time' }, state: { type: 'string' }, stateLabel: { type: 'string' } },
};

const progress = {
  type: 'object',
  properties: {
    caseNo: { type: 'string' },
    kind: { type: 'string' },
    kindLabel: { type: 'string' },
    channel: { type: 'string' },
    channelLabel: { type: 'string' },
    title: { type: 'string' },
    state: { type: 'string' },
    stateLabel: { type: 'string' },
    submittedAt: { type: 'string', format: 'date-time' },
    timeline: { type: 'array', items: step, description: 'State changes, oldest first; no names, notes or units.' },
  },
};

const apiKey = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    channel: { type: 'string', enum: ['wechat', 'app', 'weibo'] },
    keyPrefix: { type: 'string', description: 'The first 12 characters of the key' },
    createdAt: { type: 'string', format: 'date-time' },
    lastUsedAt: { type: ['string', 'null'], format: 'date-time' },
    revokedAt: { type: ['string', 'null'], format: 'date-time' },
  },
};

export const INTAKE_PATHS: Record<string, JsonSchema> = {
  '/intake': {
    get: { summary: 'Public web intake page (Chinese), no account needed', security: [], responses: { 200: html('The page') } },
  },
  '/progress': {
    get: { summary: 'Public progress page (Chinese): case number and query code', security: [], responses: { 200: html('The page') } },
  },
  '/public-assets/{file}': {
    get: {
      summary: 'Script or stylesheet of the public pages, named by content hash',
      security: [],
      parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string' } }],
      responses: { 200: { description: 'The file' }, 404: { description: 'No such file' } },
    },
  },
  '/api/public/intake': {
    post: {
      summary: 'Submit a matter from the public web form (channel web)',
      description: 'No account. Limited to `PUBLIC_INTAKE_LIMIT` submissions per client address per hour. The credit code is checked (GB 32100).',
      security: [],
      requestBody: body(webIntakeRequestSchema),
      responses: {
        201: json(receipt, 'The case number and the query code'),
        400: error('VALIDATION_FAILED with a Chinese message per field; nothing is written'),
        429: error('RATE_LIMITED: too many submissions from this address'),
      },
    },
  },
  '/api/public/progress': {
    post: {
      summary: 'Progress of a case by case number and query code',
      description: 'Limited to `PUBLIC_PROGRESS_LIMIT` lookups per client address per hour.',
      security: [],
      requestBody: body(progressRequestSchema),
      responses: {
        200: json(progress, 'The state and the public timeline'),
        400: error('VALIDATION_FAILED'),
        404: error('NOT_FOUND: the same answer for an unknown case number and a wrong query code'),
        429: error('RATE_LIMITED: too many lookups from this address'),
      },
    },
  },
  '/api/intake/cases': {
    post: {
      summary: 'Submit a matter from a WeChat, app or Weibo front end',
      description:
        'Authenticated by `X-Api-Key` (the channel comes from the key). `Idempotency-Key` is required: a repeated key with the same body returns the first case (200, `Idempotent-Replayed: true`, same query code); the same key with another body is 409. Concurrent duplicates create one case.',
      security: [],
      parameters: [
        { name: 'X-Api-Key', in: 'header', required: true, schema: { type: 'string' } },
        { name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', maxLength: 128 } },
      ],
      requestBody: body(apiIntakeRequestSchema),
      responses: {
        201: json({ ...receipt, properties: { ...receipt.properties, channel: { type: 'string' } } }, 'The case was created'),
        200: json({ ...receipt, properties: { ...receipt.properties, channel: { type: 'string' } } }, 'An earlier request with this key created the case'),
        400: error('VALIDATION_FAILED, also for a missing or malformed Idempotency-Key'),
        401: error('AUTH_INVALID: missing, unknown or revoked API key'),
        409: error('CONFLICT: the idempotency key was used with another body'),
      },
    },
  },
  '/api/admin/intake-api-keys': {
    get: { summary: 'API keys of the intake front ends (without the keys)', responses: { 200: json({ type: 'array', items: apiKey }, 'The keys'), ...ADMIN_ERRORS } },
    post: {
      summary: 'Create an API key for a front end',
      requestBody: body(createApiKeyRequestSchema),
      responses: {
        201: json({ ...apiKey, properties: { ...apiKey.properties, key: { type: 'string', description: 'Shown only in this answer' } } }, 'The new key'),
        400: error('VALIDATION_FAILED'),
        ...ADMIN_ERRORS,
      },
    },
  },
  '/api/admin/intake-api-keys/{id}/revoke': {
    post: {
      summary: 'Revoke an API key; requests with it are refused from then on',
      parameters: [{ name: 'id', in: 'path', required: true, schema: (schemaOf(apiKeyIdSchema) as { properties: Record<string, JsonSchema> }).properties.id }],
      responses: { 200: json(apiKey, 'The revoked key'), 404: error('NOT_FOUND'), ...ADMIN_ERRORS },
    },
  },
};
