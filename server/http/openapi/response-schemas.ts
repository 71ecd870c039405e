/** JSON Schemas of the API's responses, for the OpenAPI document. */
import { AGENT_STATES, CASE_CHANNELS, CASE_KINDS, CASE_STATES, NOT_READY_REASONS, ORG_UNIT_TYPES, ROLES, SKILLS } from '../../domain/terms';

type JsonSchema = Record<string, unknown>;

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (type: string): JsonSchema => ({ type: [type, 'null'] });
const isoTime: JsonSchema = { type: 'string', format: 'date-time' };

export const RESPONSE_SCHEMAS: Record<string, JsonSchema> = {
  Error: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message', 'fields'],
        properties: {
          code: { type: 'string', description: 'Stable error code, such as VALIDATION_FAILED or FORBIDDEN.' },
          message: { type: 'string', description: 'Chinese message for the user.' },
          fields: {
            type: 'array',
            items: {
              type: 'object',
              required: ['field', 'message'],
              properties: { field: { type: 'string', description: 'Dotted path in the request, such as enterprise.creditCode.' }, message: { type: 'string' } },
            },
          },
        },
      },
    },
  },
  User: {
    type: 'object',
    required: ['id', 'username', 'displayName', 'role', 'agentId', 'extension', 'skills'],
    properties: {
      id: { type: 'integer' },
      username: { type: 'string' },
      displayName: { type: 'string' },
      role: { type: 'string', enum: [...ROLES] },
      agentId: { ...nullable('string'), description: 'Agent id used by call control and the socket events; null for users without an agent profile.' },
      extension: nullable('string'),
      skills: { type: 'array', items: { type: 'string', enum: [...SKILLS] } },
    },
  },
  LoginResponse: {
    type: 'object',
    required: ['token', 'user'],
    properties: { token: { type: 'string', description: 'JWT for the Authorization header and the Socket.IO handshake.' }, user: ref('User') },
  },
  Category: {
    type: 'object',
    required: ['id', 'code', 'name', 'parentId'],
    properties: { id: { type: 'integer' }, code: { type: 'string' }, name: { type: 'string' }, parentId: nullable('integer') },
  },
  Enterprise: {
    type: 'object',
    required: ['id', 'name', 'creditCode', 'address', 'township'],
    properties: { id: { type: 'integer' }, name: { type: 'string' }, creditCode: { type: 'string' }, address: nullable('string'), township: nullable('string') },
  },
  CaseSummary: {
    type: 'object',
    required: ['id', 'caseNo', 'state', 'kind', 'channel', 'title', 'createdAt'],
    properties: {
      id: { type: 'integer' },
      caseNo: { type: 'string', description: 'MQ + date + daily sequence.' },
      state: { type: 'string', enum: [...CASE_STATES] },
      kind: { type: 'string', enum: [...CASE_KINDS] },
      channel: { type: 'string', enum: [...CASE_CHANNELS] },
      title: { type: 'string' },
      createdAt: isoTime,
    },
  },
  CaseList: {
    type: 'object',
    required: ['items', 'total'],
    properties: { items: { type: 'array', items: ref('CaseListEntry') }, total: { type: 'integer', description: 'Matching cases over all pages.' } },
  },
  CaseListEntry: {
    allOf: [
      ref('CaseSummary'),
      {
        type: 'object',
        required: ['dueAt', 'deadlineLevel', 'supervised'],
        properties: {
          dueAt: { type: ['string', 'null'], format: 'date-time', description: 'Completion due date, null for a case never dispatched.' },
          deadlineLevel: { type: ['string', 'null'], enum: ['normal', 'yellow', 'red', null], description: 'Worst level of the running clocks, null when none runs.' },
          supervised: { type: 'boolean', description: 'Under supervision (督办).' },
        },
      },
    ],
  },
  CaseEvent: {
    type: 'object',
    required: ['id', 'type', 'fromState', 'toState', 'actorUserId', 'actorName', 'note', 'data', 'createdAt'],
    properties: {
      id: { type: 'integer' },
      type: { type: 'string', description: 'What happened, such as registered or dispatched.' },
      fromState: { type: ['string', 'null'], enum: [...CASE_STATES, null] },
      toState: { type: ['string', 'null'], enum: [...CASE_STATES, null] },
      actorUserId: nullable('integer'),
      actorName: nullable('string'),
      note: nullable('string'),
      data: { type: ['object', 'null'] },
      createdAt: isoTime,
    },
  },
  Case: {
    allOf: [
      ref('CaseSummary'),
      {
        type: 'object',
        required: ['content', 'timeline'],
        properties: {
          categoryId: nullable('integer'),
          categoryName: nullable('string'),
          enterprise: { oneOf: [ref('Enterprise'), { type: 'null' }] },
          callerName: nullable('string'),
          callerNumber: nullable('string'),
          anonymous: { type: 'boolean' },
          confidential: { type: 'boolean' },
          content: { type: 'string' },
          callId: nullable('string'),
          createdById: { type: 'integer' },
          createdByName: { type: 'string' },
          handlingUnitId: nullable('integer'),
          handlingUnitName: nullable('string'),
          updatedAt: isoTime,
          timeline: { type: 'array', items: ref('CaseEvent'), description: 'Oldest first.' },
        },
      },
    ],
  },
  OrgUnit: {
    type: 'object',
    required: ['id', 'code', 'name', 'type', 'parentId'],
    properties: {
      id: { type: 'integer' },
      code: { type: 'string' },
      name: { type: 'string' },
      type: { type: 'string', enum: [...ORG_UNIT_TYPES] },
      parentId: nullable('integer'),
    },
  },
  Leader: {
    type: 'object',
    required: ['id', 'displayName'],
    properties: { id: { type: 'integer' }, displayName: { type: 'string' } },
  },
  Attachment: {
    type: 'object',
    required: ['id', 'caseId', 'fileName', 'contentType', 'sizeBytes', 'sha256', 'uploadedById', 'uploadedByName', 'orgUnitId', 'createdAt'],
    properties: {
      id: { type: 'integer' },
      caseId: { type: 'integer' },
      fileName: { type: 'string', description: 'The uploaded name without directories or reserved characters.' },
      contentType: { type: 'string', description: 'Decided by the server from the extension and checked against the first bytes.' },
      sizeBytes: { type: 'integer' },
      sha256: { type: 'string' },
      uploadedById: { type: 'integer' },
      uploadedByName: nullable('string'),
      orgUnitId: nullable('integer'),
      createdAt: isoTime,
    },
  },
  AgentStatus: {
    type: 'object',
    required: ['agentId', 'state', 'reason', 'since', 'callId', 'wrapUpEndsAt', 'pop'],
    properties: {
      agentId: { type: 'string' },
      state: { type: 'string', enum: [...AGENT_STATES] },
      reason: { type: ['string', 'null'], enum: [...NOT_READY_REASONS, null] },
      since: isoTime,
      callId: nullable('string'),
      wrapUpEndsAt: { type: ['string', 'null'], format: 'date-time' },
      pop: { type: ['object', 'null'], description: 'Screen pop of the current call; see docs/socket-events.md.' },
    },
  },
  Health: {
    type: 'object',
    required: ['status', 'database', 'asterisk'],
    properties: {
      status: { type: 'string', enum: ['ok', 'degraded', 'down'] },
      database: { type: 'object', required: ['ok'], properties: { ok: { type: 'boolean' } } },
      asterisk: {
        type: 'object',
        required: ['ari', 'ami'],
        properties: { ari: { type: 'boolean' }, ami: { type: ['boolean', 'null'], description: 'Null when the AMI link is disabled.' } },
      },
    },
  },
};
