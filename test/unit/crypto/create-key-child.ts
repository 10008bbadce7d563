/**
 * Child process for the concurrent-creation test: loads, prints "ready", waits for a line on stdin, then asks
 * for the agency's key and prints its public key. Usage: node --import tsx create-key-child.ts <keysDir> <code>
 */
import { ConfiguredSigningKeyProvider } from '../../../src/server/crypto/agency-keys.js';

const [keysDir, agencyCode] = process.argv.slice(2) as [string, string];
const provider = new ConfiguredSigningKeyProvider({ keysDir });
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
const pair = await provider.keyPair(agencyCode);
process.stdout.write(pair.publicKey + '\n');
process.stdin.destroy();
