/** Opens a printable sheet of new accounts (name, username, initial password) for handing out. */
export interface PrintableAccount {
  row?: number;
  name: string;
  username: string;
  initialPassword: string | null;
}

function esc(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

export function accountsAsText(rows: PrintableAccount[]): string {
  const lines = ['姓名\t用户名\t初始密码'];
  for (const r of rows)
    lines.push(`${r.name}\t${r.username}\t${r.initialPassword ?? '（已有账号，沿用原密码）'}`);
  return lines.join('\n');
}

export function printAccounts(title: string, rows: PrintableAccount[]): boolean {
  const w = window.open('', '_blank', 'width=900,height=700');
  if (!w) return false;
  const body = rows
    .map(
      (r, i) =>
        `<tr><td>${i + 1}</td><td>${esc(r.name)}</td><td>${esc(r.username)}</td><td class="pw">${esc(
          r.initialPassword ?? '（已有账号，沿用原密码）',
        )}</td></tr>`,
    )
    .join('');
  w.document.write(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:'Microsoft YaHei','PingFang SC',sans-serif;padding:24px}h1{font-size:20px}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #333;padding:6px 10px;text-align:left}
.pw{font-family:Consolas,monospace;font-size:15px}p{color:#555;font-size:13px}</style></head><body>
<h1>${esc(title)}</h1><p>初始密码仅用于首次登录，登录后须立即修改。请将账号密码单独交给本人，妥善保管本表或用后销毁。</p>
<table><thead><tr><th>序号</th><th>姓名</th><th>用户名</th><th>初始密码</th></tr></thead><tbody>${body}</tbody></table>
<p>打印时间：${esc(new Date().toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }))}</p></body></html>`);
  w.document.close();
  w.focus();
  w.print();
  return true;
}
