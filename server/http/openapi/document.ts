/**
 * The OpenAPI 3.1 document of the REST API. Request bodies and query parameters are generated
 * from the same zod schemas the routes parse with; responses come from `RESPONSE_SCHEMAS`.
 * `docs/openapi.json` is this document written out (`npm run docs:openapi`).
 */
import { createCaseRequestSchema } from '../../cases/create-case-request';
import { attachmentParamsSchema, caseAttachmentsParamsSchema } from '../routes/attachments/schemas';
import { loginRequestSchema } from '../routes/auth/schemas';
import { caseIdSchema, caseListQuerySchema } from '../routes/cases/schemas';
import { enterpriseQuerySchema } from '../routes/enterprises/schemas';
import { RESPONSE_SCHEMAS } from './response-schemas';
import { DEPARTMENT_PATHS } from '../routes/department/openapi-paths';
import { INTAKE_PATHS } from '../routes/intake/openapi-paths';
import { WORKFLOW_PATHS, WORKFLOW_SCHEMAS } from './workflow-paths';
import { TIME_LIMIT_PATHS, TIME_LIMIT_SCHEMAS } from './time-limit-paths';
import { error, json, parameters, ref, schemaOf as requestSchema, type JsonSchema } from './schema-helpers';


/** Error responses shared by every route behind a login. */
const SIGNED_IN_ERRORS = {
  401: error('AUTH_REQUIRED without a token, AUTH_INVALID for a bad or expired token'),
};
const ROLE_ERRORS = { ...SIGNED_IN_ERRORS, 403: error('FORBIDDEN: the role may not use this route') };

export function buildOpenApiDocument(): JsonSchema {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Minquan 12345 platform API',
      version: '0.1.0',
      description:
        'REST API of the Minquan County 12345 Enterprise Service 110 platform. Errors are `{ error: { code, message, fields } }` with a Chinese `message`. Real-time events are listed in docs/socket-events.md.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { ...RESPONSE_SCHEMAS, ...WORKFLOW_SCHEMAS, ...TIME_LIMIT_SCHEMAS },
    },
    security: [{ bearer: [] }],
    paths: {
      '/api/health': {
        get: {
          summary: 'Database and Asterisk link status',
          security: [],
          responses: { 200: json(ref('Health'), 'The database answers'), 503: json(ref('Health'), 'The database does not answer') },
        },
      },
      '/api/openapi.json': {
        get: { summary: 'This document', security: [], responses: { 200: json({ type: 'object' }, 'The OpenAPI document') } },
      },
      '/api/auth/login': {
        post: {
          summary: 'Log in with username and password',
          security: [],
          requestBody: { required: true, content: { 'application/json': { schema: requestSchema(loginRequestSchema) } } },
          responses: {
            200: json(ref('LoginResponse'), 'Logged in'),
            400: error('VALIDATION_FAILED'),
            401: error('LOGIN_FAILED: unknown user, inactive user or wrong password'),
            429: error('RATE_LIMITED: too many failed attempts for this username from this address'),
          },
        },
      },
      '/api/me': {
        get: { summary: 'The signed-in user', responses: { 200: json(ref('User'), 'The user'), ...SIGNED_IN_ERRORS } },
      },
      '/api/categories': {
        get: {
          summary: 'Active case categories, flat, ordered by code',
          responses: { 200: json({ type: 'array', items: ref('Category') }, 'The categories'), ...ROLE_ERRORS },
        },
      },
      '/api/enterprises': {
        get: {
          summary: 'Find enterprises by exact credit code or by name or code prefix',
          parameters: parameters(enterpriseQuerySchema, 'query'),
          responses: {
            200: json({ type: 'array', items: ref('Enterprise') }, 'Matching enterprises (at most one for creditCode)'),
            400: error('VALIDATION_FAILED: give exactly one of creditCode and q'),
            ...ROLE_ERRORS,
          },
        },
      },
      '/api/cases': {
        get: {
          summary: 'Cases the user may see, newest first',
          description: 'Agents see the cases they registered and those of calls they answered; supervisors and admins see all. `mine` limits to cases the user registered.',
          parameters: parameters(caseListQuerySchema, 'query'),
          responses: { 200: json(ref('CaseList'), 'One page of cases'), 400: error('VALIDATION_FAILED'), ...ROLE_ERRORS },
        },
        post: {
          summary: 'Register a case',
          description:
            'Give `enterpriseId` for a stored enterprise or `enterprise` for a new one (found by credit code when it exists). `callId` must be a call this agent answered.',
          requestBody: { required: true, content: { 'application/json': { schema: requestSchema(createCaseRequestSchema) } } },
          responses: {
            201: json(ref('CaseWorkflow'), 'The registered case with its timeline and the open cases it may duplicate'),
            400: error('VALIDATION_FAILED with a Chinese message per field'),
            409: error('CONFLICT: the call already has a case'),
            ...ROLE_ERRORS,
          },
        },
      },
      '/api/cases/{id}': {
        get: {
          summary: 'One case with its timeline, units, due dates and the actions the reader may take',
          description: 'Unit handlers and leaders see a confidential or anonymous reporter masked unless the platform released the identity; every showing of a full protected identity is logged.',
          parameters: parameters(caseIdSchema, 'path'),
          responses: {
            200: json(ref('CaseWorkflow'), 'The case'),
            400: error('VALIDATION_FAILED: the id is not a positive integer'),
            404: error('NOT_FOUND'),
            ...ROLE_ERRORS,
          },
        },
      },
      '/api/org-units': {
        get: {
          summary: 'Active organisation units, flat, ordered by code; a child names its parent in parentId',
          responses: { 200: json({ type: 'array', items: ref('OrgUnit') }, 'The units'), ...ROLE_ERRORS },
        },
      },
      '/api/leaders': {
        get: {
          summary: 'Active leader accounts, for choosing who receives an escalated case; supervisors and admins',
          responses: { 200: json({ type: 'array', items: ref('Leader') }, 'The leaders, ordered by name'), ...ROLE_ERRORS },
        },
      },
      '/api/cases/{id}/attachments': {
        get: {
          summary: "A case's attachments, oldest first",
          parameters: parameters(caseAttachmentsParamsSchema, 'path'),
          responses: {
            200: json({ type: 'array', items: ref('Attachment') }, 'The attachments'),
            404: error('NOT_FOUND: no such case'),
            ...ROLE_ERRORS,
          },
        },
        post: {
          summary: 'Attach files to a case',
          description:
            'multipart/form-data with up to 5 file parts (any field name). Accepted: pdf, jpg/jpeg, png, doc/docx, xls/xlsx, txt, each at most ATTACHMENT_MAX_MB; the first bytes must match the extension. Either all files are stored or none. Unit handlers may upload while the case is dispatched, signed for or in progress; nobody after it is archived.',
          parameters: parameters(caseAttachmentsParamsSchema, 'path'),
          requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } } } } } },
          responses: {
            201: json({ type: 'array', items: ref('Attachment') }, 'The stored attachments'),
            400: error('VALIDATION_FAILED: not multipart, no file, or more than 5 files'),
            404: error('NOT_FOUND: no such case'),
            409: error('INVALID_STATE: the case no longer accepts attachments'),
            413: error('VALIDATION_FAILED: a file is larger than ATTACHMENT_MAX_MB'),
            415: error('VALIDATION_FAILED: a file type is not accepted or its content does not match its extension'),
            ...ROLE_ERRORS,
          },
        },
      },
      '/api/cases/{id}/attachments/{attachmentId}': {
        get: {
          summary: 'Download one attachment',
          parameters: parameters(attachmentParamsSchema, 'path'),
          responses: {
            200: { description: 'The file, with Content-Disposition: attachment and its stored content type' },
            404: error('NOT_FOUND: no such case or attachment'),
            ...ROLE_ERRORS,
          },
        },
      },
      ...WORKFLOW_PATHS,
      '/api/agents': {
        get: {
          summary: 'Status of every known agent, for supervisors and admins',
          responses: { 200: json({ type: 'array', items: ref('AgentStatus') }, 'The agents, ordered by agent id'), ...ROLE_ERRORS },
        },
      },
      ...TIME_LIMIT_PATHS,
      ...INTAKE_PATHS,
      ...DEPARTMENT_PATHS,
    },
  };
}
