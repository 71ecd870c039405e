/**
 * Builds the two public pages with esbuild into memory: a small script per page (plain DOM,
 * no framework), one stylesheet, and the HTML of `/intake` and `/progress`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { CASE_KINDS, CASE_KIND_LABELS } from '../../domain/terms';
import { INTAKE_CONTENT_MAX_LENGTH, INTAKE_ENTERPRISE_NAME_MAX_LENGTH, INTAKE_NAME_MAX_LENGTH, INTAKE_TITLE_MAX_LENGTH } from '../intake-request';

const pagesRoot = path.dirname(fileURLToPath(import.meta.url));

/** URL folder of the built scripts and stylesheet. */
export const PUBLIC_ASSET_PREFIX = '/public-assets';

export interface PublicPagesBundle {
  pages: { intake: string; progress: string };
  /** Built files by name, such as `intake-AB12CD34.js`. */
  files: Map<string, { contents: Uint8Array; contentType: string }>;
}

/** Throws esbuild's error, which lists every failing file and line, when the build fails. */
export async function buildPublicPages(): Promise<PublicPagesBundle> {
  const result = await esbuild.build({
    entryPoints: ['intake-page.ts', 'progress-page.ts', 'pages.css'].map((file) => path.join(pagesRoot, file)),
    bundle: true,
    write: false,
    outdir: path.join(pagesRoot, 'dist'),
    entryNames: '[name]-[hash]',
    format: 'esm',
    platform: 'browser',
    target: ['chrome100', 'safari15'],
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
  });

  const files: PublicPagesBundle['files'] = new Map();
  const built: Record<string, string> = {};
  for (const output of result.outputFiles) {
    const name = path.basename(output.path);
    const contentType = name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8';
    files.set(name, { contents: output.contents, contentType });
    built[name.replace(/-[A-Z0-9]+\.(js|css)$/, '.$1')] = `${PUBLIC_ASSET_PREFIX}/${name}`;
  }

  const stylesheet = built['pages.css'];
  return {
    pages: {
      intake: page('网上受理', stylesheet, built['intake-page.js'], INTAKE_BODY),
      progress: page('办理进度查询', stylesheet, built['progress-page.js'], PROGRESS_BODY),
    },
    files,
  };
}

function page(title: string, stylesheet: string, script: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · 民权县企业服务110平台</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${stylesheet}">
<script type="module" src="${script}"></script>
</head>
<body>
<header><h1>民权县企业服务110平台</h1><p>12345 热线 · 0370-12345 · 全天受理</p></header>
<main>
${body}
</main>
<footer><a href="/intake">网上受理</a> · <a href="/progress">办理进度查询</a></footer>
</body>
</html>
`;
}

const field = (name: string, label: string, control: string, hint = '') =>
  `<label class="field" data-field="${name}"><span>${label}</span>${control}${hint ? `<small>${hint}</small>` : ''}<em class="problem" role="alert"></em></label>`;

const kindOptions = CASE_KINDS.map((kind) => `<option value="${kind}">${CASE_KIND_LABELS[kind]}</option>`).join('');

const INTAKE_BODY = `<h2>企业诉求网上受理</h2>
<p class="lead">无需注册。提交后您将得到工单编号和查询码，凭此可查询办理进度。涉及人身安全等紧急情况请直接拨打 110。</p>
<form id="intake-form" novalidate>
${field('enterpriseName', '企业名称', `<input name="enterpriseName" maxlength="${INTAKE_ENTERPRISE_NAME_MAX_LENGTH}" required autocomplete="organization">`)}
${field('creditCode', '统一社会信用代码', '<input name="creditCode" maxlength="18" required autocomplete="off" spellcheck="false">', '18 位，见营业执照')}
${field('contactName', '联系人', `<input name="contactName" maxlength="${INTAKE_NAME_MAX_LENGTH}" required autocomplete="name">`)}
${field('contactPhone', '联系电话', '<input name="contactPhone" type="tel" maxlength="20" required autocomplete="tel">', '用于承办单位联系和回访')}
${field('kind', '诉求类型', `<select name="kind" required><option value="">请选择</option>${kindOptions}</select>`)}
${field('title', '标题', `<input name="title" maxlength="${INTAKE_TITLE_MAX_LENGTH}" required>`)}
${field('content', '诉求内容', `<textarea name="content" rows="8" maxlength="${INTAKE_CONTENT_MAX_LENGTH}" required></textarea>`, `请写明事项、时间、地点和诉求，最多 ${INTAKE_CONTENT_MAX_LENGTH} 字`)}
<label class="check"><input type="checkbox" name="confidential"> 请对我的身份保密（承办单位看不到联系人姓名和电话）</label>
<p class="problem form-problem" role="alert"></p>
<button type="submit">提交诉求</button>
</form>
<section id="receipt" hidden>
<h2>提交成功</h2>
<p>工单编号：<strong id="receipt-case-no"></strong></p>
<p>查询码：<strong id="receipt-query-code"></strong></p>
<p class="warning">查询码只显示这一次，请立即抄写或截图保存。凭工单编号和查询码可在<a href="/progress">办理进度查询</a>页面查看进度。</p>
</section>`;

const PROGRESS_BODY = `<h2>办理进度查询</h2>
<form id="progress-form" novalidate>
${field('caseNo', '工单编号', '<input name="caseNo" maxlength="20" required autocomplete="off" spellcheck="false" placeholder="如 MQ202603050001">')}
${field('queryCode', '查询码', '<input name="queryCode" maxlength="12" required autocomplete="off" spellcheck="false">')}
<p class="problem form-problem" role="alert"></p>
<button type="submit">查询</button>
</form>
<section id="progress" hidden>
<h2 id="progress-title"></h2>
<p>工单编号：<span id="progress-case-no"></span> · 类型：<span id="progress-kind"></span> · 提交时间：<span id="progress-submitted"></span></p>
<p>当前状态：<strong id="progress-state"></strong></p>
<ol id="progress-timeline"></ol>
</section>`;
