/**
 * Case attachments through the REST API on SQLite and MariaDB: upload, list and download, the
 * size and type limits, sanitised names, and access like the case itself.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, startTestPlatform, type TestPlatform } from '../server/support/test-platform';

const PDF_BYTES = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n');
const PNG_BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

interface UploadFile {
  name: string;
  bytes: Buffer;
  type?: string;
}

describe.each(DIALECTS)('attachments API on %s', (dialect) => {
  let test: TestPlatform;
  let folder: string;
  let agent: string;
  let unitHandler: string;
  let leader: string;
  let ownUnitCaseId: number;
  let otherUnitCaseId: number;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'mq-attachments-'));
    test = await startTestPlatform(dialect, { env: { ATTACHMENTS_DIR: folder, ATTACHMENT_MAX_MB: '1' } });
    [agent, unitHandler, leader] = await Promise.all([test.login('agent1'), test.login('unit1'), test.login('leader1')]);

    const { OrgUnit, User } = test.platform.db.models;
    const handler = await User.findOne({ where: { username: 'unit1' } });
    const otherUnit = await OrgUnit.findOne({ where: { code: '0102' } });
    ownUnitCaseId = await dispatchedCase('厂区门前道路破损', handler!.orgUnitId);
    otherUnitCaseId = await dispatchedCase('项目备案咨询', otherUnit!.id);
  });
  afterAll(async () => {
    await test?.stop();
    await rm(folder, { recursive: true, force: true });
  });

  /** Registers a case as the agent and dispatches it to `unitId` as lead unit. */
  async function dispatchedCase(title: string, unitId: number): Promise<number> {
    const categories = await test.request('GET', '/api/categories', { token: agent });
    const created = await test.request('POST', '/api/cases', {
      token: agent,
      body: {
        channel: 'phone',
        kind: 'help',
        categoryId: categories.body[1].id,
        callerName: '孙女士',
        callerNumber: '13700000002',
        anonymous: false,
        confidential: false,
        title,
        content: `${title}，请相关单位处理。`,
      },
    });
    expect(created.status).toBe(201);
    const caseId = created.body.id as number;

    const dispatched = await test.request('POST', `/api/cases/${caseId}/actions`, { token: agent, body: { action: 'dispatch', leadUnitId: unitId } });
    expect(dispatched.status).toBe(200);
    return caseId;
  }

  /** Takes an action on the case and expects it to succeed. */
  async function act(caseId: number, token: string, body: Record<string, unknown>): Promise<void> {
    const response = await test.request('POST', `/api/cases/${caseId}/actions`, { token, body });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  }

  async function upload(caseId: number, token: string | null, files: UploadFile[]) {
    const form = new FormData();
    for (const file of files) form.append('files', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }), file.name);
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const response = await fetch(`${test.url}/api/cases/${caseId}/attachments`, { method: 'POST', headers, body: form });
    return { status: response.status, body: await response.json() };
  }

  const storedFiles = async () => (await readdir(folder)).sort();

  it('stores a unit reply file and lists it on the case', async () => {
    const response = await upload(ownUnitCaseId, unitHandler, [{ name: '答复函.pdf', bytes: PDF_BYTES, type: 'application/pdf' }]);

    expect(response.status).toBe(201);
    expect(response.body).toHaveLength(1);
    expect(response.body[0]).toMatchObject({
      caseId: ownUnitCaseId,
      fileName: '答复函.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF_BYTES.length,
      uploadedByName: '陈磊',
    });
    expect(await storedFiles()).toHaveLength(1);

    const listed = await test.request('GET', `/api/cases/${ownUnitCaseId}/attachments`, { token: unitHandler });
    expect(listed.status).toBe(200);
    expect(listed.body.map((file: { fileName: string }) => file.fileName)).toEqual(['答复函.pdf']);
  });

  it('adds the upload to the case timeline', async () => {
    const read = await test.request('GET', `/api/cases/${ownUnitCaseId}`, { token: agent });

    const entry = read.body.timeline.find((event: { type: string }) => event.type === 'attachment-added');
    expect(entry).toMatchObject({ note: '答复函.pdf', actorName: '陈磊' });
  });

  it('downloads the same bytes under the original name', async () => {
    const listed = await test.request('GET', `/api/cases/${ownUnitCaseId}/attachments`, { token: agent });
    const attachmentId = listed.body[0].id;

    const response = await fetch(`${test.url}/api/cases/${ownUnitCaseId}/attachments/${attachmentId}`, { headers: { authorization: `Bearer ${agent}` } });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('答复函.pdf')}`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(PDF_BYTES);
  });

  it('rejects a file over the size limit with 413 and keeps nothing', async () => {
    const before = await storedFiles();
    const big = Buffer.concat([PDF_BYTES, Buffer.alloc(1024 * 1024)]);

    const response = await upload(ownUnitCaseId, unitHandler, [{ name: '现场照片合集.pdf', bytes: big }]);

    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.message).toBe('附件“现场照片合集.pdf”超过 1 MB 的大小上限，请压缩或拆分后重新上传');
    expect(await storedFiles()).toEqual(before);
  });

  it('rejects a type that is not accepted with 415', async () => {
    const response = await upload(ownUnitCaseId, unitHandler, [{ name: 'setup.exe', bytes: Buffer.from('MZ\x90\x00') }]);

    expect(response.status).toBe(415);
    expect(response.body.error.message).toBe('不支持附件“setup.exe”的文件类型，只能上传PDF、图片（JPG、PNG）、Word、Excel 或文本文件（TXT）');
  });

  it('rejects a file whose content does not match its extension', async () => {
    const response = await upload(ownUnitCaseId, unitHandler, [{ name: '照片.png', bytes: Buffer.from('<script>alert(1)</script>') }]);

    expect(response.status).toBe(415);
    expect(response.body.error.message).toBe('附件“照片.png”的内容不是PNG 图片，与扩展名不符，请检查文件后重新上传');
  });

  it('keeps none of the files when one of several is rejected', async () => {
    const before = await storedFiles();

    const response = await upload(ownUnitCaseId, unitHandler, [
      { name: '整改照片.png', bytes: PNG_BYTES },
      { name: 'macro.js', bytes: Buffer.from('alert(1)') },
    ]);

    expect(response.status).toBe(415);
    expect(await storedFiles()).toEqual(before);
    const listed = await test.request('GET', `/api/cases/${ownUnitCaseId}/attachments`, { token: unitHandler });
    expect(listed.body).toHaveLength(1);
  });

  it('strips directories and reserved characters from file names', async () => {
    const response = await upload(ownUnitCaseId, unitHandler, [{ name: '..\\..\\windows\\整改<报告>?.pdf', bytes: PDF_BYTES }]);

    expect(response.status).toBe(201);
    expect(response.body[0].fileName).toBe('整改报告.pdf');
    for (const name of await storedFiles()) expect(name).toMatch(/^[0-9a-f]{32}\.[a-z]+$/);
  });

  it('rejects more than five files in one request', async () => {
    const before = await storedFiles();
    const files = Array.from({ length: 6 }, (_, index) => ({ name: `现场照片${index + 1}.png`, bytes: PNG_BYTES }));

    const response = await upload(ownUnitCaseId, unitHandler, files);

    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe('一次最多上传 5 个附件');
    expect(await storedFiles()).toEqual(before);
  });

  it('rejects an empty file', async () => {
    const response = await upload(ownUnitCaseId, unitHandler, [{ name: '空白.txt', bytes: Buffer.alloc(0) }]);

    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe('附件“空白.txt”是空文件');
  });

  it('rejects a request without a file', async () => {
    const response = await upload(ownUnitCaseId, unitHandler, []);

    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe('请选择要上传的附件');
  });

  it('rejects a body that is not multipart', async () => {
    const response = await test.request('POST', `/api/cases/${ownUnitCaseId}/attachments`, { token: unitHandler, body: { files: [] } });

    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe('请以 multipart/form-data 格式上传附件');
  });

  it("forbids a unit handler another unit's case", async () => {
    const uploaded = await upload(otherUnitCaseId, unitHandler, [{ name: '答复函.pdf', bytes: PDF_BYTES }]);
    const listed = await test.request('GET', `/api/cases/${otherUnitCaseId}/attachments`, { token: unitHandler });

    expect(uploaded.status).toBe(403);
    expect(uploaded.body.error).toMatchObject({ code: 'FORBIDDEN', message: '您的角色无权查看此工单的附件' });
    expect(listed.status).toBe(403);
  });

  it("forbids downloading another unit's file through one's own case", async () => {
    const stored = await upload(otherUnitCaseId, agent, [{ name: '备案材料清单.txt', bytes: Buffer.from('营业执照复印件\n') }]);
    expect(stored.status).toBe(201);

    const asOwnCase = await test.request('GET', `/api/cases/${ownUnitCaseId}/attachments/${stored.body[0].id}`, { token: unitHandler });
    const direct = await test.request('GET', `/api/cases/${otherUnitCaseId}/attachments/${stored.body[0].id}`, { token: unitHandler });

    expect(asOwnCase.status).toBe(404);
    expect(asOwnCase.body.error.message).toBe('附件不存在');
    expect(direct.status).toBe(403);
  });

  it('forbids leaders to upload', async () => {
    const response = await upload(ownUnitCaseId, leader, [{ name: '批示.pdf', bytes: PDF_BYTES }]);

    expect(response.status).toBe(403);
    expect(response.body.error.message).toBe('您的角色无权上传附件');
  });

  it('requires a login', async () => {
    const response = await upload(ownUnitCaseId, null, [{ name: '答复函.pdf', bytes: PDF_BYTES }]);

    expect(response.status).toBe(401);
  });

  it('answers 404 for an unknown case', async () => {
    const response = await upload(999_999, agent, [{ name: '答复函.pdf', bytes: PDF_BYTES }]);

    expect(response.status).toBe(404);
    expect(response.body.error.message).toBe('工单不存在');
  });

  it('stops unit uploads once the case has left the unit', async () => {
    await act(ownUnitCaseId, unitHandler, { action: 'sign' });
    await act(ownUnitCaseId, unitHandler, { action: 'contact', method: 'phone', note: '已电话联系孙女士，约定现场查看' });
    await act(ownUnitCaseId, unitHandler, { action: 'reply', reply: '已安排施工队修复厂区门前道路。' });

    const response = await upload(ownUnitCaseId, unitHandler, [{ name: '补充材料.pdf', bytes: PDF_BYTES }]);

    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('INVALID_STATE');
    expect(response.body.error.message).toBe('工单当前状态为已答复，承办单位只能在办理期间（已转办、已签收、办理中）上传附件');
  });
});
