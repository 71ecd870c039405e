/**
 * A running platform for the workflow API tests: the demo seed plus handlers of more units
 * and a second leader, and helpers that register cases and take actions over HTTP.
 */
import bcrypt from 'bcryptjs';
import { DEMO_PASSWORD } from '../../../db/seed';
import { startTestPlatform, type Dialect, type TestPlatform } from '../../server/support/test-platform';

export { DIALECTS } from '../../server/support/test-platform';
export type { Dialect } from '../../server/support/test-platform';

/** Extra users: username, display name, role and the code of their unit in the sample organisation. */
const EXTRA_USERS: [username: string, displayName: string, role: 'unit-handler' | 'leader', unitCode: string][] = [
  ['unit1b', '马军', 'unit-handler', '0101'],
  ['tax1', '高峰', 'unit-handler', '0105'],
  ['housing1', '何平', 'unit-handler', '0103'],
  ['discipline1', '钱坤', 'unit-handler', '0301'],
  ['leader2', '孙强', 'leader', '00'],
];

export type Username = 'agent1' | 'agent2' | 'monitor1' | 'unit1' | 'leader1' | 'admin' | (typeof EXTRA_USERS)[number][0];

export interface ActionResponse {
  status: number;
  body: any;
}

export interface WorkflowPlatform {
  test: TestPlatform;
  /** Tokens by username. */
  token: Record<Username, string>;
  /** Unit ids by code, such as `0101` for 县市场监督管理局. */
  unitId(code: string): number;
  categoryId(code: string): number;
  userId(username: Username): number;
  /** Registers a case as agent1 and returns its body. */
  register(overrides?: Record<string, unknown>): Promise<any>;
  act(username: Username, caseId: number, action: string, input?: Record<string, unknown>): Promise<ActionResponse>;
  /** Takes the action and throws unless it succeeds; returns the case view. */
  must(username: Username, caseId: number, action: string, input?: Record<string, unknown>): Promise<any>;
  read(username: Username, caseId: number): Promise<ActionResponse>;
  stop(): Promise<void>;
}

export async function startWorkflowPlatform(dialect: Dialect): Promise<WorkflowPlatform> {
  const test = await startTestPlatform(dialect);
  const { OrgUnit, Category, User } = test.platform.db.models;

  const units = new Map((await OrgUnit.findAll()).map((unit) => [unit.code, unit.id]));
  const categories = new Map((await Category.findAll()).map((category) => [category.code, category.id]));
  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 4);
  for (const [username, displayName, role, unitCode] of EXTRA_USERS) {
    await User.create({ username, displayName, role, passwordHash, orgUnitId: units.get(unitCode)! });
  }
  const users = new Map((await User.findAll()).map((user) => [user.username, user.id]));

  const usernames = ['agent1', 'agent2', 'monitor1', 'unit1', 'leader1', 'admin', ...EXTRA_USERS.map(([username]) => username)] as Username[];
  const token = Object.fromEntries(await Promise.all(usernames.map(async (name) => [name, await test.login(name)]))) as Record<Username, string>;

  const act: WorkflowPlatform['act'] = (username, caseId, action, input = {}) =>
    test.request('POST', `/api/cases/${caseId}/actions`, { token: token[username], body: { action, ...input } });

  return {
    test,
    token,
    unitId: (code) => units.get(code) ?? fail(`no unit ${code}`),
    categoryId: (code) => categories.get(code) ?? fail(`no category ${code}`),
    userId: (username) => users.get(username) ?? fail(`no user ${username}`),

    async register(overrides = {}) {
      const response = await test.request('POST', '/api/cases', {
        token: token.agent1,
        body: {
          channel: 'phone',
          kind: 'complaint',
          categoryId: categories.get('P01'),
          callerName: '张建华',
          callerNumber: '13812345678',
          title: '超市销售过期食品',
          content: '在城关镇某超市购买的牛奶已过保质期，要求查处。',
          ...overrides,
        },
      });
      if (response.status !== 201) throw new Error(`registering failed: ${JSON.stringify(response.body)}`);
      return response.body;
    },

    act,

    async must(username, caseId, action, input = {}) {
      const response = await act(username, caseId, action, input);
      if (response.status !== 200) throw new Error(`${action} by ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body;
    },

    read: (username, caseId) => test.request('GET', `/api/cases/${caseId}`, { token: token[username] }),

    stop: () => test.stop(),
  };
}

function fail(message: string): never {
  throw new Error(message);
}
