/**
 * `npm run certificate:verify -- FILE.pdf | PAYLOAD | URL [--keys public-keys.json]`: checks an
 * e-certificate offline. For a PDF: its digital signature (covers the whole file, unmodified, who
 * signed) and the SM2-signed QR payload it carries; for a payload or a scanned URL (…/verify?c=…):
 * the SM2 signature. Public keys come from `--keys` (the JSON of GET /api/v1/certificates/public-keys)
 * or from this installation's key store. Exit 0 when valid, 1 when not, 2 when it could not check.
 */
import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { loadConfig } from '../config.js';
import { signingKeyProviderOf } from '../crypto/signing-keys-config.js';
import { publicKeyLookup, verifyPayload } from '../crypto/certificate-signature.js';
import { verifyPdfSignature } from '../documents/pdf-signature.js';

async function publicKeys(args: string[]) {
  const i = args.indexOf('--keys');
  if (i >= 0 && args[i + 1]) {
    return JSON.parse(readFileSync(args[i + 1]!, 'utf8')) as { agencyCode: string; publicKey: string }[];
  }
  return signingKeyProviderOf(loadConfig()).publicKeys();
}

function payloadOf(text: string): string {
  const m = /[?&]c=([^&#\s]+)/.exec(text);
  return m ? decodeURIComponent(m[1]!) : text.trim();
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const target = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--keys');
  if (!target) {
    console.error('用法：npm run certificate:verify -- 证书.pdf | 二维码内容 | 查验网址 [--keys 公钥.json]');
    return 2;
  }
  let ok = true;
  let payload: string;
  if (/\.pdf$/i.test(target)) {
    const bytes = readFileSync(target);
    const sig = verifyPdfSignature(bytes);
    if (!sig.signed) {
      console.log('PDF 电子签名：无（文件未签名）');
      ok = false;
    } else if (!sig.intact) {
      console.log('PDF 电子签名：无效——文件在签名后被修改，或签名与文件不符');
      ok = false;
    } else {
      console.log(`PDF 电子签名：有效，签名者 ${sig.signer ?? '未知'}，签名后未被修改`);
    }
    let subject: string | undefined;
    try {
      subject = (await PDFDocument.load(bytes, { updateMetadata: false })).getSubject();
    } catch {
      subject = undefined;
    }
    if (!subject) {
      console.log('二维码数据：PDF 中未找到');
      return 1;
    }
    payload = subject;
  } else {
    payload = payloadOf(target);
  }
  const result = verifyPayload(payload, publicKeyLookup(await publicKeys(args)));
  if (result.valid) {
    const c = result.claims;
    console.log(`二维码签名（SM2）：有效——${c.agency}`);
    console.log(
      `  证书编号 ${c.number}  姓名 ${c.name}  ${c.series} ${c.specialty} ${c.qualification}（${c.level}）`,
    );
    console.log(`  批准文号 ${c.documentNumber}  取得资格时间 ${c.obtainedOn}  发证日期 ${c.issuedOn}`);
    console.log('  证书当前是否有效（未被撤销）请在系统“证书查询”页面查验。');
  } else {
    console.log(`二维码签名（SM2）：${result.reason}——${result.detail}`);
    ok = false;
  }
  return ok ? 0 : 1;
}

main()
  .then((code) => (process.exitCode = code))
  .catch((e: unknown) => {
    console.error(`无法查验：${(e as Error).message}`);
    process.exitCode = 2;
  });
