/** OpenAPI paths and response schemas of the case workflow: actions, identity release, duplicates and inboxes. */
import { z } from 'zod';
import { CASE_STATES, SATISFACTION_LEVELS } from '../../domain/terms';
import { ACTION_INPUT_SCHEMAS } from '../../workflow/case-action-input';
import { caseIdSchema } from '../routes/cases/schemas';
import { inboxQuerySchema, revealIdentityRequestSchema } from '../routes/cases/workflow-schemas';
import { error, json, parameters, ref, schemaOf, type JsonSchema } from './schema-helpers';

const nullable = (type: string): JsonSchema => ({ type: [type, 'null'] });
const isoTime: JsonSchema = { type: 'string', format: 'date-time' };
const ROLE_ERRORS = {
  401: error('AUTH_REQUIRED without a token, AUTH_INVALID for a bad or expired token'),
  403: error('FORBIDDEN: the role, unit or leader may not act on this case'),
};

/** Builds one body schema per action: `action`, the optional `version`, and the action's own fields. */
function actionBodies(): JsonSchema[] {
  return Object.entries(ACTION_INPUT_SCHEMAS).map(([action, schema]) => {
    const input = schemaOf(schema as z.ZodType) as { properties?: Record<string, JsonSchema>; required?: string[] };
    return {
      title: action,
      type: 'object',
      required: ['action', ...(input.required ?? [])],
      properties: {
        action: { const: action },
        version: { type: 'integer', minimum: 0, description: 'Version of the case the user saw; CONFLICT when the case changed since.' },
        ...input.properties,
      },
    };
  });
}

const deadline: JsonSchema = {
  type: 'object',
  required: ['stage', 'startedAt', 'dueAt', 'warnAt', 'level', 'metAt'],
  properties: {
    stage: { type: 'string', enum: ['sign', 'first-contact', 'complete'] },
    limit: { type: 'object', properties: { amount: { type: 'integer' }, unit: { type: 'string', enum: ['working-days', 'working-hours'] } } },
    startedAt: isoTime,
    dueAt: isoTime,
    warnAt: isoTime,
    level: { type: 'string', enum: ['normal', 'yellow', 'red'] },
    metAt: { type: ['string', 'null'], format: 'date-time' },
  },
};

export const WORKFLOW_SCHEMAS: Record<string, JsonSchema> = {
  CaseUnit: {
    type: 'object',
    required: ['orgUnitId', 'name', 'role', 'state'],
    properties: {
      orgUnitId: { type: 'integer' },
      name: { type: 'string' },
      role: { type: 'string', enum: ['lead', 'co'] },
      state: { type: 'string', enum: ['active', 'co-replied', 'withdrawn'], description: 'withdrawn: the case was dispatched elsewhere.' },
    },
  },
  CaseWorkflow: {
    allOf: [
      ref('Case'),
      {
        type: 'object',
        required: ['version', 'units', 'availableActions', 'dueDates', 'deadlineLevel', 'identityMasked'],
        properties: {
          version: { type: 'integer', description: 'Send it back with an action to detect changes made meanwhile.' },
          realName: { type: 'boolean' },
          supervised: { type: 'boolean' },
          extensionPending: { type: 'boolean' },
          extensionRequestedDays: nullable('integer'),
          extensionDays: { type: 'integer', description: 'Working days added by approved extensions since the last dispatch.' },
          escalationPending: { type: 'boolean' },
          escalationMajor: { type: 'boolean' },
          escalatedToUserId: nullable('integer'),
          reopenCount: { type: 'integer' },
          mergedIntoCaseId: nullable('integer'),
          identityReleased: { type: 'boolean' },
          identityMasked: { type: 'boolean', description: 'callerName, callerNumber and enterprise are masked (张**, 138****5678).' },
          satisfaction: { type: ['string', 'null'], enum: [...SATISFACTION_LEVELS, null] },
          dispatchedAt: { type: ['string', 'null'], format: 'date-time' },
          dueAt: { type: ['string', 'null'], format: 'date-time', description: 'Completion due date, extensions included.' },
          units: { type: 'array', items: ref('CaseUnit') },
          availableActions: { type: 'array', items: { type: 'string', enum: Object.keys(ACTION_INPUT_SCHEMAS) } },
          dueDates: { type: 'object', additionalProperties: deadline, description: 'The current clock of each stage, keyed by stage.' },
          deadlineLevel: { type: ['string', 'null'], enum: ['normal', 'yellow', 'red', null] },
          suggestedUnit: {
            oneOf: [
              { type: 'object', properties: { orgUnitId: { type: 'integer' }, name: { type: 'string' }, reason: { type: 'string' } } },
              { type: 'null' },
            ],
            description: 'The discipline commission for conduct and discipline categories.',
          },
          possibleDuplicates: {
            type: 'array',
            items: ref('DuplicateCase'),
            description: 'For a registered case read by the platform: open cases it may duplicate, to merge with instead of dispatching.',
          },
        },
      },
    ],
  },
  InboxPage: {
    type: 'object',
    required: ['total', 'items'],
    properties: {
      total: { type: 'integer' },
      items: {
        type: 'array',
        items: {
          allOf: [
            ref('CaseSummary'),
            {
              type: 'object',
              properties: {
                categoryName: nullable('string'),
                handlingUnitName: nullable('string'),
                realName: { type: 'boolean' },
                supervised: { type: 'boolean' },
                extensionPending: { type: 'boolean' },
                escalationPending: { type: 'boolean' },
                escalationMajor: { type: 'boolean' },
                dispatchedAt: { type: ['string', 'null'], format: 'date-time' },
                dueAt: { type: ['string', 'null'], format: 'date-time' },
                unitRole: { type: ['string', 'null'], enum: ['lead', 'co', null] },
                deadlineLevel: { type: ['string', 'null'], enum: ['normal', 'yellow', 'red', null] },
              },
            },
          ],
        },
      },
    },
  },
  DuplicateCase: {
    allOf: [
      ref('CaseSummary'),
      {
        type: 'object',
        properties: {
          categoryId: nullable('integer'),
          categoryName: nullable('string'),
          sameCaller: { type: 'boolean' },
          sameEnterprise: { type: 'boolean' },
          sameCategory: { type: 'boolean' },
          titleSimilarity: { type: 'number', minimum: 0, maximum: 1 },
        },
      },
    ],
  },
  DuplicateList: {
    type: 'object',
    required: ['items'],
    properties: { items: { type: 'array', items: ref('DuplicateCase') } },
  },
  IdentityViewList: {
    type: 'object',
    required: ['items'],
    properties: {
      items: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            id: { type: 'integer' },
            caseId: { type: 'integer' },
            userId: { type: 'integer' },
            userName: { type: 'string' },
            kind: { type: 'string', enum: ['read', 'release'] },
            reason: nullable('string'),
            at: isoTime,
          },
        },
      },
    },
  },
};

const caseId = parameters(caseIdSchema, 'path');

export const WORKFLOW_PATHS: Record<string, JsonSchema> = {
  '/api/cases/{id}/actions': {
    post: {
      summary: 'Take a workflow action on a case',
      description:
        'The body is `{ action, version?, ...fields }`; each action and its fields are one entry of the oneOf. The role, the unit (lead or co-handling) or the leader, and the state decide what is allowed; the case view lists the reader\'s `availableActions`. ' +
        `States: ${CASE_STATES.join(', ')}. Everything is written in one transaction with its timeline entry.`,
      parameters: caseId,
      requestBody: { required: true, content: { 'application/json': { schema: { oneOf: actionBodies() } } } },
      responses: {
        200: json(ref('CaseWorkflow'), 'The case after the action'),
        400: error('VALIDATION_FAILED: unknown action or invalid fields, a Chinese message per field'),
        404: error('NOT_FOUND'),
        409: error('INVALID_STATE: the state or a pending request rules the action out; CONFLICT: the case changed since `version`, or another action won'),
        ...ROLE_ERRORS,
      },
    },
  },
  '/api/cases/{id}/reveal-identity': {
    post: {
      summary: 'Release a confidential or anonymous reporter\'s identity to the handling units (supervisors, admins)',
      parameters: caseId,
      requestBody: { required: true, content: { 'application/json': { schema: schemaOf(revealIdentityRequestSchema) } } },
      responses: {
        200: json(ref('CaseWorkflow'), 'The case; the release is on the timeline and in the identity views'),
        400: error('VALIDATION_FAILED: the reason is missing'),
        404: error('NOT_FOUND'),
        409: error('INVALID_STATE: the identity is not protected or already released; CONFLICT: stale version'),
        ...ROLE_ERRORS,
      },
    },
  },
  '/api/cases/{id}/duplicates': {
    get: {
      summary: 'Open cases of the same caller number or enterprise about the same matter, to merge with',
      description: 'Same category or a title similarity of at least 0.5 (character bigrams). Merge with the action `merge`.',
      parameters: caseId,
      responses: { 200: json(ref('DuplicateList'), 'The candidates, the closest first'), 404: error('NOT_FOUND'), ...ROLE_ERRORS },
    },
  },
  '/api/cases/{id}/identity-views': {
    get: {
      summary: 'Every showing of the full identity of a protected reporter, oldest first (supervisors, admins)',
      parameters: caseId,
      responses: { 200: json(ref('IdentityViewList'), 'The identity views'), 404: error('NOT_FOUND'), ...ROLE_ERRORS },
    },
  },
  '/api/inbox': {
    get: {
      summary: 'Inbox of a unit handler (cases of their unit) or a leader (cases escalated to them)',
      description: 'Real-name matters first, then supervised ones, then by completion due date.',
      parameters: parameters(inboxQuerySchema, 'query'),
      responses: { 200: json(ref('InboxPage'), 'One page of the inbox'), 400: error('VALIDATION_FAILED'), ...ROLE_ERRORS },
    },
  },
};
