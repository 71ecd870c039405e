/** The page the window shows while the server cannot be reached and the main process keeps retrying. */

/** Seconds between attempts to load the server's page. */
export const RELOAD_INTERVAL_S = 5;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** Returns a data: URL of a Chinese page naming the server and the error. */
export function loadFailurePageUrl(serverUrl: string, errorDescription: string): string {
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>无法连接服务器</title></head>
<body style="font-family:'Microsoft YaHei','Noto Sans CJK SC',sans-serif;background:#eef1f5;color:#1f2933;display:grid;place-items:center;height:100vh;margin:0">
<div style="background:#fff;padding:32px 40px;border-radius:12px;max-width:520px">
<h1 style="font-size:22px;margin:0 0 12px">无法连接12345平台服务器</h1>
<p>服务器地址：${escapeHtml(serverUrl)}</p>
<p>错误信息：${escapeHtml(errorDescription)}</p>
<p>程序每 ${RELOAD_INTERVAL_S} 秒自动重试一次。如果服务器地址有误，请联系管理员修改设置文件中的 serverUrl。</p>
</div></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
