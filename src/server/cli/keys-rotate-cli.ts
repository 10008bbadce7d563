/**
 * `npm run keys:rotate`: personal-data key rotation (issue 13 item 5; procedure in README 个人信息加密).
 *  - `-- --add-key`: adds a fresh key to the keys file and makes it current (with PERSONAL_DATA_KEYS,
 *    put the new key first in the variable instead). Then restart every instance, so that all of them
 *    read and write with it, and run the command without the flag;
 *  - no flag: re-encrypts every ID and mobile number not under the current key and recomputes its
 *    blind index, in batches of 1 000 rows, each batch one transaction (interrupted: run it again).
 *    Lookups match every key held meanwhile, so the system stays in service. Afterwards the old key
 *    may be removed from the file or the variable (keep it with the backups made before).
 * Exit 0 on success, 1 on failure, 2 when the keys or the database cannot be opened.
 */
import { ConfigError, loadConfig } from '../config.js';
import { usePersonalDataKeys } from '../crypto/personal-data-cipher.js';
import { addPersonalDataKeyToFile, loadPersonalDataKeys } from '../crypto/personal-data-keys.js';
import { rotatePersonalData } from '../modules/personal-data/personal-data-service.js';
import { openConfiguredDatabase } from './cli-database.js';

const tableNames = { persons: '人员', social_insurance_records: '社保参保信息', blacklist_entries: '黑名单' };

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    console.error(e instanceof ConfigError ? e.message : (e as Error).message);
    return 2;
  }
  if (process.argv.includes('--add-key')) {
    if (config.PERSONAL_DATA_KEYS) {
      console.error(
        '已设置 PERSONAL_DATA_KEYS：请把新密钥（编号:64位十六进制）加在变量开头，重启各实例后再运行本命令（不带 --add-key）',
      );
      return 2;
    }
    const keys = await addPersonalDataKeyToFile(config);
    console.log(
      `已生成新的个人信息密钥“${keys.currentKeyId}”并设为当前密钥。请重启所有实例，然后运行 npm run keys:rotate 重新加密。`,
    );
    return 0;
  }
  let keys;
  try {
    keys = await loadPersonalDataKeys(config);
  } catch (e) {
    console.error(`无法读取个人信息密钥：${(e as Error).message}`);
    return 2;
  }
  usePersonalDataKeys(keys);
  const database = await openConfiguredDatabase();
  try {
    const counts = await rotatePersonalData(database.db, new Date(), (table, done) =>
      console.log(`  ${tableNames[table]}：已重新加密 ${done} 行`),
    );
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(
      `完成：共 ${total} 行改用当前密钥“${keys.currentKeyId}”加密并重算索引` +
        `（人员 ${counts.persons}，社保参保信息 ${counts.social_insurance_records}，黑名单 ${counts.blacklist_entries}）。` +
        (keys.keyIds().length > 1
          ? `旧密钥 ${keys.keyIds().slice(1).join('、')} 现可移除（请与旧备份一同保管）。`
          : ''),
    );
    return 0;
  } catch (e) {
    console.error(`重新加密失败（已完成的批次保留，可再次运行继续）：${(e as Error).message}`);
    return 1;
  } finally {
    await database.close();
  }
}

process.exitCode = await main();
